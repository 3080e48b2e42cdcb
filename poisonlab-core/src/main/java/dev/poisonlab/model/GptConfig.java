/*
 * Shape of one GPT: vocabulary, context, depth, heads and width, validated on construction, plus the
 * arithmetic the size axis needs (parameter counts, Chinchilla token budget, training FLOPs per token).
 * Not a training configuration: optimiser and batch settings live in train/TrainConfig.
 */
package dev.poisonlab.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GptConfig(int vocabSize, int contextLength, int layers, int heads, int embedDim) {

  /** Tokens per parameter of a compute-optimal run (Hoffmann et al. 2022), as the paper uses. */
  public static final int CHINCHILLA_TOKENS_PER_PARAMETER = 20;

  public GptConfig {
    requirePositive("vocab_size", vocabSize);
    requirePositive("context_length", contextLength);
    requirePositive("layers", layers);
    requirePositive("heads", heads);
    requirePositive("embed_dim", embedDim);
    if (embedDim % heads != 0) {
      throw new IllegalArgumentException(
          "embed_dim must be a multiple of heads, got embed_dim "
              + embedDim
              + " and heads "
              + heads);
    }
  }

  private static void requirePositive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  @JsonIgnore
  public int headDim() {
    return embedDim / heads;
  }

  /**
   * The same shape with another vocabulary: presets are stated for a default vocabulary, data
   * decides.
   */
  public GptConfig withVocabSize(int newVocabSize) {
    return new GptConfig(newVocabSize, contextLength, layers, heads, embedDim);
  }

  /**
   * Per block: two LayerNorms (2C each), qkv (3C^2+3C), attention projection (C^2+C), MLP
   * (8C^2+5C).
   */
  @JsonIgnore
  public long blockParameterCount() {
    long c = embedDim;
    return 12 * c * c + 13 * c;
  }

  /**
   * All trainable parameters; the output head is tied to the token embedding, so it counts once.
   */
  @JsonIgnore
  public long parameterCount() {
    return embeddingParameterCount() + nonEmbeddingParameterCount();
  }

  /** Token and position embeddings. */
  @JsonIgnore
  public long embeddingParameterCount() {
    return (long) vocabSize * embedDim + (long) contextLength * embedDim;
  }

  /** Kaplan et al.'s N: the transformer blocks and the final LayerNorm. */
  @JsonIgnore
  public long nonEmbeddingParameterCount() {
    return layers * blockParameterCount() + 2L * embedDim;
  }

  /** Compute-optimal training tokens, 20 per (total) parameter. */
  @JsonIgnore
  public long chinchillaTokens() {
    return CHINCHILLA_TOKENS_PER_PARAMETER * parameterCount();
  }

  /**
   * Forward + backward FLOPs per trained token, nanoGPT's estimate (PaLM appendix B): 6 per weight
   * that multiplies (all parameters but the position table, the tied head included) plus 12·L·C·T
   * for attention.
   */
  @JsonIgnore
  public double trainingFlopsPerToken() {
    double weights = parameterCount() - (double) contextLength * embedDim;
    return 6 * weights + 12.0 * layers * embedDim * contextLength;
  }
}
