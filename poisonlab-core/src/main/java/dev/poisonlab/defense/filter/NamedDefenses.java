/*
 * The filter-then-train settings a grid spec can name in its `defenses` axis: "none" (train on everything, the
 * paper's setting) and a few fixed detector + mode choices. Fixed names keep run ids short and results
 * comparable across grids; a new setting is a new name here, never a tweak of an existing one.
 * Only DROP settings: the grid filters by id so that held-out documents stay those of the undefended run.
 */
package dev.poisonlab.defense.filter;

import dev.poisonlab.defense.detect.C4QualityDetector;
import dev.poisonlab.defense.detect.FineWebQualityDetector;
import dev.poisonlab.defense.detect.GopherQualityDetector;
import dev.poisonlab.defense.detect.NgramDetector;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.verdict.CombinedVerdict;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class NamedDefenses {
  public static final String NONE = "none";
  private static final Map<String, FilterThenTrain.Defense> SETTINGS = settings();

  /** Every accepted name, "none" first. */
  public static final List<String> NAMES = names();

  private NamedDefenses() {}

  private static Map<String, FilterThenTrain.Defense> settings() {
    Map<String, FilterThenTrain.Defense> settings = new LinkedHashMap<>();
    settings.put(SurprisalDetector.NAME, FilterThenTrain.Defense.surprisalDrop());
    settings.put(
        SurprisalDetector.BIGRAM_NAME, dropFlagsOf(List.of(SurprisalDetector.BIGRAM_NAME)));
    // the reviewers' suggestion: standard web-quality heuristics, a document dropped when any rule
    // fires
    settings.put(
        "quality",
        dropFlagsOf(
            List.of(
                GopherQualityDetector.NAME, C4QualityDetector.NAME, FineWebQualityDetector.NAME)));
    // the detectors that do not assume the paper's recipe (docs/defense.md, "Adaptive poisons"):
    // the corpus's own
    // word-trigram model, and the combined verdict (any change-point detector flags)
    settings.put(NgramDetector.NAME, dropFlagsOf(List.of(NgramDetector.NAME)));
    settings.put(
        CombinedVerdict.NAME,
        new FilterThenTrain.Defense(
            ScanSpec.of(
                List.of(SurprisalDetector.NAME, SurprisalDetector.BIGRAM_NAME, NgramDetector.NAME)),
            List.of(CombinedVerdict.NAME),
            CorpusFilter.Mode.DROP));
    // the corpus-level verdict: a change point of those detectors, preceded by a trigger that
    // precedes change points in many documents (TriggerConfirmation)
    settings.put(
        TriggerConfirmation.NAME,
        new FilterThenTrain.Defense(
            ScanSpec.builder(
                    List.of(
                        SurprisalDetector.NAME, SurprisalDetector.BIGRAM_NAME, NgramDetector.NAME))
                .confirmed(ConfirmedSettings.defaults())
                .build(),
            List.of(TriggerConfirmation.NAME),
            CorpusFilter.Mode.DROP));
    return Collections.unmodifiableMap(settings);
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(List.of(NONE));
    names.addAll(SETTINGS.keySet());
    return List.copyOf(names);
  }

  private static FilterThenTrain.Defense dropFlagsOf(List<String> detectors) {
    return new FilterThenTrain.Defense(ScanSpec.of(detectors), detectors, CorpusFilter.Mode.DROP);
  }

  /** The setting a name stands for; empty for "none". */
  public static Optional<FilterThenTrain.Defense> byName(String name) {
    if (NONE.equals(name)) {
      return Optional.empty();
    }
    FilterThenTrain.Defense defense = SETTINGS.get(name);
    if (defense == null) {
      throw new IllegalArgumentException(
          "defenses: unknown defence '" + name + "'; choose from " + String.join(", ", NAMES));
    }
    return Optional.of(defense);
  }
}
