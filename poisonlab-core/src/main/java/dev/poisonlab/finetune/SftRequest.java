/*
 * What one `poisonlab finetune` asks for: the pretrained run and checkpoint to start from, the SFT run
 * directory to write, the run's SftConfig, and where to compute (device, threads: speed only, not numbers).
 * Defaults live only in Builder.
 */
package dev.poisonlab.finetune;

import java.nio.file.Path;
import java.util.Objects;

public record SftRequest(
    Path pretrainedRun,
    Long checkpointStep,
    Path runDirectory,
    SftConfig config,
    String device,
    int threads) {

  public SftRequest {
    Objects.requireNonNull(pretrainedRun, "pretrainedRun");
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(device, "device");
  }

  public static Builder builder(Path pretrainedRun, Path runDirectory) {
    return new Builder(pretrainedRun, runDirectory);
  }

  /**
   * Defaults: the pretrained run's last checkpoint, SftConfig's defaults, cpu, one thread per core.
   */
  public static final class Builder {
    private final Path pretrainedRun;
    private final Path runDirectory;
    private Long checkpointStep;
    private SftConfig config = SftConfig.builder().build();
    private String device = "cpu";
    private int threads = 0;

    private Builder(Path pretrainedRun, Path runDirectory) {
      this.pretrainedRun = pretrainedRun;
      this.runDirectory = runDirectory;
    }

    public Builder optCheckpointStep(Long value) {
      checkpointStep = value;
      return this;
    }

    public Builder optConfig(SftConfig value) {
      config = value;
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

    public SftRequest build() {
      return new SftRequest(pretrainedRun, checkpointStep, runDirectory, config, device, threads);
    }
  }
}
