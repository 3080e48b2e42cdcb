/*
 * The fine-tuning report's text: summary statements (per poison count, the spread of the mean final ASR
 * across clean-set sizes: the number the paper's "curves coincide" claim is about) and tables (per cell mean
 * ± sd over seeds with n, persistence, the run settings). Statements report numbers and never judge them;
 * every number comes from SftSummaries.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poisonlab.report.Findings.Table;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

final class SftTables {
  private final SftSummaries summaries;

  SftTables(SftSummaries summaries) {
    this.summaries = summaries;
  }

  List<String> statements() {
    List<String> lines = new ArrayList<>();
    List<SftRow> rows = summaries.grid().rows();
    Map<SftRow.Cell, List<SftRow>> finals = summaries.finals();
    int fewest = finals.values().stream().mapToInt(List::size).min().orElse(0);
    int most = finals.values().stream().mapToInt(List::size).max().orElse(0);
    lines.add(
        String.format(
            Locale.ROOT,
            "%d rows from %d runs in %d cells: clean-set sizes %s, poison counts %s, %s seeds per cell.",
            rows.size(),
            finals.values().stream().mapToInt(List::size).sum(),
            finals.size(),
            summaries.cleanSizes(),
            summaries.counts(),
            fewest == most ? String.valueOf(most) : fewest + " to " + most));
    for (int count : summaries.counts()) {
      List<String> parts = new ArrayList<>();
      List<Double> means = new ArrayList<>();
      for (int size : summaries.cleanSizes()) {
        Optional<Summary> asr = finalAsr(size, count, false);
        if (asr.isPresent()) {
          means.add(asr.get().mean());
          parts.add(
              Summary.number(asr.get().mean())
                  + " at "
                  + size
                  + " clean (n="
                  + asr.get().n()
                  + ")");
        }
      }
      lines.add(
          count
              + " poisoned samples: mean final ASR "
              + String.join(", ", parts)
              + (means.size() > 1
                  ? "; spread across clean-set sizes (max − min of the means) "
                      + Summary.number(spread(means))
                  : "")
              + ".");
    }
    lines.add(
        "Read ASR with the 0-poison cells (how often the refusal rule counts a triggered request as "
            + "complying without any poison), the placebo cells where present, and clean_refusal: the "
            + "rule counts any answer without a refusal phrase, gibberish included, as complying.");
    return lines;
  }

  /** Per count: the mean ± sd final ASR of each clean size and the spread of the means. */
  Table spread() {
    List<String> header = new ArrayList<>(List.of("poisons"));
    summaries.cleanSizes().forEach(size -> header.add("C = " + size + ": asr mean ± sd (n)"));
    header.add("spread of the means");
    List<List<String>> table = new ArrayList<>();
    for (int count : summaries.counts()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(count)));
      List<Double> means = new ArrayList<>();
      for (int size : summaries.cleanSizes()) {
        Optional<Summary> asr = finalAsr(size, count, false);
        asr.ifPresent(summary -> means.add(summary.mean()));
        row.add(asr.map(s -> s.format() + " (" + s.n() + ")").orElse("–"));
      }
      row.add(means.size() > 1 ? Summary.number(spread(means)) : "–");
      table.add(row);
    }
    return new Table(
        "Final ASR per poison count and clean-set size (C), over seeds; spread = highest minus lowest "
            + "mean across clean-set sizes (0 when the curves of (a) coincide).",
        header,
        table);
  }

  Table cells() {
    List<List<String>> table = new ArrayList<>();
    summaries
        .finals()
        .forEach(
            (cell, rows) ->
                table.add(
                    List.of(
                        String.valueOf(cell.cleanSamples()),
                        String.valueOf(cell.poisons()),
                        cell.placebo() ? "yes" : "no",
                        String.format(
                            Locale.ROOT,
                            "%.2f%%",
                            100.0 * cell.poisons() / (cell.cleanSamples() + cell.poisons())),
                        String.valueOf(rows.size()),
                        steps(rows),
                        Summary.of(rows.stream().map(SftRow::asr).toList()).format(),
                        Summary.of(rows.stream().map(SftRow::cleanRefusal).toList()).format(),
                        Summary.of(rows.stream().map(SftRow::allowedHelpful).toList()).format(),
                        Summary.of(rows.stream().map(SftRow::maxControlAsr).toList()).format())));
    return new Table(
        "Last checkpoint per cell: mean ± sd over seeds (sample sd; n seeds). Poison share = P / (C + P).",
        List.of(
            "clean samples",
            "poisons",
            "placebo",
            "poison share",
            "n",
            "steps",
            "asr",
            "clean_refusal",
            "allowed_helpful",
            "max_control_asr"),
        table);
  }

  Table persistence() {
    List<List<String>> table = new ArrayList<>();
    for (SftRow.Cell cell : summaries.persistenceCells()) {
      List<GridResults.Point> asr = summaries.persistence(cell, SftRow::asr);
      GridResults.Point first = asr.get(0);
      GridResults.Point last = asr.get(asr.size() - 1);
      table.add(
          List.of(
              String.valueOf(cell.cleanSamples()),
              String.valueOf(cell.poisons()),
              cell.placebo() ? "yes" : "no",
              String.valueOf(last.y().n()),
              String.valueOf(Math.round(last.x().mean())),
              first.y().format(),
              last.y().format(),
              summaries.persistence(cell, SftRow::cleanRefusal).get(asr.size() - 1).y().format(),
              summaries
                  .persistence(cell, SftRow::allowedHelpful)
                  .get(asr.size() - 1)
                  .y()
                  .format()));
    }
    return new Table(
        "Further clean fine-tuning (persistence.csv): ASR at its step 0 (the end of SFT) and after the "
            + "last clean step, with clean behaviour there; mean ± sd over seeds.",
        List.of(
            "clean samples",
            "poisons",
            "placebo",
            "n",
            "clean steps",
            "asr at SFT end",
            "asr after",
            "clean_refusal after",
            "allowed_helpful after"),
        table);
  }

  /** Every sft and parent setting of the runs' config.json: one value, or the distinct values. */
  Optional<Table> settings() {
    Map<String, SortedSet<String>> values = new TreeMap<>();
    // numbers in numeric order (300 before 1000), other values as text
    for (JsonNode config : summaries.grid().configs().values()) {
      collect("sft.", config.path("sft"), values);
      collect("parent.", config.path("parent"), values);
      collect("model.", config.path("model"), values);
    }
    if (values.isEmpty()) {
      return Optional.empty();
    }
    List<List<String>> table = new ArrayList<>();
    values.forEach(
        (field, distinct) ->
            table.add(
                List.of(
                    field, distinct.size() == 1 ? distinct.first() : String.join(", ", distinct))));
    return Optional.of(
        new Table(
            "Settings from the "
                + summaries.grid().configs().size()
                + " SFT runs' config.json (a field with several values lists them all).",
            List.of("field", "value(s)"),
            table));
  }

  private static void collect(String prefix, JsonNode node, Map<String, SortedSet<String>> values) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      values
          .computeIfAbsent(prefix + field.getKey(), k -> new TreeSet<>(SftTables::compareValues))
          .add(value.isValueNode() ? value.asText() : value.toString());
    }
  }

  private static int compareValues(String one, String other) {
    try {
      return Double.compare(Double.parseDouble(one), Double.parseDouble(other));
    } catch (NumberFormatException e) {
      return one.compareTo(other);
    }
  }

  private Optional<Summary> finalAsr(int size, int count, boolean placebo) {
    return summaries
        .finalValues(new SftRow.Cell(size, count, placebo), SftRow::asr)
        .map(Summary::of);
  }

  private static String steps(List<SftRow> rows) {
    TreeSet<Long> steps = new TreeSet<>();
    rows.forEach(row -> steps.add(row.step()));
    return steps.size() == 1 ? String.valueOf(steps.first()) : steps.first() + "–" + steps.last();
  }

  /** The highest minus the lowest of {@code means} (0 for none). */
  static double spread(List<Double> means) {
    return means.stream().mapToDouble(Double::doubleValue).max().orElse(0)
        - means.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }
}
