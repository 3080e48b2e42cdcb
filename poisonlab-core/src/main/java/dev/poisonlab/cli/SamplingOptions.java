/*
 * The sampling options `eval` and `sample` share (picocli @Mixin): temperature, top-k, top-p and the seed.
 * Not validation: SamplingConfig's constructor rejects bad values with a message naming the field.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.SamplingConfig;
import picocli.CommandLine.Option;

final class SamplingOptions {
  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      description = "Sampling temperature, 0 = greedy (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--top-k",
      defaultValue = "0",
      description = "Keep the k most likely tokens, 0 = off (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(
      names = "--top-p",
      defaultValue = "1.0",
      description = "Nucleus sampling mass, 1 = off (default: ${DEFAULT-VALUE}).")
  double topP;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  SamplingConfig config() {
    return new SamplingConfig(temperature, topK, topP);
  }
}
