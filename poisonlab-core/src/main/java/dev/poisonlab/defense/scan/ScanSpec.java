/*
 * What a scan runs: which detectors (by name, in output order), their settings and whether the corpus-level
 * confirmed verdict is added (confirmed: null = off). Serializable so a Spark job ships it to executors,
 * where build() makes fresh detectors per task. Validates every field; built with builder(), not with rows
 * of numbers. Not the place for input or output paths, except the trained run lm-surprisal loads.
 */
package dev.poisonlab.defense.scan;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.detect.C4QualityDetector;
import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.defense.detect.FineWebQualityDetector;
import dev.poisonlab.defense.detect.GopherQualityDetector;
import dev.poisonlab.defense.detect.LmSettings;
import dev.poisonlab.defense.detect.LmSurprisalDetector;
import dev.poisonlab.defense.detect.NgramDetector;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.defense.verdict.CombinedVerdict;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScanSpec(
    List<String> detectors,
    double tau,
    double minExcess,
    double bigramTau,
    double bigramMinExcess,
    int windowBefore,
    int windowAfter,
    int backgroundWindows,
    LmSettings lm,
    NgramDetector.Thresholds ngram,
    double surprisalSpreads,
    ConfirmedSettings confirmed)
    implements Serializable {

  /**
   * The detectors that need no trained model and run on Spark too (ngram does not: see
   * CorpusModel.merge).
   */
  public static final List<String> KNOWN =
      List.of(
          GopherQualityDetector.NAME,
          C4QualityDetector.NAME,
          FineWebQualityDetector.NAME,
          SurprisalDetector.NAME,
          SurprisalDetector.BIGRAM_NAME);

  /** What a scan runs when not told: KNOWN plus the word trigram detector. */
  public static final List<String> DEFAULT_DETECTORS =
      List.of(
          GopherQualityDetector.NAME,
          C4QualityDetector.NAME,
          FineWebQualityDetector.NAME,
          SurprisalDetector.NAME,
          SurprisalDetector.BIGRAM_NAME,
          NgramDetector.NAME);

  /** Every detector: the defaults plus lm-surprisal, which needs a trained run (lm settings). */
  public static final List<String> ALL =
      List.of(
          GopherQualityDetector.NAME,
          C4QualityDetector.NAME,
          FineWebQualityDetector.NAME,
          SurprisalDetector.NAME,
          SurprisalDetector.BIGRAM_NAME,
          NgramDetector.NAME,
          LmSurprisalDetector.NAME);

  public static final double DEFAULT_TAU = 14.0;
  public static final double DEFAULT_MIN_EXCESS = 800.0;
  public static final double DEFAULT_BIGRAM_TAU = 13.0;
  public static final double DEFAULT_BIGRAM_MIN_EXCESS = 800.0;

  public ScanSpec {
    if (detectors == null || detectors.isEmpty()) {
      throw new IllegalArgumentException("detectors: name at least one of " + KNOWN);
    }
    for (String name : detectors) {
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException(
            "detectors: unknown detector '" + name + "'; known: " + ALL);
      }
    }
    if (detectors.contains(LmSurprisalDetector.NAME) && lm == null) {
      throw new IllegalArgumentException(
          "detectors: lm-surprisal needs a trained run (--model RUNDIR)");
    }
    if (new LinkedHashSet<>(detectors).size() != detectors.size()) {
      throw new IllegalArgumentException("detectors: a detector is named twice in " + detectors);
    }
    detectors = List.copyOf(detectors);
    requirePositive("tau", tau);
    requirePositive("minExcess", minExcess);
    requirePositive("bigramTau", bigramTau);
    requirePositive("bigramMinExcess", bigramMinExcess);
    if (windowBefore < 1 || windowBefore > 256 || windowAfter < 0 || windowAfter > 256) {
      throw new IllegalArgumentException(
          "windowBefore must lie in [1, 256] and windowAfter in [0, 256]");
    }
    if (backgroundWindows < 0) {
      throw new IllegalArgumentException(
          "backgroundWindows must be >= 0, got " + backgroundWindows);
    }
    ngram = ngram == null ? NgramDetector.Thresholds.defaults() : ngram;
    if (!(surprisalSpreads >= 0) || Double.isInfinite(surprisalSpreads)) {
      throw new IllegalArgumentException(
          "surprisalSpreads must be a finite number >= 0 (0: fixed threshold), got "
              + surprisalSpreads);
    }
  }

  public static ScanSpecBuilder builder(List<String> detectors) {
    return new ScanSpecBuilder(detectors);
  }

  /** A builder holding this spec's settings, to change some of them. */
  public ScanSpecBuilder toBuilder() {
    return new ScanSpecBuilder(detectors)
        .tau(tau)
        .minExcess(minExcess)
        .bigramTau(bigramTau)
        .bigramMinExcess(bigramMinExcess)
        .windows(windowBefore, windowAfter)
        .backgroundWindows(backgroundWindows)
        .lm(lm)
        .ngram(ngram)
        .surprisalSpreads(surprisalSpreads)
        .confirmed(confirmed);
  }

  /** The same spec with other ngram thresholds (null: the defaults). */
  public ScanSpec withNgram(NgramDetector.Thresholds thresholds) {
    return toBuilder().ngram(thresholds).build();
  }

  /**
   * The same spec with calibrated surprisal thresholds: {@code spreads} > 0 flags surprisal and
   * surprisal-bigram at min(min-excess, max(20, Q90 + spreads x (Q90 - Q50))) of a corpus sample's
   * scores; 0 keeps them fixed.
   */
  public ScanSpec withSurprisalSpreads(double spreads) {
    return toBuilder().surprisalSpreads(spreads).build();
  }

  /** The same spec with the confirmed verdict (null: without it). */
  public ScanSpec withConfirmed(ConfirmedSettings settings) {
    return toBuilder().confirmed(settings).build();
  }

  /**
   * Whether the scan adds the "combined" verdict: it does when two or more change-point detectors
   * run.
   */
  public boolean combines() {
    return detectors.stream().filter(CombinedVerdict::localizes).count() >= 2;
  }

  /**
   * Whether the scan adds the corpus-level "confirmed" verdict: when asked (confirmed settings) and
   * a change-point detector runs.
   */
  public boolean confirms() {
    return confirmed != null && detectors.stream().anyMatch(CombinedVerdict::localizes);
  }

  /**
   * Names of the verdicts a scan reports, in order: the detectors, then "combined" and "confirmed"
   * when they apply.
   */
  public List<String> outputs() {
    List<String> names = new ArrayList<>(detectors);
    if (combines()) {
      names.add(CombinedVerdict.NAME);
    }
    if (confirms()) {
      names.add(TriggerConfirmation.NAME);
    }
    return List.copyOf(names);
  }

  private static void requirePositive(String field, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + " must be a positive number, got " + value);
    }
  }

  public static ScanSpec defaults() {
    return of(DEFAULT_DETECTORS);
  }

  public static ScanSpec of(List<String> detectors) {
    return of(detectors, null);
  }

  /**
   * Default settings for {@code detectors}; {@code lm} is needed when they include lm-surprisal.
   */
  public static ScanSpec of(List<String> detectors, LmSettings lm) {
    return builder(detectors).lm(lm).build();
  }

  /** True when a detector needs corpus statistics, i.e. a first counting pass. */
  public boolean needsCorpusModel() {
    return detectors.contains(SurprisalDetector.NAME) || needsBigrams() || needsNgrams();
  }

  public boolean needsNgrams() {
    return detectors.contains(NgramDetector.NAME);
  }

  public boolean needsBigrams() {
    return detectors.contains(SurprisalDetector.BIGRAM_NAME);
  }

  /**
   * Whether the counting pass keeps a calibration sample: for ngram, or for calibrated surprisal
   * thresholds.
   */
  public boolean needsSample() {
    return needsNgrams()
        || (confirms() && confirmed.candidateSpreads() > 0)
        || (surprisalSpreads > 0
            && (detectors.contains(SurprisalDetector.NAME)
                || detectors.contains(SurprisalDetector.BIGRAM_NAME)));
  }

  public CorpusModel newCorpusModel() {
    return new CorpusModel(needsBigrams(), needsNgrams(), needsSample());
  }

  /** Fresh detector instances (one set per thread), in the order of {@link #detectors()}. */
  public List<Detector> build(CorpusModel model) {
    if (needsCorpusModel() && model == null) {
      throw new IllegalArgumentException("detectors " + detectors + " need a corpus model");
    }
    List<Detector> built = new ArrayList<>();
    try {
      for (String name : detectors) {
        built.add(create(name, model));
      }
      return built;
    } catch (RuntimeException e) {
      built.forEach(Detector::close);
      throw e;
    }
  }

  private Detector create(String name, CorpusModel model) {
    return switch (name) {
      case GopherQualityDetector.NAME -> new GopherQualityDetector();
      case C4QualityDetector.NAME -> new C4QualityDetector();
      case FineWebQualityDetector.NAME -> new FineWebQualityDetector();
      case SurprisalDetector.NAME ->
          new SurprisalDetector(model, false, tau, minExcess, surprisalSpreads, candidateSpreads());
      case SurprisalDetector.BIGRAM_NAME ->
          new SurprisalDetector(
              model, true, bigramTau, bigramMinExcess, surprisalSpreads, candidateSpreads());
      case NgramDetector.NAME -> new NgramDetector(model, ngram, candidateSpreads());
      case LmSurprisalDetector.NAME -> LmSurprisalDetector.open(lm);
      default -> throw new IllegalStateException("unreachable: " + name);
    };
  }

  /** Spreads of the detectors' candidate level for the confirmed verdict; 0 when it is off. */
  private double candidateSpreads() {
    return confirms() ? confirmed.candidateSpreads() : 0;
  }
}
