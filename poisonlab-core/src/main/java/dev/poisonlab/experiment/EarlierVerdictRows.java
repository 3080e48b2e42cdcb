/*
 * What `poisonlab verdict` keeps of the verdicts.csv it replaces: rows at checkpoints before a configuration's
 * last that the directory's per-excerpt files can no longer recompute. A snapshot keeps only the last
 * checkpoint's files, so recomputing there would otherwise drop every earlier row (and the report's curves
 * against poisons seen, F4, with them). Text only: rows are matched by their key columns, never re-judged.
 */
package dev.poisonlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class EarlierVerdictRows {
  /** The columns that name a row (a configuration and its step); the rest are its verdict. */
  private static final List<String> CONFIGURATION =
      List.of("model", "data_multiplier", "defense", "poisons", "placebo", "strategy");

  private EarlierVerdictRows() {}

  /**
   * {@code recomputed} with the rows of {@code previous} whose configuration it holds at a later
   * last step and whose step it lacks, each configuration's rows in step order. A previous file of
   * another header (an older format) is not merged.
   */
  static String merge(String previous, String recomputed) {
    List<String> old = lines(previous);
    List<String> fresh = lines(recomputed);
    if (old.isEmpty() || fresh.isEmpty() || !old.get(0).equals(fresh.get(0))) {
      return recomputed;
    }
    List<String> header = List.of(fresh.get(0).split(",", -1));
    int step = header.indexOf("step");
    Map<String, TreeMap<Long, String>> byConfiguration = new LinkedHashMap<>();
    for (String line : fresh.subList(1, fresh.size())) {
      String[] cells = line.split(",", -1);
      byConfiguration
          .computeIfAbsent(configuration(header, cells), k -> new TreeMap<>())
          .put(stepOf(cells[step]), line);
    }
    for (String line : old.subList(1, old.size())) {
      String[] cells = line.split(",", -1);
      TreeMap<Long, String> rows = byConfiguration.get(configuration(header, cells));
      long at = stepOf(cells[step]);
      if (rows != null && at >= 0 && at < rows.lastKey() && !rows.containsKey(at)) {
        rows.put(at, line);
      }
    }
    StringBuilder text = new StringBuilder(fresh.get(0)).append('\n');
    byConfiguration
        .values()
        .forEach(rows -> rows.values().forEach(r -> text.append(r).append('\n')));
    return text.toString();
  }

  /** A configuration whose runs share no evaluated step has an empty step cell: -1. */
  private static long stepOf(String cell) {
    return cell.isEmpty() ? -1 : Long.parseLong(cell);
  }

  private static String configuration(List<String> header, String[] cells) {
    List<String> key = new ArrayList<>();
    for (String column : CONFIGURATION) {
      int index = header.indexOf(column);
      key.add(index < 0 ? "" : cells[index]);
    }
    return String.join(",", key);
  }

  private static List<String> lines(String text) {
    return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
  }
}
