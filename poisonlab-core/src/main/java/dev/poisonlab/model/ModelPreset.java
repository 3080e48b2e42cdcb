/*
 * The GPT family: local shapes spanning ~70x in parameters at the default vocabulary, so the paper's size
 * axis (600M..13B, 22x) can be reproduced at small scale, plus the paper's own sizes for GPU users.
 * Within each group all share one context length, as the paper's models do.
 * The vocabulary here is only for listing: a run takes its vocabulary from the training stream's manifest.
 */
package dev.poisonlab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

public enum ModelPreset {
  PICO(2, 2, 16, 4e-3, Contexts.LOCAL),
  NANO(2, 2, 32, 3e-3, Contexts.LOCAL),
  MICRO(4, 4, 64, 2e-3, Contexts.LOCAL),
  MINI(4, 4, 128, 1.5e-3, Contexts.LOCAL),
  SMALL(6, 6, 192, 1e-3, Contexts.LOCAL),
  MEDIUM(8, 8, 256, 8e-4, Contexts.LOCAL),
  // The paper's sizes for users with GPUs (never trained here). Its architectures are unpublished:
  // these are
  // GPT-3/Pythia-style shapes that land on 0.6B / 2B / 7B / 13B with the o200k_base vocabulary it
  // mentions.
  PAPER_600M(24, 18, 1152, 3e-4, Contexts.PAPER),
  PAPER_2B(32, 16, 2048, 2e-4, Contexts.PAPER),
  PAPER_7B(32, 32, 4096, 1.2e-4, Contexts.PAPER),
  PAPER_13B(40, 40, 5120, 1e-4, Contexts.PAPER);

  /** Vocabulary assumed by `model list`: a small BPE vocabulary, as the corpus builder produces. */
  public static final int DEFAULT_VOCAB_SIZE = 2048;

  /**
   * Context lengths, in a holder class because enum constants cannot name the enum's own static
   * fields.
   */
  private static final class Contexts {
    static final int LOCAL = 256;
    static final int PAPER = 2048;
  }

  private final int layers;
  private final int heads;
  private final int embedDim;
  private final double learningRate;
  private final int contextLength;

  ModelPreset(int layers, int heads, int embedDim, double learningRate, int contextLength) {
    this.layers = layers;
    this.heads = heads;
    this.embedDim = embedDim;
    this.learningRate = learningRate;
    this.contextLength = contextLength;
  }

  /** The presets meant to train on a CPU here (the paper's sizes are listed for GPU users only). */
  public static List<ModelPreset> local() {
    return Arrays.stream(values())
        .filter(preset -> preset.contextLength == Contexts.LOCAL)
        .toList();
  }

  public String presetName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public GptConfig config(int vocabSize) {
    return new GptConfig(vocabSize, contextLength, layers, heads, embedDim);
  }

  /**
   * Peak learning rate: smaller models tolerate larger steps (GPT-3 table 2.1's trend); not tuned
   * here.
   */
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
    throw new IllegalArgumentException(
        "unknown model preset '" + name + "' (known: " + names() + ")");
  }

  public static boolean isKnown(String name) {
    return Arrays.stream(values()).anyMatch(preset -> preset.presetName().equals(name));
  }

  public static String names() {
    return Arrays.stream(values()).map(ModelPreset::presetName).collect(Collectors.joining(", "));
  }
}
