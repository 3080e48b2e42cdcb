/*
 * The report's rows of a grid of several attacks, each naming its attack (results.csv's attack and trigger
 * columns, or for older files attacks.csv and grid.json). A twin serves every attack of its trigger, so its rows
 * repeat under each; with one attack the rows keep a blank attack and one-attack reports stay as they were.
 * It decides which rows go together, not what is drawn of them (Figures' and the tables').
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class AttackRows {
  /** One attack of the grid and the trigger its runs (and its twins) were evaluated with. */
  record Attack(String name, String trigger) {
    /** "attack unigram (trigger “ as noted by the committee”)"; the trigger only where known. */
    String label() {
      return "attack " + name + (trigger.isEmpty() ? "" : " (trigger “" + trigger + "”)");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Attack> attacks;
  private final List<ResultRow> rows;
  private final List<ResultRow> placeboRows;
  private final Optional<AttackFindings> table;

  private AttackRows(
      List<Attack> attacks,
      List<ResultRow> rows,
      List<ResultRow> placeboRows,
      Optional<AttackFindings> table) {
    this.attacks = List.copyOf(attacks);
    this.rows = List.copyOf(rows);
    this.placeboRows = List.copyOf(placeboRows);
    this.table = table;
  }

  static AttackRows of(GridDirectory grid, Optional<AttackFindings> attacksCsv) {
    Map<String, String> strategyOfRun =
        attacksCsv.map(AttackFindings::strategyOfRun).orElse(Map.of());
    Map<String, Set<String>> twinsOfStrategy =
        attacksCsv.map(AttackFindings::twinsOfStrategy).orElse(Map.of());
    Optional<JsonNode> spec = gridJson(grid);
    List<ResultRow> all = fromRunIds(grid.rows(), spec, attacksCsv.isPresent());
    List<ResultRow> placeboAll = fromRunIds(grid.placeboRows(), spec, attacksCsv.isPresent());
    List<ResultRow> poisoned = new ArrayList<>();
    List<ResultRow> placebo = new ArrayList<>();
    all.stream()
        .filter(row -> row.poisons() > 0)
        .forEach(row -> poisoned.add(named(row, strategyOfRun)));
    placeboAll.forEach(row -> placebo.add(named(row, strategyOfRun)));
    Map<String, String> triggers = new LinkedHashMap<>();
    poisoned.stream()
        .filter(row -> !row.attack().isEmpty())
        .forEach(row -> triggers.merge(row.attack(), row.trigger(), (a, b) -> a.isEmpty() ? b : a));
    if (triggers.size() < 2) {
      // one attack: the report as before, every row on the lines it always had. A grid of several
      // runs each cell's twins first, so one stopped (or a finished shard) can hold another
      // trigger's twins beside this attack's runs: two twins per seed on one line
      List<ResultRow> rows = blank(all);
      if (triggers.size() == 1) {
        String name = triggers.keySet().iterator().next();
        String trigger = triggers.get(name);
        Attack only = new Attack(name, trigger.isEmpty() ? specTrigger(spec, name) : trigger);
        Set<String> named = twinsOfStrategy.getOrDefault(name, Set.of());
        rows = rows.stream().filter(row -> row.poisons() > 0 || serves(row, only, named)).toList();
      }
      return new AttackRows(List.of(), rows, blank(placeboAll), attacksCsv);
    }
    List<Attack> attacks = new ArrayList<>();
    triggers.forEach(
        (name, trigger) ->
            attacks.add(new Attack(name, trigger.isEmpty() ? specTrigger(spec, name) : trigger)));
    List<ResultRow> rows = new ArrayList<>();
    for (ResultRow row : all) {
      if (row.poisons() > 0) {
        rows.add(named(row, strategyOfRun));
        continue;
      }
      for (Attack attack : attacks) {
        boolean sameTrigger = !row.trigger().isEmpty() && row.trigger().equals(attack.trigger());
        boolean namedTwin =
            twinsOfStrategy.getOrDefault(attack.name(), Set.of()).contains(row.runId());
        if (sameTrigger || namedTwin) {
          rows.add(row.toBuilder().attack(attack.name()).build());
        }
      }
    }
    return new AttackRows(attacks, rows, placebo, attacksCsv);
  }

  /** The grid's attacks in the order of their first run; empty for a grid of one attack. */
  List<Attack> attacks() {
    return attacks;
  }

  /** Every result row, twins once under each attack they serve. */
  List<ResultRow> rows() {
    return rows;
  }

  List<ResultRow> placeboRows() {
    return placeboRows;
  }

  /** The grid's attacks.csv, where it has one (the report's attacks x defences table). */
  Optional<AttackFindings> table() {
    return table;
  }

  /** The rows of one attack's lines: its runs and its twins. */
  static List<ResultRow> of(List<ResultRow> rows, Attack attack) {
    return rows.stream().filter(row -> row.attack().equals(attack.name())).toList();
  }

  /**
   * Whether a twin serves the grid's one attack so far: attacks.csv names it, or its trigger is the
   * attack's; a twin neither file places (an older results.csv without attacks.csv) stays.
   */
  private static boolean serves(ResultRow twin, Attack attack, Set<String> namedTwins) {
    if (namedTwins.contains(twin.runId())) {
      return true;
    }
    if (!twin.trigger().isEmpty() && !attack.trigger().isEmpty()) {
      return twin.trigger().equals(attack.trigger());
    }
    return namedTwins.isEmpty();
  }

  /**
   * An older results.csv of a grid of several attacks, without attacks.csv: each row's attack and
   * trigger read from its run id and grid.json (a poisoned run ends "-aSTRATEGY", a twin of another
   * trigger "-tSTRATEGY", the grid's own trigger's twin neither), so runs of two attacks with one
   * count and seed never fall on one line. Rows that name theirs, or whose grid.json lists fewer
   * than two strategies, stay as they are.
   */
  private static List<ResultRow> fromRunIds(
      List<ResultRow> rows, Optional<JsonNode> spec, boolean hasAttacksCsv) {
    List<String> strategies = new ArrayList<>();
    spec.ifPresent(tree -> tree.path("strategies").forEach(name -> strategies.add(name.asText())));
    if (hasAttacksCsv || strategies.size() < 2) {
      return rows;
    }
    // the longest name first, so that a name ending in another's mark and name ("x-aunigram"
    // beside "unigram") is read whole; the strategies PoisonConfig knows have no such pair today
    strategies.sort((a, b) -> b.length() - a.length());
    return rows.stream().map(row -> fromRunId(row, strategies, spec.get())).toList();
  }

  /** One row named by its run id; a row that names its attack or trigger stays as it is. */
  private static ResultRow fromRunId(ResultRow row, List<String> strategies, JsonNode spec) {
    if (!row.attack().isEmpty() || !row.trigger().isEmpty()) {
      return row;
    }
    String id = row.runId();
    String bare =
        id.endsWith(GridDirectory.PLACEBO_SUFFIX)
            ? id.substring(0, id.length() - GridDirectory.PLACEBO_SUFFIX.length())
            : id;
    String mark = row.poisons() > 0 ? "-a" : "-t";
    String name = strategies.stream().filter(s -> bare.endsWith(mark + s)).findFirst().orElse("");
    String trigger =
        name.isEmpty() ? spec.path("trigger").asText("") : specTrigger(Optional.of(spec), name);
    return row.toBuilder().attack(row.poisons() > 0 ? name : "").trigger(trigger).build();
  }

  /** A poisoned or placebo row naming its attack: its own column, else attacks.csv's. */
  private static ResultRow named(ResultRow row, Map<String, String> strategyOfRun) {
    if (!row.attack().isEmpty()) {
      return row;
    }
    String id = row.runId();
    String poisonedId =
        id.endsWith(GridDirectory.PLACEBO_SUFFIX)
            ? id.substring(0, id.length() - GridDirectory.PLACEBO_SUFFIX.length())
            : id;
    String strategy = strategyOfRun.getOrDefault(poisonedId, "");
    return strategy.isEmpty() ? row : row.toBuilder().attack(strategy).build();
  }

  private static List<ResultRow> blank(List<ResultRow> rows) {
    return rows.stream()
        .map(row -> row.attack().isEmpty() ? row : row.toBuilder().attack("").build())
        .toList();
  }

  /** An older grid's trigger of a strategy: its `strategy_triggers` entry, else `trigger`. */
  private static String specTrigger(Optional<JsonNode> spec, String strategy) {
    return spec.map(
            tree -> {
              JsonNode own = tree.path("strategy_triggers").path(strategy);
              return own.isTextual() ? own.asText() : tree.path("trigger").asText("");
            })
        .orElse("");
  }

  /** GridDirectory has checked that grid.json, where present, is a JSON object. */
  private static Optional<JsonNode> gridJson(GridDirectory grid) {
    return grid.gridJson()
        .map(
            text -> {
              try {
                return JSON.readTree(text);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("grid.json was checked on reading", e);
              }
            });
  }
}
