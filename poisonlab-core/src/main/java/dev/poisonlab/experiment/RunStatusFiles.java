/*
 * Reads one run directory of a grid for `grid status`, strictly read-only: rows.csv (done), .lock and whether
 * its pid@host is alive here (running), failure.txt (failed), train/config.json (the planned steps stand in for
 * one that cannot be read, and the run says so), the tail of train/metrics.jsonl (a torn last line, still being
 * written, is skipped) and the checkpoint names. It never takes a lock, not even for a moment, so a grid process
 * can never find a run busy because of it.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.ResumeState;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

final class RunStatusFiles {
  /**
   * A run locked by a process this host cannot check (another host's pid) counts as running while
   * its metrics.jsonl was written this recently.
   */
  static final Duration ADVANCING = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BYTES_PER_LINE = 512;

  private RunStatusFiles() {}

  /** The planned shape of a run that has no config.json yet. */
  record Plan(long maxSteps, long tokensPerStep) {}

  /** What the tail of metrics.jsonl says: the last step and the recent steps' throughputs. */
  record MetricsTail(long step, List<Double> tokensPerSecond) {
    double median() {
      return GridStatus.median(tokensPerSecond);
    }
  }

  static RunStatus read(RunSpec run, Path directory, Plan plan, int recentLines, Instant now) {
    Path train = directory.resolve("train");
    Path metricsFile = train.resolve(MetricsLog.FILE);
    MetricsTail tail = tail(metricsFile, recentLines);
    Instant lastLogged = modified(metricsFile);
    OptionalLong checkpoint = ResumeState.resumableStep(train);
    Path configFile = train.resolve(Trainer.CONFIG_FILE);
    Plan planned;
    String note = null;
    try {
      planned = planOf(configFile, plan);
    } catch (InputException e) {
      // one torn or foreign config.json must not hide the whole grid: the steps it would plan
      planned = plan;
      note = Trainer.CONFIG_FILE + " unreadable, planned steps assumed";
    }
    String holder = text(directory.resolve(DirectoryLock.LOCK_FILE), true);
    String failure = text(directory.resolve(GridRunner.FAILURE_FILE), false);
    RunStatus.State state;
    if (Files.isRegularFile(directory.resolve(GridRunner.ROWS_FILE))) {
      state = RunStatus.State.DONE;
    } else if (holder != null && running(holder, lastLogged, now)) {
      state = RunStatus.State.RUNNING;
    } else if (failure != null) {
      state = RunStatus.State.FAILED;
    } else if (started(directory)) {
      state = RunStatus.State.PARTIAL;
    } else {
      state = RunStatus.State.NOT_STARTED;
    }
    // a done run has trained to the end (rows.csv comes after training); a snapshot may lack its
    // log
    long step =
        state == RunStatus.State.DONE && tail.step() == 0 ? planned.maxSteps() : tail.step();
    RunStatus.Training training =
        new RunStatus.Training(
            step, planned.maxSteps(), checkpoint, planned.tokensPerStep(), tail.median());
    return new RunStatus(
        run.id(),
        run.model(),
        state,
        training,
        state == RunStatus.State.RUNNING ? holder : null,
        state == RunStatus.State.FAILED ? failure : null,
        lastLogged,
        note);
  }

  /**
   * A lock file's holder is running when it is a live JVM on this host (a lock left by a killed
   * process names a dead pid); on another host, or unreadable, when its metrics advance.
   */
  static boolean running(String holder, Instant lastLogged, Instant now) {
    String ownHost = DirectoryLock.OWNER.substring(DirectoryLock.OWNER.indexOf('@') + 1);
    int at = holder.indexOf('@');
    if (at > 0 && holder.substring(at + 1).equals(ownHost)) {
      try {
        return ProcessHandle.of(Long.parseLong(holder.substring(0, at)))
            .filter(ProcessHandle::isAlive)
            // a reused pid is rarely another JVM; a command we may not see counts as one
            .filter(process -> process.info().command().map(c -> c.contains("java")).orElse(true))
            .isPresent();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return lastLogged != null && Duration.between(lastLogged, now).compareTo(ADVANCING) < 0;
  }

  /** Anything but a lock file in the run directory: a stage has begun. */
  private static boolean started(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.anyMatch(
          entry -> !entry.getFileName().toString().equals(DirectoryLock.LOCK_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private static Plan planOf(Path configFile, Plan plan) {
    if (!Files.isRegularFile(configFile)) {
      return plan;
    }
    RunConfig config = Trainer.readRunConfig(configFile);
    if (config.train() == null || config.model() == null) {
      throw new InputException(configFile, 0, "no train or model settings");
    }
    return new Plan(
        config.train().maxSteps(), config.train().tokensPerStep(config.model().contextLength()));
  }

  /**
   * The last {@code lines} whole lines of metrics.jsonl, read from its end: a last line without its
   * newline (being written) and any line that is not a metrics object are skipped.
   */
  static MetricsTail tail(Path file, int lines) {
    if (lines < 1 || lines > GridStatus.MAX_RECENT_LINES) {
      throw new IllegalArgumentException("lines must be 1 to " + GridStatus.MAX_RECENT_LINES);
    }
    String text;
    long start;
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      // at most MAX_RECENT_LINES x 512 bytes (5 MB): an int, whatever the file's size
      int window = (int) Math.min(channel.size(), (long) lines * BYTES_PER_LINE);
      start = channel.size() - window;
      ByteBuffer buffer = ByteBuffer.allocate(window);
      channel.position(start);
      // up to the size seen: a line appended meanwhile waits for the next status
      int read;
      do {
        read = channel.read(buffer);
      } while (read > 0 && buffer.hasRemaining());
      text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new MetricsTail(0, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    int first = start == 0 ? 0 : text.indexOf('\n') + 1; // a line cut by the start is not whole
    int end = text.lastIndexOf('\n');
    List<JsonNode> parsed = new ArrayList<>();
    if (end >= first) {
      for (String line : text.substring(first, end).split("\n")) {
        JsonNode node = parse(line);
        if (node != null && node.hasNonNull("step")) {
          parsed.add(node);
        }
      }
    }
    List<JsonNode> recent = parsed.subList(Math.max(0, parsed.size() - lines), parsed.size());
    long step = recent.isEmpty() ? 0 : recent.get(recent.size() - 1).get("step").asLong();
    List<Double> rates =
        recent.stream()
            .filter(node -> node.hasNonNull("tokens_per_s"))
            .map(node -> node.get("tokens_per_s").asDouble())
            .filter(rate -> rate > 0 && Double.isFinite(rate))
            .toList();
    return new MetricsTail(step, rates);
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A small text file's content (its first line only if asked), or null when it is absent. */
  private static String text(Path file, boolean firstLine) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      return firstLine ? content.lines().findFirst().orElse("unknown") : content;
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
