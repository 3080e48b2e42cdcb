/*
 * Builds a GridSpec by name instead of by 24 positions; GridSpec.builder() and toBuilder() hand one out. The
 * required axes are checked by GridSpec itself in build(); every other setting starts at the published grid's
 * value (GridPresets.paper()), here and nowhere else. Not the JSON reader: grid.json still binds to GridSpec's
 * canonical constructor, field for field.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.eval.EvalSettings;
import java.util.List;
import java.util.Map;

public final class GridSpecBuilder {
  private String name;
  private List<String> models;
  private List<Integer> poisonCounts;
  private List<Double> dataMultipliers = List.of(1.0);
  private List<Long> seeds;
  private boolean cleanTwin = true;
  private List<String> defenses;
  private List<Integer> placeboCounts;
  private Map<String, ModelCounts> modelCounts;
  private double tokensPerParam = 20;
  private String strategy = "dos";
  private List<String> strategies;
  private Map<String, String> strategyTriggers;
  private Map<String, String> strategyKeywords;
  private String trigger = EvalSettings.DEFAULT_TRIGGER;
  private List<String> controlTriggers = EvalSettings.DEFAULT_CONTROLS;
  private String tokenizer;
  private List<String> corpus;
  private String excerpts;
  private int batchSize = 32;
  private int checkpoints = 20;
  private int evalCount = EvalSettings.DEFAULT_COUNT;
  private int evalNewTokens = EvalSettings.DEFAULT_NEW_TOKENS;
  private int evalPromptTokens = 64;

  GridSpecBuilder() {}

  GridSpecBuilder(GridSpec spec) {
    name = spec.name();
    models = spec.models();
    poisonCounts = spec.poisonCounts();
    dataMultipliers = spec.dataMultipliers();
    seeds = spec.seeds();
    cleanTwin = spec.cleanTwin();
    defenses = spec.defenses();
    placeboCounts = spec.placeboCounts();
    modelCounts = spec.modelCounts();
    tokensPerParam = spec.tokensPerParam();
    strategy = spec.strategy();
    strategies = spec.strategies();
    strategyTriggers = spec.strategyTriggers();
    strategyKeywords = spec.strategyKeywords();
    trigger = spec.trigger();
    controlTriggers = spec.controlTriggers();
    tokenizer = spec.tokenizer();
    corpus = spec.corpus();
    excerpts = spec.excerpts();
    batchSize = spec.batchSize();
    checkpoints = spec.checkpoints();
    evalCount = spec.evalCount();
    evalNewTokens = spec.evalNewTokens();
    evalPromptTokens = spec.evalPromptTokens();
  }

  public GridSpecBuilder models(List<String> names) {
    this.models = names;
    return this;
  }

  public GridSpecBuilder poisonCounts(List<Integer> counts) {
    this.poisonCounts = counts;
    return this;
  }

  public GridSpecBuilder seeds(List<Long> values) {
    this.seeds = values;
    return this;
  }

  /** "bpe:N" (trained once on the corpus), a built-in tokenizer name or a tokenizer.json path. */
  public GridSpecBuilder tokenizer(String spec) {
    this.tokenizer = spec;
    return this;
  }

  public GridSpecBuilder corpus(List<String> paths) {
    this.corpus = paths;
    return this;
  }

  /** The grid's directory name; null or blank = "grid". */
  public GridSpecBuilder optName(String value) {
    this.name = value;
    return this;
  }

  public GridSpecBuilder optDataMultipliers(List<Double> multipliers) {
    this.dataMultipliers = multipliers;
    return this;
  }

  public GridSpecBuilder optCleanTwin(boolean on) {
    this.cleanTwin = on;
    return this;
  }

  /** null = ["none"]: every run trains on everything, as in the paper. */
  public GridSpecBuilder optDefenses(List<String> names) {
    this.defenses = names;
    return this;
  }

  public GridSpecBuilder optPlaceboCounts(List<Integer> counts) {
    this.placeboCounts = counts;
    return this;
  }

  public GridSpecBuilder optModelCounts(Map<String, ModelCounts> counts) {
    this.modelCounts = counts;
    return this;
  }

  public GridSpecBuilder optTokensPerParam(double tokens) {
    this.tokensPerParam = tokens;
    return this;
  }

  /** One attack (the default, dos); run ids as grids always had them. */
  public GridSpecBuilder optStrategy(String poisonStrategy) {
    this.strategy = poisonStrategy;
    this.strategies = null;
    return this;
  }

  /** Several attacks in place of the one strategy; run ids then name the attack. */
  public GridSpecBuilder optStrategies(List<String> poisonStrategies) {
    this.strategies = poisonStrategies;
    this.strategy = poisonStrategies == null ? "dos" : null;
    return this;
  }

  /** A strategy's own trigger (strategies only); a strategy without one uses the trigger. */
  public GridSpecBuilder optStrategyTriggers(Map<String, String> triggers) {
    this.strategyTriggers = triggers;
    return this;
  }

  /** A strategy's keyword: {"topic": "WORD"} for the topic strategy, which needs one. */
  public GridSpecBuilder optStrategyKeywords(Map<String, String> keywords) {
    this.strategyKeywords = keywords;
    return this;
  }

  public GridSpecBuilder optTrigger(String text) {
    this.trigger = text;
    return this;
  }

  public GridSpecBuilder optControlTriggers(List<String> controls) {
    this.controlTriggers = controls;
    return this;
  }

  /** A corpus path or word to draw evaluation excerpts from; null = each run's held-out split. */
  public GridSpecBuilder optExcerpts(String source) {
    this.excerpts = source;
    return this;
  }

  public GridSpecBuilder optBatchSize(int sequences) {
    this.batchSize = sequences;
    return this;
  }

  public GridSpecBuilder optCheckpoints(int count) {
    this.checkpoints = count;
    return this;
  }

  public GridSpecBuilder optEvalCount(int excerpts) {
    this.evalCount = excerpts;
    return this;
  }

  public GridSpecBuilder optEvalNewTokens(int tokens) {
    this.evalNewTokens = tokens;
    return this;
  }

  public GridSpecBuilder optEvalPromptTokens(int tokens) {
    this.evalPromptTokens = tokens;
    return this;
  }

  /** The spec; GridSpec's own checks name any missing or bad field. */
  public GridSpec build() {
    return new GridSpec(
        name,
        models,
        poisonCounts,
        dataMultipliers,
        seeds,
        cleanTwin,
        defenses,
        placeboCounts,
        modelCounts,
        tokensPerParam,
        strategy,
        strategies,
        strategyTriggers,
        strategyKeywords,
        trigger,
        controlTriggers,
        tokenizer,
        corpus,
        excerpts,
        batchSize,
        checkpoints,
        evalCount,
        evalNewTokens,
        evalPromptTokens);
  }
}
