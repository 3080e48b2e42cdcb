/*
 * The CLI's shutdown hook for real, in a child JVM running `poisonlab train`: SIGTERM (Process.destroy) after a
 * few steps leaves a resume state at the last step logged and the command's own last line, and the JVM exits
 * 143 (128 + SIGTERM). Negative control: SIGKILL skips the hook and leaves no resume state.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopOnSigtermTest {
  @TempDir Path dir;

  private Process train(Path data, Path run) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx1g",
            "-Dai.djl.offline=true",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.poisonlab.cli.Main",
            "train",
            "--data=" + data,
            "--model=nano",
            "--out=" + run,
            "--max-steps=2000",
            "--checkpoint-every=1000",
            "--batch-size=2",
            "--warmup-steps=2",
            "--threads=1")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(run.getFileName() + ".log").toFile())
        .start();
  }

  /** Waits until the child has logged {@code steps} steps (it is then inside the training loop). */
  private static void awaitSteps(Process child, Path run, int steps) throws Exception {
    Path metrics = run.resolve(MetricsLog.FILE);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(metrics) || Files.readAllLines(metrics).size() < steps) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        fail("the child did not reach step " + steps + " (alive: " + child.isAlive() + ")");
      }
      Thread.sleep(100);
    }
  }

  @Test
  void sigtermSavesAResumeStateAndSigkillDoesNot() throws Exception {
    Path data = TestStreams.write(dir.resolve("stream"), 50, 40_000, List.of());
    Path run = dir.resolve("terminated");
    Process child = train(data, run);
    awaitSteps(child, run, 3);

    child.destroy();

    assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the hook waits for one step and a save");
    assertEquals(143, child.exitValue());
    List<Path> states = ResumeState.list(run);
    assertEquals(1, states.size(), states.toString());
    long step = TrainCheckpoint.stepOf(states.get(0));
    assertEquals(
        step, Files.readAllLines(run.resolve(MetricsLog.FILE)).size(), "saved its last step");
    assertEquals(List.of(), TrainCheckpoint.list(run));
    String log = Files.readString(dir.resolve("terminated.log"));
    assertTrue(log.contains("(stopped early)") && log.contains(states.get(0).toString()), log);

    Path killedRun = dir.resolve("killed");
    Process killed = train(data, killedRun);
    awaitSteps(killed, killedRun, 3);

    killed.destroyForcibly();

    assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
    assertEquals(137, killed.exitValue());
    assertEquals(List.of(), ResumeState.list(killedRun));
  }
}
