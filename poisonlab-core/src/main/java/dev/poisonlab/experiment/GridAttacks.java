/*
 * The attack axis of a grid spec: one `strategy` (every grid before the axis, ids unchanged) or a `strategies`
 * list (ids name the attack), each strategy's trigger (`strategy_triggers`, else the grid's `trigger`), the
 * keyword of a strategy that needs one (`strategy_keywords`: topic) and the trigger groups that decide which
 * twins exist: a twin holds no poisons, so one twin serves every strategy with the same trigger. Checks and
 * resolves; GridSpec holds the values and RunList expands them.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.TopicSentencesStrategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

final class GridAttacks {
  /** Strategies whose poisons need a keyword from strategy_keywords. */
  private static final List<String> NEEDS_KEYWORD = List.of(TopicSentencesStrategy.NAME);

  private GridAttacks() {}

  /**
   * Fails with one message naming the field: exactly one of strategy and strategies, known names a
   * grid can make, strategy_triggers only for listed strategies, each a non-empty trigger, and a
   * keyword for each strategy that needs one (checkKeywords).
   */
  static void check(
      String strategy,
      List<String> strategies,
      Map<String, String> strategyTriggers,
      Map<String, String> strategyKeywords) {
    checkStrategies(strategy, strategies, strategyTriggers);
    checkKeywords(strategies == null ? List.of(strategy) : strategies, strategyKeywords);
  }

  private static void checkStrategies(
      String strategy, List<String> strategies, Map<String, String> strategyTriggers) {
    if (strategy == null && strategies == null) {
      throw new IllegalArgumentException(
          "strategy must name a poison strategy (or strategies list several)");
    }
    if (strategy != null && strategies != null) {
      throw new IllegalArgumentException(
          "strategy and strategies: give one strategy (run ids as before) or a strategies list"
              + " (run ids name the attack), not both");
    }
    if (strategy != null) {
      checkName("strategy", strategy);
      if (!strategyTriggers.isEmpty()) {
        throw new IllegalArgumentException(
            "strategy_triggers goes with strategies; with one strategy, set trigger");
      }
      return;
    }
    if (strategies.isEmpty()) {
      throw new IllegalArgumentException("strategies must list at least one value");
    }
    if (new LinkedHashSet<>(strategies).size() != strategies.size()) {
      throw new IllegalArgumentException("strategies lists a value twice: " + strategies);
    }
    strategies.forEach(name -> checkName("strategies", name));
    strategyTriggers.forEach(
        (name, trigger) -> {
          if (!strategies.contains(name)) {
            throw new IllegalArgumentException(
                "strategy_triggers: '" + name + "' is not one of the strategies " + strategies);
          }
          if (trigger == null || trigger.isEmpty()) {
            throw new IllegalArgumentException(
                "strategy_triggers: the trigger of '" + name + "' must be a non-empty string");
          }
        });
  }

  private static void checkName(String field, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(field + " must name a poison strategy");
    }
    if (!PoisonConfig.STRATEGIES.contains(name)) {
      throw new IllegalArgumentException(
          field
              + ": unknown poison strategy '"
              + name
              + "'; choose from "
              + String.join(", ", PoisonConfig.STRATEGIES.stream().sorted().toList()));
    }
  }

  /**
   * strategy_keywords: a keyword for every strategy of the grid that needs one (topic: the word its
   * poisons' sentences mention), none for another strategy (it would be silently unused), each a
   * word or phrase PoisonConfig accepts. Checked here, so a run cannot fail on it halfway through a
   * grid.
   */
  private static void checkKeywords(List<String> attacks, Map<String, String> keywords) {
    keywords.forEach(
        (name, keyword) -> {
          if (!attacks.contains(name)) {
            throw new IllegalArgumentException(
                "strategy_keywords: '" + name + "' is not a strategy of this grid " + attacks);
          }
          if (!NEEDS_KEYWORD.contains(name)) {
            throw new IllegalArgumentException(
                "strategy_keywords: '"
                    + name
                    + "' takes no keyword (only "
                    + String.join(", ", NEEDS_KEYWORD)
                    + " does)");
          }
          if (!PoisonConfig.isTopic(keyword)) {
            throw new IllegalArgumentException(
                "strategy_keywords: the keyword of '"
                    + name
                    + "' must be a word or phrase of letters and digits, got "
                    + (keyword == null ? "null" : "'" + keyword + "'"));
          }
        });
    for (String name : attacks) {
      if (NEEDS_KEYWORD.contains(name) && !keywords.containsKey(name)) {
        throw new IllegalArgumentException(
            "strategy_keywords: '"
                + name
                + "' needs a keyword (the word its poisons' sentences mention), e.g."
                + " \"strategy_keywords\": {\""
                + name
                + "\": \"war\"}");
      }
    }
  }

  /**
   * The trigger group of {@code strategy}: null when its trigger is the grid's `trigger`, else the
   * alphabetically first strategy with the same trigger (so the twin's id does not depend on the
   * order of the list).
   */
  static String group(GridSpec spec, String strategy) {
    String trigger = spec.triggerOf(strategy);
    if (trigger.equals(spec.trigger())) {
      return null;
    }
    return spec.attacks().stream()
        .filter(other -> spec.triggerOf(other).equals(trigger))
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  /** The distinct trigger groups of the grid's strategies, in the order they first appear. */
  static List<String> groups(GridSpec spec) {
    List<String> groups = new ArrayList<>();
    for (String strategy : spec.attacks()) {
      String group = group(spec, strategy);
      if (!groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  /**
   * Whether two specs with strategies lists give every strategy both list the same trigger and
   * keyword: then adding or dropping a strategy changes which runs exist, not how a shared one is
   * made.
   */
  static boolean sameSharedTriggers(GridSpec one, GridSpec other) {
    return one.attacks().stream()
        .filter(other.attacks()::contains)
        .allMatch(
            name ->
                one.triggerOf(name).equals(other.triggerOf(name))
                    && Objects.equals(one.keywordOf(name), other.keywordOf(name)));
  }
}
