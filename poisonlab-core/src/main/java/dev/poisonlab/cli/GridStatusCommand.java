/*
 * `poisonlab grid status DIR`: prints where a grid stands, one line per run in grid order, then the training
 * left per model size and as wall clock for --processes P. Thin: GridStatus.read does all the reading and
 * arithmetic; this class only formats. It never writes to DIR (a status of a live grid is safe at any time).
 */
package dev.poisonlab.cli;

import dev.poisonlab.experiment.EffectsSoFar;
import dev.poisonlab.experiment.GridStatus;
import dev.poisonlab.experiment.RunStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Where a grid directory stands, read-only (safe while the grid runs).",
      "Each run of its grid.json in grid order: done, running, partial, failed or",
      "not started; its step of its max steps, the step it resumes from (newest",
      "checkpoint or resume state), recent tokens/s",
      "(median of its last --recent metrics lines) and training time left. Then",
      "the training left per model size in core-hours, and the wall clock for",
      "--processes P. Stream builds and evaluation are not in the estimates.",
      "With --effects, also each poisoned run's effect over its same-seed twin",
      "at every checkpoint both have evaluated (running runs included), and",
      "each later-seed twin's over the first seed's twin (the noise).",
      "Example: poisonlab grid status runs/micro --processes 2"
    })
