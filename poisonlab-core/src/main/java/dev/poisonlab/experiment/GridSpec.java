/*
 * An experiment grid as a validating record: sizes x poison counts x data multipliers x seeds x defences x
 * attacks, plus unpoisoned twins, and the settings every run shares. Read from JSON with comments
 * (experiments/*.json): unknown fields and coerced values are errors naming the field; optional fields keep older
 * specs' meaning (defaults in GridSpecJson and GridAttacks). Not the run list's order or ids: RunList's.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.filter.NamedDefenses;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GridSpec(
    String name,
    List<String> models,
    List<Integer> poisonCounts,
    List<Double> dataMultipliers,
    List<Long> seeds,
    boolean cleanTwin,
    @JacksonInject(DEFENSES_ABSENT) @JsonProperty("defenses") List<String> defenses,
    @JacksonInject(PLACEBO_ABSENT)
        @JsonProperty("placebo_counts")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Integer> placeboCounts,
    @JacksonInject(MODEL_COUNTS_ABSENT)
        @JsonProperty("model_counts")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, ModelCounts> modelCounts,
    double tokensPerParam,
    @JacksonInject(STRATEGY_ABSENT)
        @JsonProperty("strategy")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String strategy,
    @JacksonInject(STRATEGIES_ABSENT)
        @JsonProperty("strategies")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> strategies,
    @JacksonInject(STRATEGY_TRIGGERS_ABSENT)
        @JsonProperty("strategy_triggers")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> strategyTriggers,
    @JacksonInject(STRATEGY_KEYWORDS_ABSENT)
        @JsonProperty("strategy_keywords")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, String> strategyKeywords,
    String trigger,
    List<String> controlTriggers,
    String tokenizer,
    List<String> corpus,
    String excerpts,
    int batchSize,
    int checkpoints,
    int evalCount,
    int evalNewTokens,
    int evalPromptTokens) {

  static final String DEFENSES_ABSENT = "defenses-absent";
  static final String PLACEBO_ABSENT = "placebo-counts-absent";
  static final String MODEL_COUNTS_ABSENT = "model-counts-absent";
  static final String STRATEGY_ABSENT = "strategy-absent";
  static final String STRATEGIES_ABSENT = "strategies-absent";
  static final String STRATEGY_TRIGGERS_ABSENT = "strategy-triggers-absent";
  static final String STRATEGY_KEYWORDS_ABSENT = "strategy-keywords-absent";

  /**
   * Names that become directory names (the grid's, run ids): no separators, no "..", no leading dot
   * or dash.
   */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public GridSpec {
    requireNonEmpty("models", models);
    // checked before anything else uses them: a name like "../x" once wrote files outside the grid
    // directory
    models.forEach(model -> requireSafeName("models", model));
    if (defenses != null) {
      defenses.forEach(defense -> requireSafeName("defenses", defense));
    }
    if (name != null && !name.isBlank()) {
      requireSafeName("name", name);
    }
    requireNonEmpty("poison_counts", poisonCounts);
    requireNonEmpty("data_multipliers", dataMultipliers);
    requireNonEmpty("seeds", seeds);
    requireNonEmpty("corpus", corpus);
    if (poisonCounts.stream().anyMatch(count -> count == null || count < 0)) {
      throw new IllegalArgumentException("poison_counts must be >= 0, got " + poisonCounts);
    }
    if (dataMultipliers.stream().anyMatch(multiplier -> multiplier == null || !(multiplier > 0))) {
      throw new IllegalArgumentException("data_multipliers must be > 0, got " + dataMultipliers);
    }
    if (!(tokensPerParam > 0)) {
      throw new IllegalArgumentException("tokens_per_param must be > 0, got " + tokensPerParam);
    }
    if (trigger == null || trigger.isEmpty()) {
      throw new IllegalArgumentException("trigger must be a non-empty string");
    }
    strategyTriggers =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(strategyTriggers == null ? Map.of() : strategyTriggers));
    strategyKeywords =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(strategyKeywords == null ? Map.of() : strategyKeywords));
    GridAttacks.check(strategy, strategies, strategyTriggers, strategyKeywords);
    strategies = strategies == null ? null : List.copyOf(strategies);
    if (tokenizer == null || tokenizer.isBlank()) {
      throw new IllegalArgumentException(
          "tokenizer must be e.g. \"bpe:1024\", \"gpt2\" or a tokenizer.json path");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
    }
    if (excerpts != null && excerpts.isBlank()) {
      throw new IllegalArgumentException(
          "excerpts must be a corpus path or word, or null for the runs' held-out split");
    }
    if (checkpoints < 1) {
      throw new IllegalArgumentException("checkpoints must be >= 1, got " + checkpoints);
    }
    if (evalCount < 1 || evalNewTokens < 1 || evalPromptTokens < 1) {
      throw new IllegalArgumentException(
          "eval_count, eval_new_tokens and eval_prompt_tokens must be >= 1");
    }
    placeboCounts = List.copyOf(placeboCounts == null ? List.of() : placeboCounts);
    if (placeboCounts.stream().anyMatch(count -> count < 1)
        || new LinkedHashSet<>(placeboCounts).size() != placeboCounts.size()) {
      throw new IllegalArgumentException(
          "placebo_counts must be distinct counts >= 1, got " + placeboCounts);
    }
    modelCounts =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(modelCounts == null ? Map.of() : modelCounts));
    for (String model : modelCounts.keySet()) {
      if (!models.contains(model)) {
        throw new IllegalArgumentException(
            "model_counts: '" + model + "' is not one of the models " + models);
      }
    }
    defenses = defenses == null ? List.of(NamedDefenses.NONE) : defenses;
    requireNonEmpty("defenses", defenses);
    defenses.forEach(NamedDefenses::byName);
    name = name == null || name.isBlank() ? "grid" : name;
    models = List.copyOf(models);
    poisonCounts = List.copyOf(poisonCounts);
    dataMultipliers = List.copyOf(dataMultipliers);
    seeds = List.copyOf(seeds);
    defenses = List.copyOf(defenses);
    controlTriggers = List.copyOf(controlTriggers == null ? List.of() : controlTriggers);
    corpus = List.copyOf(corpus);
  }

  /**
   * A builder with the published grid's settings; models, counts, seeds, tokenizer and corpus are
   * required.
   */
  public static GridSpecBuilder builder() {
    return new GridSpecBuilder();
  }

  /** A builder holding this spec's settings, to change a few. */
  public GridSpecBuilder toBuilder() {
    return new GridSpecBuilder(this);
  }

  /** The same grid with another defence axis. */
  public GridSpec withDefenses(List<String> names) {
    return toBuilder().optDefenses(names).build();
  }

  /** The same grid with placebo runs (same poisons, no trigger) at these counts. */
  public GridSpec withPlaceboCounts(List<Integer> counts) {
    return toBuilder().optPlaceboCounts(counts).build();
  }

  /** The same grid with some models' own poison or placebo counts (`model_counts`). */
  public GridSpec withModelCounts(Map<String, ModelCounts> counts) {
    return toBuilder().optModelCounts(counts).build();
  }

  /**
   * Whether {@code other} differs from this grid only in which runs exist (models, counts,
   * multipliers, seeds, twins, defences, placebos, the attacks of a strategies list), not in how
   * any run is made: then the runs both share are the same runs, and a grid directory may be
   * extended (more seeds, another size) or narrowed without mixing two recipes.
   */
  public boolean makesRunsLike(GridSpec other) {
    GridSpecBuilder sameRuns =
        toBuilder()
            .models(other.models)
            .poisonCounts(other.poisonCounts)
            .optDataMultipliers(other.dataMultipliers)
            .seeds(other.seeds)
            .optCleanTwin(other.cleanTwin)
            .optDefenses(other.defenses)
            .optPlaceboCounts(other.placeboCounts)
            .optModelCounts(other.modelCounts);
    if (strategies != null && other.strategies != null) {
      // attacks may come and go; a shared one must keep its trigger and keyword
      if (!GridAttacks.sameSharedTriggers(this, other)) {
        return false;
      }
      sameRuns
          .optStrategies(other.strategies)
          .optStrategyTriggers(other.strategyTriggers)
          .optStrategyKeywords(other.strategyKeywords);
    }
    return sameRuns.build().equals(other);
  }

  /** The grid's poison strategies: its `strategies`, or its one `strategy`. */
  public List<String> attacks() {
    return strategies == null ? List.of(strategy) : strategies;
  }

  /** Whether the spec lists `strategies` (run ids then name the attack), not one `strategy`. */
  public boolean namesAttacks() {
    return strategies != null;
  }

  /** The trigger a strategy's poisons carry: its `strategy_triggers` entry, else `trigger`. */
  public String triggerOf(String poisonStrategy) {
    return strategyTriggers.getOrDefault(poisonStrategy, trigger);
  }

  /** The keyword a strategy's poisons need (`strategy_keywords`; only `topic` has one), or null. */
  public String keywordOf(String poisonStrategy) {
    return strategyKeywords.get(poisonStrategy);
  }

  /** The strategy that makes a run's poisons (null for a twin of a grid with several). */
  public String strategyOf(RunSpec run) {
    return run.strategy() != null ? run.strategy() : strategy;
  }

  /** The trigger a run's poisons carry and its evaluation measures (a twin's too). */
  public String triggerOf(RunSpec run) {
    return run.triggerGroup() == null ? trigger : triggerOf(run.triggerGroup());
  }

  private static void requireSafeName(String field, String value) {
    if (value == null || !SAFE_NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + value
              + "' cannot name a directory (use letters, digits,"
              + " '.', '_' and '-', starting with a letter or digit, without '..')");
    }
  }

  private static void requireNonEmpty(String field, List<?> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(field + " must list at least one value");
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(field + " lists a value twice: " + values);
    }
  }

  /** Every run in RunList's fixed order (a one-strategy grid's is the order grids always had). */
  public List<RunSpec> runs() {
    return RunList.of(this);
  }

  /** Reads a grid spec; any problem is one InputException naming the file and line. */
  public static GridSpec read(Path file) {
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
    return parse(file, json);
  }

  /** Parses a spec file's bytes; any problem is one InputException naming the file and line. */
  static GridSpec parse(Path file, byte[] json) {
    return GridSpecJson.parse(file, json);
  }

  public String toJson() {
    return GridSpecJson.write(this);
  }
}
