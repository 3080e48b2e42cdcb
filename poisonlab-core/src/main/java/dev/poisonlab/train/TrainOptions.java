/*
 * How a training run executes, as opposed to what it trains (the rest of TrainRequest, recorded as RunConfig
 * in config.json): the device, PyTorch threads, the optional per-sequence loss log and the policy for a
 * non-finite step. None of these is part of a run's identity, so a resumed run may use others.
 */
package dev.poisonlab.train;

import java.util.Locale;

/**
 * @param device cpu, gpu or gpu:N
 * @param threads PyTorch intra-op threads; 0 = one per core
 * @param logSequences also write every trained window's per-token losses (RUNDIR/sequences.bin)
 * @param skipNonfinite skip (do not apply, count) a step whose loss or gradient norm is NaN or
 *     infinite, instead of stopping the run there
 */
public record TrainOptions(
    String device, int threads, boolean logSequences, boolean skipNonfinite) {
  /** One-per-core CPU training, no sequence log, stop at a non-finite step. */
  public static final TrainOptions DEFAULT = new TrainOptions("cpu", 0, false, false);

  public TrainOptions {
    device = device == null ? "cpu" : device;
    // checked here, before any work, so the CLI reports them as option errors
    if (!device.toLowerCase(Locale.ROOT).matches("cpu|gpu(:\\d+)?")) {
      throw new IllegalArgumentException(
          "--device must be cpu, gpu or gpu:N, got '" + device + "'");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
    }
  }
}
