/*
 * The training controls across grids (TrainingControls) as words, report tables (one per scale) and
 * training_controls.csv (one row per pair and scale, numbers in full precision, the attack last in a grid of
 * several). Formatting only; the pairs and their verdicts are TrainingControls' and CountOrFraction's.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.SizeComparison.Scale;
import dev.poisonlab.report.TrainingControls.Control;
import dev.poisonlab.report.TrainingControls.Trained;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

final class TrainingControlTables {
  static final String TITLE = "Training controls: runs of other grids against this grid's";

  static final List<String> CSV_HEADER =
      List.of(
          "question",
          "scale",
          "defense",
          "poisons",
          "grid_a",
          "model_a",
          "data_multiplier_a",
          "steps_a",
          "tokens_a",
          "seeds_a",
          "mean_a",
          "sd_a",
          "grid_b",
          "model_b",
          "data_multiplier_b",
          "steps_b",
          "tokens_b",
          "seeds_b",
          "mean_b",
          "sd_b",
          "estimate",
          "margin95",
          "band",
          "verdict",
          "reason");

  private static final String ATTACK = "attack";

  /** What the section compares, naming the other grids. */
  private static String how(TrainingControls controls) {
    return "Each configuration of "
        + names(controls)
        + " (a) beside this grid's (b) at the same poison count and "
        + "defence. Same tokens, other size: another model whose runs trained the same tokens and "
        + "optimizer steps (within "
        + Math.round(100 * TrainingControls.TOLERANCE)
        + "%, as results.csv's last checkpoints record them): the parameters differ, the training "
        + "does not. Same size, other training length: the same model trained other tokens or steps. "
        + "Each effect is over its own grid's same-seed twin; a and b differ when |a − b| exceeds "
        + "its 95% Welch margin and the wider twin-vs-twin band (the same-count rule).";
  }

  private TrainingControlTables() {}

  static List<String> statements(TrainingControls controls) {
    List<String> statements = new ArrayList<>();
    statements.add(how(controls));
    if (controls.nats().isEmpty()) {
      statements.add(empty(controls));
      return statements;
    }
    statements.add("In nats: " + tally(controls.nats()) + ".");
    statements.add(SizeFindings.WHY_SHARE);
    if (!controls.shares().isEmpty()) {
      statements.add("On the share of the headroom: " + tally(controls.shares()) + ".");
    }
    if (controls.withoutShare() > 0) {
      statements.add(
          "On the share of the headroom: "
              + controls.withoutShare()
              + " of "
              + controls.nats().size()
              + " pairs not computed (a twin's per-excerpt file at the last checkpoint, or its "
              + "training config's vocab_size, is missing).");
    }
    return statements;
  }

  /** The line that says why the table is empty. */
  static String empty(TrainingControls controls) {
    return "No training control: no configuration of "
        + names(controls)
        + " shares a poison count and defence with a configuration of this grid that is another "
        + "model trained the same tokens and steps (within "
        + Math.round(100 * TrainingControls.TOLERANCE)
        + "%) or the same model trained other tokens or steps.";
  }

  static List<Table> tables(TrainingControls controls) {
    List<Table> tables = new ArrayList<>();
    if (!controls.nats().isEmpty()) {
      tables.add(table(controls.nats(), Scale.NATS));
    }
    if (!controls.shares().isEmpty()) {
      tables.add(table(controls.shares(), Scale.HEADROOM_SHARE));
    }
    return tables;
  }

  private static Table table(List<Control> controls, Scale scale) {
    List<List<String>> rows = new ArrayList<>();
    for (Control control : controls) {
      SizeComparison c = control.comparison();
      rows.add(
          List.of(
              c.question(),
              Integer.toString(control.a().nats().poisons()),
              // several grids may be --with: name the row's
              config(control.a()) + " in " + control.a().grid(),
              SizeTables.effect(c.measures().get(0)),
              config(control.b()),
              SizeTables.effect(c.measures().get(1)),
              Summary.number(c.estimate()),
              Summary.number(c.noise()),
              Summary.number(c.band()),
              c.verdict()));
    }
    return new Table(
        (scale == Scale.NATS ? "" : "On the share of the headroom. ")
            + "Training controls: final per-seed effect ("
            + SizeTables.unit(scale)
            + "; mean ± sd over seeds) of a configuration of another grid (a) and of this grid (b).",
        List.of(
            "question",
            "poisons",
            "a: other grid",
            "effect a",
            "b: this grid",
            "effect b",
            "a − b",
            "95% margin",
            "band",
            "verdict"),
        rows);
  }

  /**
   * One row per pair and scale. A grid of several attacks adds a last column `attack` (as its
   * verdicts.csv adds `strategy`): its attacks' rows are otherwise alike; other files keep the
   * header.
   */
  static String csv(List<Control> controls) {
    boolean attacks =
        controls.stream().anyMatch(control -> !control.a().nats().line().attack().isEmpty());
    StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER));
    csv.append(attacks ? "," + ATTACK + "\n" : "\n");
    for (Control control : controls) {
      SizeComparison c = control.comparison();
      List<String> cells =
          new ArrayList<>(
              List.of(
                  c.question(),
                  c.scale().label,
                  control.a().nats().line().defense(),
                  Integer.toString(control.a().nats().poisons())));
      cells.addAll(side(control.a(), c.measures().get(0)));
      cells.addAll(side(control.b(), c.measures().get(1)));
      cells.addAll(
          List.of(
              CsvCells.number(c.estimate()),
              CsvCells.number(c.noise()),
              CsvCells.number(c.band()),
              c.verdict(),
              c.reason()));
      if (attacks) {
        cells.add(control.a().nats().line().attack());
      }
      csv.append(String.join(",", cells.stream().map(CsvCells::quote).toList())).append('\n');
    }
    return csv.toString();
  }

  /** grid, model, data multiplier, steps, tokens, seeds, mean, sd of one side. */
  private static List<String> side(Trained side, Summary measure) {
    return List.of(
        side.grid().toString(),
        side.nats().line().model(),
        CsvCells.number(side.nats().line().dataMultiplier()),
        CsvCells.number(side.steps()),
        CsvCells.number(side.tokens()),
        Integer.toString(measure.n()),
        CsvCells.number(measure.mean()),
        CsvCells.number(measure.n() > 1 ? measure.std() : Double.NaN));
  }

  /** "micro (348k, 3.1315× data) at 1000: 2656 steps, 21.8M tokens". */
  private static String config(Trained side) {
    return side.nats().line().label()
        + " at "
        + side.nats().poisons()
        + ": "
        + Math.round(side.steps())
        + " steps, "
        + GridResults.humanCount(Math.round(side.tokens()))
        + " tokens";
  }

  private static String names(TrainingControls controls) {
    return controls.others().stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  /** "same tokens, other size: 1 differ of 1; same size, other training length: ...". */
  private static String tally(List<Control> controls) {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    for (Control control : controls) {
      SizeComparison c = control.comparison();
      counts.computeIfAbsent(c.question(), k -> new TreeMap<>()).merge(c.verdict(), 1L, Long::sum);
    }
    List<String> parts = new ArrayList<>();
    for (String question :
        List.of(TrainingControls.SAME_TRAINING, TrainingControls.OTHER_TRAINING)) {
      if (counts.containsKey(question)) {
        List<String> verdicts = new ArrayList<>();
        counts.get(question).forEach((verdict, n) -> verdicts.add(n + " " + verdict));
        long total = counts.get(question).values().stream().mapToLong(Long::longValue).sum();
        parts.add(question + ": " + String.join(", ", verdicts) + " of " + total);
      }
    }
    return String.join("; ", parts);
  }
}
