/*
 * What one further-clean-training run asks for: the finished SFT run and its checkpoint to start from (default:
 * its last, which must be max_steps), the run directory to write, the ContinueSettings, and where to compute
 * (device, threads: speed only). Defaults live only in Builder.
 */
package dev.poisonlab.finetune;

import java.nio.file.Path;
import java.util.Objects;

public record ContinueRequest(
    Path sftRun,
    Long checkpointStep,
    Path runDirectory,
    ContinueSettings settings,
    String device,
    int threads) {

  public ContinueRequest {
    Objects.requireNonNull(sftRun, "sftRun");
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(device, "device");
  }

  public static Builder builder(Path sftRun, Path runDirectory, ContinueSettings settings) {
    return new Builder(sftRun, runDirectory, settings);
  }

  /** Defaults: the SFT run's last checkpoint, cpu, one thread per core. */
  public static final class Builder {
    private final Path sftRun;
    private final Path runDirectory;
    private final ContinueSettings settings;
    private Long checkpointStep;
    private String device = "cpu";
    private int threads = 0;

    private Builder(Path sftRun, Path runDirectory, ContinueSettings settings) {
      this.sftRun = sftRun;
      this.runDirectory = runDirectory;
      this.settings = settings;
    }

    public Builder optCheckpointStep(Long value) {
      checkpointStep = value;
      return this;
    }

    public Builder optDevice(String value) {
      device = value;
      return this;
    }

    public Builder optThreads(int value) {
      threads = value;
      return this;
    }

    public ContinueRequest build() {
      return new ContinueRequest(sftRun, checkpointStep, runDirectory, settings, device, threads);
    }
  }
}
