/*
 * Catches a poisoned run from its own training log (sequences.bin, `train --log-sequences`): every logged
 * sequence is split into documents at <|endoftext|> (StreamDocuments), each token's loss is compared with the
 * mean loss of its training step, and the excess in bits minus a margin (floored per token) is summed over the
 * maximum-sum segment (Kadane, across consecutive windows), as in the scan detectors: a high-loss tail after a
 * low-loss prefix, relative to what the model already knows at that step. A document's score is its best
 * sighting (epoch). Flagged change points feed TriggerDiscovery (decoded token windows against windows at
 * hash-chosen places), and the run's manifest is the ground truth. Reads only; it does not rescore with a model.
 * This file wires the steps: LossPass reads the log, SightingTally judges each document, MonitorResult holds it.
 */
package dev.poisonlab.defense.monitor;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.SequenceLog;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class TrainingMonitor {
  public static final String DETECTOR = "train-loss";
  static final int WINDOW_BEFORE = 24;
  static final int WINDOW_AFTER = 16;
  static final int BACKGROUND_WINDOWS = 2000;

  /**
   * marginBits: loss above the step's mean that counts as excess; floorBits: the most a single
   * token can take off a running segment (so a few predictable tokens, such as the byte runs U+FFFD
   * re-encodes to, do not end a high-loss tail); minExcess: bits that flag a document.
   */
  public record Settings(double marginBits, double floorBits, double minExcess) {
    public static final double DEFAULT_MARGIN_BITS = 1.0;
    public static final double DEFAULT_FLOOR_BITS = 3.0;
    public static final double DEFAULT_MIN_EXCESS = 200;

    public Settings {
      requireFinite("marginBits", marginBits, 0);
      requireFinite("floorBits", floorBits, Double.MIN_VALUE);
      requireFinite("minExcess", minExcess, Double.MIN_VALUE);
    }

    private static void requireFinite(String field, double value, double least) {
      if (!(value >= least) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            field
                + " must be a number >= "
                + (least > 0 ? "0 (exclusive)" : "0")
                + ", got "
                + value);
      }
    }

    public static Settings defaults() {
      return new Settings(DEFAULT_MARGIN_BITS, DEFAULT_FLOOR_BITS, DEFAULT_MIN_EXCESS);
    }
  }

  private TrainingMonitor() {}

  public static MonitorResult analyse(Path run, Settings settings) {
    RunConfig config = Trainer.readRunConfig(run.resolve(Trainer.CONFIG_FILE));
    Path tokensFile = tokensFile(config);
    StreamManifest manifest = TokenStream.readManifest(run.resolve(Trainer.DATA_DIRECTORY));
    Tokenizer tokenizer = GptRunSource.open(run).tokenizer();
    TokenFile tokens = TokenFile.open(tokensFile, manifest.dtype());
    StreamDocuments documents = StreamDocuments.index(tokens, tokenizer.endOfTextId(), manifest);
    LossPass pass = new LossPass(documents, settings);
    SequenceLog.read(run, pass::accept);
    pass.finish();
    SightingTally tally =
        new SightingTally(
            documents,
            tokenizer,
            settings,
            config.train().maxSteps(),
            metrics(run, manifest),
            pass.best().size());
    pass.best().forEach(tally::add);
    return MonitorResult.builder()
        .run(run)
        .sequences(pass.sequences())
        .steps(pass.steps())
        .streamDocuments(documents.count())
        .documentsSeen(pass.best().size())
        .manifestPoisons(manifest.poisons().size())
        .poisonsSeen(tally.poisonsSeen())
        .suspects(tally.suspects())
        .triggers(tally.triggers())
        .metrics(tally.metrics())
        .byProgress(tally.byProgress())
        .settings(settings)
        .build();
  }

  /** The run's token stream, which the log's offsets point into. */
  private static Path tokensFile(RunConfig config) {
    Path stream = Path.of(config.data().directory());
    Path tokensFile = stream.resolve(StreamManifest.TOKENS_FILE);
    if (!Files.isRegularFile(tokensFile)) {
      throw new InputException(
          tokensFile, 0, "missing: the run's stream (config.json data.directory) is needed");
    }
    return tokensFile;
  }

  /** Metrics against the manifest's poisons; null when it lists none. */
  private static DetectionMetrics metrics(Path run, StreamManifest manifest) {
    GroundTruth truth =
        new GroundTruth(
            run.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.MANIFEST_FILE),
            idsOf(manifest));
    return truth.size() == 0 ? null : new DetectionMetrics(List.of(DETECTOR), truth);
  }

  private static Map<String, String> idsOf(StreamManifest manifest) {
    Map<String, String> ids = new LinkedHashMap<>();
    manifest.poisons().forEach(span -> ids.put(span.id(), GroundTruth.UNKNOWN_STRATEGY));
    return ids;
  }
}
