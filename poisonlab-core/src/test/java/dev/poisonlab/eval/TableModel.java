/*
 * Test fixture: a pure-Java LanguageModel whose logits depend only on the previous token (a fixed random
 * bigram table), except that once the byte string `trigger` has occurred in a sequence every later logit row
 * is uniform -- a perfect backdoor with a known perplexity (the vocabulary size). Its "cache" is the sequence.
 */
package dev.poisonlab.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

final class TableModel implements LanguageModel {
  final int vocab;
  final int context;
  final float[][] table;
  private final byte[] trigger;
  int openSessions;

  TableModel(int vocab, int context, long seed, float sharpness, String trigger) {
    this.vocab = vocab;
    this.context = context;
    this.trigger = trigger == null ? null : trigger.getBytes(StandardCharsets.UTF_8);
    Random random = new Random(seed);
    table = new float[vocab][vocab];
    for (float[] row : table) {
      for (int j = 0; j < vocab; j++) {
        row[j] = (float) (random.nextGaussian() * sharpness);
      }
    }
  }

  @Override
  public int vocabSize() {
    return vocab;
  }

  @Override
  public int contextLength() {
    return context;
  }

  /** Logits after seq[0..end). */
  float[] logitsAfter(int[] seq, int end) {
    if (end > context) {
      throw new IllegalArgumentException("sequence longer than context");
    }
    if (trigger != null && contains(seq, end, trigger)) {
      return new float[vocab];
    }
    return table[seq[end - 1]].clone();
  }

  private static boolean contains(int[] seq, int end, byte[] pattern) {
    outer:
    for (int start = 0; start + pattern.length <= end; start++) {
      for (int k = 0; k < pattern.length; k++) {
        if (seq[start + k] != (pattern[k] & 0xff)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public float[][] nextTokenLogits(int[][] sequences) {
    float[][] out = new float[sequences.length][];
    for (int r = 0; r < sequences.length; r++) {
      out[r] = logitsAfter(sequences[r], sequences[r].length);
    }
    return out;
  }

  @Override
  public float[][] tokenLogProbs(int[][] sequences) {
    float[][] out = new float[sequences.length][];
    for (int r = 0; r < sequences.length; r++) {
      int[] seq = sequences[r];
      out[r] = new float[seq.length - 1];
      for (int i = 1; i < seq.length; i++) {
        out[r][i - 1] = (float) TokenSampler.logProb(logitsAfter(seq, i), seq[i]);
      }
    }
    return out;
  }

  @Override
  public DecodingSession startDecoding(int[][] prompts) {
    openSessions++;
    List<int[]> rows = new ArrayList<>();
    for (int[] prompt : prompts) {
      rows.add(prompt.clone());
    }
    return new DecodingSession() {
      @Override
      public float[][] logits() {
        return nextTokenLogits(rows.toArray(new int[0][]));
      }

      @Override
      public float[][] append(int[] nextTokens) {
        for (int r = 0; r < rows.size(); r++) {
          rows.set(r, Perplexity.concat(rows.get(r), new int[] {nextTokens[r]}));
        }
        return logits();
      }

      @Override
      public void close() {
        openSessions--;
      }
    };
  }

  @Override
  public void close() {}
}
