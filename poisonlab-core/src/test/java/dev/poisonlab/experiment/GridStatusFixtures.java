/*
 * A fake grid directory for GridStatus, laid out by hand with the files the real code writes for each state:
 * grid.json from GridSpec.toJson (as GridWorkspace), train/config.json from a RunConfig (as Trainer),
 * metrics.jsonl through MetricsLog, checkpoints/step-N/checkpoint.json under TrainCheckpoint's names,
 * rows.csv and failure.txt under GridRunner's, .lock as DirectoryLock writes it. Nothing is trained.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.ModelPreset;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.ResumeState;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.TrainCheckpoint;
import dev.poisonlab.train.TrainConfig;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongToDoubleFunction;

public final class GridStatusFixtures {
  /** Every nano run of the fake grid trains 1000 steps of 4 x 256 tokens. */
  public static final long MAX_STEPS = 1000;

  public static final int BATCH = 4;
  public static final int VOCAB = 256; // the byte tokenizer's

  /** A pid above Linux's pid_max (4,194,304): never alive. */
  public static final String DEAD_PID = "999999999";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GridStatusFixtures() {}

  /**
   * grid.json of nano and micro, counts 10, 20, 30 with twins, one seed: runs nano-p0, -p10, -p20,
   * -p30, then micro-p0 ... -p30 (x1-s1), in that order.
   */
  public static GridSpec writeSpec(Path grid) throws IOException {
    GridSpec spec =
        GridSpec.builder()
            .models(List.of("nano", "micro"))
            .poisonCounts(List.of(10, 20, 30))
            .seeds(List.of(1L))
            .tokenizer("bytes")
            .corpus(List.of("corpus.jsonl"))
            .optName("fake")
            .optCleanTwin(true)
            .optBatchSize(BATCH)
            .build();
    Files.createDirectories(grid);
    Files.writeString(grid.resolve(GridWorkspace.SPEC_FILE), spec.toJson() + "\n");
    return spec;
  }

  public static Path run(Path grid, String id) throws IOException {
    return Files.createDirectories(grid.resolve("runs").resolve(id));
  }

  /** train/config.json of a nano run of MAX_STEPS steps, as Trainer writes it. */
  public static void config(Path run) throws IOException {
    Path train = Files.createDirectories(run.resolve("train"));
    RunConfig config =
        new RunConfig(
            "nano",
            ModelPreset.NANO.config(VOCAB),
            TrainConfig.builder(MAX_STEPS, 3e-3, 1).optBatchSize(BATCH).build(),
            new RunConfig.DataSummary(
                run.resolve("stream").toString(), "0".repeat(64), "bytes", VOCAB, 1, 1, 0, 1));
    Files.writeString(train.resolve(Trainer.CONFIG_FILE), JSON.writeValueAsString(config) + "\n");
  }

  /** metrics.jsonl with steps 1..last, tokens_per_s given per step, through MetricsLog. */
  public static void metrics(Path run, long last, LongToDoubleFunction tokensPerSecond) {
    try (MetricsLog log = MetricsLog.open(run.resolve("train"), 0)) {
      for (long step = 1; step <= last; step++) {
        log.append(
            new MetricsLog.StepMetrics(
                step, step * BATCH * 256L, 3.0, 1e-3, 1.0, 0, tokensPerSecond.applyAsDouble(step)));
      }
    }
  }

  /** Appends bytes to metrics.jsonl as they are, e.g. a line still being written. */
  public static void appendRaw(Path run, String text) throws IOException {
    Files.writeString(
        run.resolve("train").resolve(MetricsLog.FILE),
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** A published checkpoint directory (only checkpoint.json, which is what marks one complete). */
  public static void checkpoint(Path run, long step) throws IOException {
    Path directory =
        Files.createDirectories(TrainCheckpoint.directoryFor(run.resolve("train"), step));
    Files.writeString(directory.resolve(GptCheckpoint.CHECKPOINT_FILE), "{}\n");
  }

  /** A resume state (a stop between checkpoints) at {@code step}, as its name and state file. */
  public static void resumeState(Path run, long step) throws IOException {
    Path directory = Files.createDirectories(ResumeState.directoryFor(run.resolve("train"), step));
    Files.writeString(directory.resolve(GptCheckpoint.CHECKPOINT_FILE), "{}\n");
  }

  /** The lock file a killed or a remote holder left: DirectoryLock's two lines. */
  public static void lockFile(Path run, String holder) throws IOException {
    Files.writeString(
        run.resolve(DirectoryLock.LOCK_FILE), holder + "\n00000000-0000-0000-0000-000000000000\n");
  }

  public static String ownHost() {
    return DirectoryLock.OWNER.substring(DirectoryLock.OWNER.indexOf('@') + 1);
  }

  public static void done(Path run) throws IOException {
    Files.writeString(run.resolve(GridRunner.ROWS_FILE), "model,step\nnano,1000\n");
  }

  public static void failed(Path run, String failure) throws IOException {
    Files.writeString(run.resolve(GridRunner.FAILURE_FILE), failure + "\n");
  }
}