final class GridStatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final int FAILURE_CHARS = 100;
  private static final int NAMED_OTHERS = 5;

  @Spec CommandSpec command;

  @ParentCommand GridCommand grid;

  @Parameters(paramLabel = "DIR", description = "A grid directory (written by `grid --out DIR`).")
  Path directory;

  @Option(
      names = "--processes",
      defaultValue = "1",
      paramLabel = "P",
      description =
          "Processes sharing the rest of the grid, for the wall clock (default ${DEFAULT-VALUE}).")
  int processes;

  @Option(
      names = "--recent",
      defaultValue = "" + GridStatus.DEFAULT_RECENT_LINES,
      paramLabel = "N",
      description =
          "Metrics lines per run whose median tokens/s is its throughput, 1 to 10,000"
              + " (default ${DEFAULT-VALUE}).")
  int recent;

  @Option(
      names = "--effects",
      description =
          "Also each poisoned or placebo run's effect over its same-seed twin, in nats, at every"
              + " checkpoint both have evaluated (and each later twin's over the first seed's twin,"
              + " the noise): a first look while runs train, not a verdict.")
  boolean effects;

  @Override
  public Integer call() {
    OptionChecks.require(
        command,
        grid.source == null && grid.out == null,
        "grid status reads DIR only; --preset, --spec and --out belong to `grid` itself");
    OptionChecks.require(command, processes >= 1, "--processes must be >= 1, got " + processes);
    OptionChecks.require(
        command,
        recent >= 1 && recent <= GridStatus.MAX_RECENT_LINES,
        String.format(
            Locale.ROOT, "--recent must be 1 to %,d, got %d", GridStatus.MAX_RECENT_LINES, recent));
    GridStatus.Report report = GridStatus.read(directory, recent);
    PrintWriter out = command.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "grid %s in %s, read %s%n",
        report.name(),
        directory,
        TIME.format(report.readAt()));
    out.printf(
        Locale.ROOT,
        "%d runs: %d done, %d running, %d partial, %d failed, %d not started%n%n",
        report.runs().size(),
        report.count(RunStatus.State.DONE),
        report.count(RunStatus.State.RUNNING),
        report.count(RunStatus.State.PARTIAL),
        report.count(RunStatus.State.FAILED),
        report.count(RunStatus.State.NOT_STARTED));
    int width = report.runs().stream().mapToInt(run -> run.id().length()).max().orElse(3);
    String row = "%-" + width + "s  %-11s  %15s  %6s  %10s  %8s  %s%n";
    out.printf(
        Locale.ROOT,
        row,
        "run",
        "state",
        "step / max",
        "",
        "checkpoint",
        "tokens/s",
        "training left");
    for (RunStatus run : report.runs()) {
      RunStatus.Training training = run.training();
      out.printf(
          Locale.ROOT,
          row,
          run.id(),
          run.state().label(),
          String.format(Locale.ROOT, "%,d / %,d", training.step(), training.maxSteps()),
          String.format(Locale.ROOT, "%.1f%%", training.percent()),
          training.checkpoint().isPresent()
              ? String.format(Locale.ROOT, "%,d", training.checkpoint().getAsLong())
              : "-",
          training.measured()
              ? String.format(Locale.ROOT, "%,.0f", training.tokensPerSecond())
              : "-",
          left(report, run) + detail(report, run));
    }
    out.println();
    out.println(
        "Training left (stream builds and evaluation not included; ~ marks a run timed at its"
            + " size's median):");
    report.sizes().forEach(size -> out.println("  " + size.model() + ": " + sizeLine(size)));
    out.println("  all: " + totalLine(report, report.wallClock(processes)));
    int others = report.otherRunDirectories().size();
    if (others > 0) {
      out.printf(
          Locale.ROOT,
          "%d %s under runs/ %s not in grid.json (runs of another spec of this directory%s):"
              + " not counted.%n",
          others,
          others == 1 ? "directory" : "directories",
          others == 1 ? "is" : "are",
          others <= NAMED_OTHERS ? ": " + String.join(", ", report.otherRunDirectories()) : "");
    }
    if (effects) {
      printEffects(out, EffectsSoFar.read(directory));
    }
    out.flush();
    return 0;
  }

  private static void printEffects(PrintWriter out, List<EffectsSoFar.RunEffects> runs) {
    out.println();
    out.println(
        "Effect over the same-seed twin so far, nats (median paired log-gap difference, as"
            + " verdicts.csv; one run against one twin: a first look, not a verdict; a twin's line"
            + " is against the first seed's twin, the noise):");
    int width = runs.stream().mapToInt(run -> run.runId().length()).max().orElse(3);
    int twinWidth = runs.stream().mapToInt(run -> run.twinId().length()).max().orElse(4);
    String row = "%-" + width + "s  %-" + twinWidth + "s  %11s  %7s  %5s  %s%n";
    out.printf(Locale.ROOT, row, "run", "twin", "latest step", "effect", "pairs", "by checkpoint");
    for (EffectsSoFar.RunEffects run : runs) {
      String trajectory =
          run.steps().stream()
              .map(step -> String.format(Locale.ROOT, "%.2f", step.effectNats()))
              .collect(Collectors.joining(" "));
      out.printf(
          Locale.ROOT,
          row,
          run.runId(),
          run.twinId(),
          run.latest().map(s -> String.format(Locale.ROOT, "%,d", s.step())).orElse("-"),
          run.latest().map(s -> String.format(Locale.ROOT, "%.3f", s.effectNats())).orElse("-"),
          run.latest().map(s -> Integer.toString(s.pairs())).orElse("-"),
          trajectory.isEmpty() ? "no checkpoint evaluated by both yet" : trajectory);
    }
  }

  private static String sizeLine(GridStatus.SizeEstimate size) {
    String rate =
        String.format(
            Locale.ROOT,
            "%,.0f tokens/s (median of %d measured run%s)",
            size.tokensPerSecond(),
            size.measuredRuns(),
            size.measuredRuns() == 1 ? "" : "s");
    if (size.runsLeft() == 0) {
      return "all runs done" + (size.measured() ? ", " + rate : "");
    }
    String left = size.runsLeft() + " run" + (size.runsLeft() == 1 ? "" : "s") + " left, ";
    return left
        + (size.measured()
            ? String.format(Locale.ROOT, "%.1f core-hours at %s", size.coreHoursLeft(), rate)
            : "unknown (no run of this size has logged a step)");
  }

  private static String totalLine(GridStatus.Report report, GridStatus.WallClock wall) {
    String processesText =
        wall.processes()
            + " process"
            + (wall.processes() == 1 ? "" : "es")
            + (wall.processes() == wall.requested()
                ? ""
                : String.format(
                    Locale.ROOT,
                    " (one per running run; --processes %d is fewer)",
                    wall.requested()));
    String unknown = String.join(", ", wall.unmeasuredModels());
    if (report.sizes().stream().noneMatch(size -> size.measured() && size.runsLeft() > 0)) {
      return wall.unmeasuredModels().isEmpty()
          ? "nothing left to train"
          : "unknown (" + unknown + ": no measured throughput)";
    }
    return String.format(
            Locale.ROOT,
            "%.1f core-hours; wall clock with %s about %s",
            report.coreHoursLeft(),
            processesText,
            duration(wall.seconds()))
        + (unknown.isEmpty() ? "" : ", not counting " + unknown + " (unknown)");
  }

  private static String left(GridStatus.Report report, RunStatus run) {
    if (run.state() == RunStatus.State.DONE) {
      return "-";
    }
    double seconds = run.trainingSecondsLeft(report.rateOf(run));
    return (run.training().measured() || Double.isNaN(seconds) ? "" : "~") + duration(seconds);
  }

  private static String detail(GridStatus.Report report, RunStatus run) {
    String state = stateDetail(report, run);
    if (run.note() == null) {
      return state;
    }
    return state.isEmpty()
        ? "  (" + run.note() + ")"
        : state.substring(0, state.length() - 1) + "; " + run.note() + ")";
  }

  private static String stateDetail(GridStatus.Report report, RunStatus run) {
    String resume =
        run.training().checkpoint().isPresent()
            ? "resumes from step " + run.training().checkpoint().getAsLong()
            : "no checkpoint: training starts at step 0";
    return switch (run.state()) {
      case RUNNING -> {
        String logged =
            run.lastLogged() == null
                ? "nothing logged yet"
                : "logged "
                    // the report is stamped before its files are read, so a line logged meanwhile
                    // is newer than the stamp: "0 s", not a negative age
                    + duration(
                        Math.max(
                            0, Duration.between(run.lastLogged(), report.readAt()).toSeconds()))
                    + " ago";
        yield "  ("
            + run.holder()
            + "; "
            + (run.remainingSteps() == 0 ? "trained, evaluating" : logged)
            + ")";
      }
      case PARTIAL -> "  (" + resume + ")";
      case FAILED -> "  (" + resume + "; " + firstLine(run.failure()) + ")";
      default -> "";
    };
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() <= FAILURE_CHARS ? line : line.substring(0, FAILURE_CHARS) + "...";
  }

  /** Seconds as s, min, h or d; "unknown" for NaN. */
  static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "unknown";
    }
    if (seconds < 90) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 90 * 60) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    if (seconds < 72 * 3600) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86400);
  }
}
