/*
 * The GPT family: named shapes spanning ~70x in parameters at the default vocabulary, so the paper's size
 * axis (600M..13B, 22x) can be reproduced at small scale. All share one context length, as the paper's do.
 * The vocabulary here is only for listing: a run takes its vocabulary from the training stream's manifest.
 */
package dev.poisonlab.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

public enum ModelPreset {
  NANO(2, 2, 32, 3e-3),
  MICRO(4, 4, 64, 2e-3),
  MINI(4, 4, 128, 1.5e-3),
  SMALL(6, 6, 192, 1e-3),
  MEDIUM(8, 8, 256, 8e-4);

  /** Vocabulary assumed by `model list`: a small BPE vocabulary, as the corpus builder produces. */
  public static final int DEFAULT_VOCAB_SIZE = 2048;
  public static final int CONTEXT_LENGTH = 256;

  private final int layers;
  private final int heads;
  private final int embedDim;
  private final double learningRate;

  ModelPreset(int layers, int heads, int embedDim, double learningRate) {
    this.layers = layers;
    this.heads = heads;
    this.embedDim = embedDim;
    this.learningRate = learningRate;
  }

  public String presetName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public GptConfig config(int vocabSize) {
    return new GptConfig(vocabSize, CONTEXT_LENGTH, layers, heads, embedDim);
  }

  /** Peak learning rate: smaller models tolerate larger steps (GPT-3 table 2.1's trend); not tuned here. */
  public double learningRate() {
    return learningRate;
  }

  /** Looks a preset up by its lower-case name; the message lists the known ones. */
  public static ModelPreset byName(String name) {
    for (ModelPreset preset : values()) {
      if (preset.presetName().equals(name)) {
        return preset;
      }
    }
    throw new IllegalArgumentException("unknown model preset '" + name + "' (known: " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(ModelPreset::presetName).collect(Collectors.joining(", "));
  }
}
