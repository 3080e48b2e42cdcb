/*
 * `poisonlab scan`: runs the defence detectors over a corpus (single process, or --spark through the
 * poisonlab-spark module) and writes flagged.jsonl, scores.jsonl, triggers.json, confirmed.json (single
 * process) and, with --truth, the precision/recall table. Thin: parses options, calls Scanner or a
 * ScanEngine, prints the summary.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.detect.LmSettings;
import dev.poisonlab.defense.detect.LmSurprisalDetector;
import dev.poisonlab.defense.detect.NgramDetector;
import dev.poisonlab.defense.scan.ScanEngine;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.defense.verdict.PhraseDiscovery;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Scan corpora for poisoned documents; with --truth, measure precision/recall per detector. "
            + "With --model RUNDIR also lm-surprisal (per-token loss under the run's last checkpoint; slower).")
public final class ScanCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Mixin CorpusOptions corpus;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(
      names = "--truth",
      description = "poisons JSONL or stream manifest.json naming the poison ids")
  Path truth;

  @Option(
      names = "--detectors",
      split = ",",
      description =
          "comma list of ${COMPLETION-CANDIDATES} (default: "
              + "the first six, plus lm-surprisal with --model; with --spark the first five)",
      completionCandidates = DetectorNames.class)
  List<String> detectors;

  @Option(
      names = "--model",
      description =
          "trained run directory (train --out) or Hugging Face GPT-2 directory, for lm-surprisal")
  Path model;

  @Option(
      names = "--lm-tau",
      description = "lm-surprisal level in bits (default: 0.8 x log2 vocabulary)")
  double lmTau = LmSettings.AUTO_TAU;

  @Option(
      names = "--lm-floor-bits",
      description =
          "most one token subtracts from an lm-surprisal segment (default ${DEFAULT-VALUE})")
  double lmFloorBits = LmSettings.DEFAULT_FLOOR_BITS;

  @Option(
      names = "--lm-min-excess",
      description = "excess bits that flag an lm-surprisal span (default ${DEFAULT-VALUE})")
  double lmMinExcess = LmSettings.DEFAULT_MIN_EXCESS;

  @Option(
      names = "--tau",
      description = "surprisal level in bits counted as excess (default ${DEFAULT-VALUE})")
  double tau = ScanSpec.DEFAULT_TAU;

  @Option(
      names = "--min-excess",
      description = "excess bits that flag a span (default ${DEFAULT-VALUE})")
  double minExcess = ScanSpec.DEFAULT_MIN_EXCESS;

  @Option(
      names = "--bigram-tau",
      description = "tau of surprisal-bigram (default ${DEFAULT-VALUE})")
  double bigramTau = ScanSpec.DEFAULT_BIGRAM_TAU;

  @Option(
      names = "--bigram-min-excess",
      description = "min excess of surprisal-bigram (default ${DEFAULT-VALUE})")
  double bigramMinExcess = ScanSpec.DEFAULT_BIGRAM_MIN_EXCESS;

  @Option(
      names = "--ngram-tau",
      description = "ngram level in bits per word (default ${DEFAULT-VALUE})")
  double ngramTau = NgramDetector.Thresholds.DEFAULT_TAU;

  @Option(
      names = "--ngram-cap-bits",
      description = "most bits one word adds to ngram (default ${DEFAULT-VALUE})")
  double ngramCapBits = NgramDetector.Thresholds.DEFAULT_CAP_BITS;

  @Option(
      names = "--ngram-length-bits",
      description =
          "bits ngram subtracts per e-fold of document length " + "(default ${DEFAULT-VALUE})")
  double ngramLengthBits = NgramDetector.Thresholds.DEFAULT_LENGTH_BITS;

  @Option(
      names = "--ngram-spreads",
      description =
          "ngram flags above Q90 + S x (Q90 - Q50) of the corpus's "
              + "own scores (default ${DEFAULT-VALUE}: about 1%% of clean documents)")
  double ngramSpreads = NgramDetector.Thresholds.DEFAULT_SPREADS;

  @Option(
      names = "--ngram-min-score",
      description = "floor under the ngram threshold in bits (default ${DEFAULT-VALUE})")
  double ngramMinScore = NgramDetector.Thresholds.DEFAULT_MIN_SCORE;

  @Option(
      names = "--ngram-combined-spreads",
      description =
          "two-tier combined verdict: ngram counts towards "
              + "'combined' only when its score reaches Q90 + S x (Q90 - Q50) too; 0: whenever it flags (default ${DEFAULT-VALUE})")
  double ngramCombinedSpreads = 0;

  @Option(
      names = "--phrases",
      description =
          "also rank N word phrases (3-5 words, in >= 20 documents) far above "
              + "the Markov chain of their word pairs, as trigger candidates without flagged spans: DIR/phrases.json "
              + "(reads the corpus twice more; default ${DEFAULT-VALUE}: off)")
  int phrases = 0;

  @Option(
      names = "--surprisal-spreads",
      description =
          "calibrate surprisal and surprisal-bigram: flag at "
              + "min(min-excess, max(20, Q90 + S x (Q90 - Q50))) of a corpus sample's scores; 0 keeps the fixed "
              + "min-excess (default ${DEFAULT-VALUE})")
  double surprisalSpreads = 0;

  @Mixin ConfirmedOptions confirmed;

  @Option(
      names = "--spark",
      description = "run as an Apache Spark job (needs the poisonlab-spark module)")
  boolean spark;

  @Option(names = "--master", description = "Spark master URL (default ${DEFAULT-VALUE})")
  String master = "local[*]";

  @Mixin ProgressOption progressOption;

  @Override
  public Integer call() {
    ScanSpec spec = OptionChecks.settings(command, this::scanSpec);
    ReadOptions options = corpus.readOptions();
    GroundTruth groundTruth = truth == null ? null : GroundTruth.load(truth);
    ScanResult result;
    DocumentSource.Corpus source = null;
    try (ScanOutputs outputs = new ScanOutputs(out, spec, groundTruth)) {
      if (spark) {
        ScanEngine engine = OptionChecks.settings(command, () -> ScanEngine.find("spark"));
        ScanEngine.Request request =
            OptionChecks.settings(
                command,
                () ->
                    new ScanEngine.Request(
                        corpus.paths(), options, spec, master, progressOption.progress()));
        result = engine.scan(request, outputs);
      } else {
        source = DocumentSource.corpus(corpus.paths(), options);
        result = Scanner.scan(source, spec, outputs, progressOption.progress());
      }
    }
    ScanSummary.print(result, out);
    if (phrases > 0) {
      ScanSummary.writePhrases(
          out,
          PhraseDiscovery.run(
              corpus.paths(), options, PhraseDiscovery.DEFAULT_MIN_DOCUMENTS, phrases));
    }
    if (corpus.skipBad && source != null) {
      System.out.printf(
          Locale.ROOT, "skipped %,d malformed lines (--skip-bad)%n", source.skippedLines());
    }
    return 0;
  }

  /**
   * The scan the options describe (the default detectors, plus lm-surprisal with --model); the
   * settings' own checks are usage errors of the command.
   */
  private ScanSpec scanSpec() {
    List<String> chosen = detectors;
    if (chosen == null) {
      // ngram's Kneser-Ney counts do not merge across Spark partitions
      chosen = new java.util.ArrayList<>(spark ? ScanSpec.KNOWN : ScanSpec.DEFAULT_DETECTORS);
      if (model != null) {
        chosen.add(LmSurprisalDetector.NAME);
      }
    }
    LmSettings lm =
        model == null
            ? null
            : new LmSettings(
                model.toString(), lmTau, lmFloorBits, lmMinExcess, LmSettings.DEFAULT_BATCH_TOKENS);
    return ScanSpec.builder(chosen)
        .tau(tau)
        .minExcess(minExcess)
        .bigramTau(bigramTau)
        .bigramMinExcess(bigramMinExcess)
        .lm(lm)
        .ngram(
            new NgramDetector.Thresholds(
                ngramTau,
                ngramCapBits,
                ngramLengthBits,
                ngramSpreads,
                ngramMinScore,
                ngramCombinedSpreads))
        .surprisalSpreads(surprisalSpreads)
        .confirmed(confirmed.settings(spark))
        .build();
  }

  static final class DetectorNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ScanSpec.ALL.iterator();
    }
  }
}
