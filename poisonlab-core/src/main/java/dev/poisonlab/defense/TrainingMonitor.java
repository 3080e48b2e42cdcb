/*
 * Catches a poisoned run from its own training log (sequences.bin, `train --log-sequences`): every logged
 * sequence is split into documents at <|endoftext|> (StreamDocuments), each token's loss is compared with the
 * mean loss of its training step, and the excess in bits minus a margin (floored per token) is summed over the
 * maximum-sum segment (Kadane, across consecutive windows), as in the scan detectors: a high-loss tail after a
 * low-loss prefix, relative to what the model already knows at that step. A document's score is its best
 * sighting (epoch). Flagged change points feed TriggerDiscovery (decoded token windows against windows at
 * hash-chosen places), and the run's manifest is the ground truth. Reads only; it does not rescore with a model.
 */
package dev.poisonlab.defense;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.eval.GptRunSource;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.RunConfig;
import dev.poisonlab.train.SequenceLog;
import dev.poisonlab.train.TokenStream;
import dev.poisonlab.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class TrainingMonitor {
  public static final String DETECTOR = "train-loss";
  static final int WINDOW_BEFORE = 24;
  static final int WINDOW_AFTER = 16;
  static final int BACKGROUND_WINDOWS = 2000;
  private static final double LN2 = Math.log(2);

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

  /**
   * A document's best sighting: score (bits), the step, its high-loss span [start, end) in stream
   * offsets.
   */
  public record Suspect(
      String id,
      boolean poison,
      double score,
      boolean flagged,
      long step,
      long spanStart,
      long spanEnd,
      double meanExcessBits,
      int sightings,
      String excerpt) {}

  /**
   * Poisons first trained on in one tenth of the run ([from, to) of max_steps), and how many were
   * flagged.
   */
  public record ProgressRow(double from, double to, int poisons, int flagged) {}

  public record Result(
      Path run,
      long sequences,
      long steps,
      long streamDocuments,
      int documentsSeen,
      int manifestPoisons,
      int poisonsSeen,
      List<Suspect> suspects,
      List<TriggerDiscovery.Candidate> triggers,
      DetectionMetrics metrics,
      List<ProgressRow> byProgress,
      Settings settings) {

    public long flaggedCount() {
      return suspects.stream().filter(Suspect::flagged).count();
    }
  }

  private TrainingMonitor() {}

  public static Result analyse(Path run, Settings settings) {
    RunConfig config = Trainer.readRunConfig(run.resolve(Trainer.CONFIG_FILE));
    Path stream = Path.of(config.data().directory());
    Path tokensFile = stream.resolve(StreamManifest.TOKENS_FILE);
    if (!Files.isRegularFile(tokensFile)) {
      throw new InputException(
          tokensFile, 0, "missing: the run's stream (config.json data.directory) is needed");
    }
    StreamManifest manifest = TokenStream.readManifest(run.resolve(Trainer.DATA_DIRECTORY));
    Tokenizer tokenizer = GptRunSource.open(run).tokenizer();
    TokenFile tokens = TokenFile.open(tokensFile, manifest.dtype());
    StreamDocuments documents = StreamDocuments.index(tokens, tokenizer.endOfTextId(), manifest);
    Pass pass = new Pass(documents, settings);
    SequenceLog.read(run, pass::accept);
    pass.finishStep();
    pass.endSegment();

    List<Suspect> suspects = new ArrayList<>();
    Map<String, String> flaggedWindows = new LinkedHashMap<>();
    List<String> background = new ArrayList<>();
    GroundTruth truth =
        new GroundTruth(
            run.resolve(Trainer.DATA_DIRECTORY).resolve(StreamManifest.MANIFEST_FILE),
            idsOf(manifest));
    DetectionMetrics metrics =
        truth.size() == 0 ? null : new DetectionMetrics(List.of(DETECTOR), truth);
    int poisonsSeen = 0;
    int[][] progress = new int[10][2];
    long maxSteps = config.train().maxSteps();
    for (Map.Entry<Integer, Sighting> entry : pass.best.entrySet()) {
      int index = entry.getKey();
      Sighting best = entry.getValue();
      String id = documents.id(index);
      boolean poison = documents.poison(index) != null;
      poisonsSeen += poison ? 1 : 0;
      boolean flagged = best.score >= settings.minExcess();
      if (poison) {
        int tenth = (int) Math.min(9, Math.max(0, (best.firstStep - 1) * 10 / maxSteps));
        progress[tenth][0]++;
        progress[tenth][1] += flagged ? 1 : 0;
      }
      long start = documents.start(index);
      if (metrics != null) {
        Verdict verdict =
            flagged
                ? new Verdict(
                    best.score,
                    true,
                    (int) (best.spanStart - start),
                    (int) (best.spanEnd - start),
                    "")
                : Verdict.clean(best.score);
        metrics.accept(
            new DocumentScan(
                id,
                (int) (documents.end(index) - start),
                List.of(verdict),
                java.util.Collections.singletonList(null),
                null));
      }
      if (flagged) {
        flaggedWindows.put(
            id,
            decode(
                tokenizer,
                documents,
                index,
                best.spanStart - WINDOW_BEFORE,
                best.spanStart + WINDOW_AFTER));
      }
      long hash = TextUnits.mix(DocumentInspector.stableHash(id));
      if ((hash >>> 11) * 0x1.0p-53 < BACKGROUND_WINDOWS / (double) Math.max(1, pass.best.size())) {
        long length = documents.end(index) - start;
        long at = start + (length == 0 ? 0 : Math.floorMod(TextUnits.mix(hash), length));
        background.add(decode(tokenizer, documents, index, at - WINDOW_BEFORE, at + WINDOW_AFTER));
      }
      if (best.score > 0) {
        String excerpt =
            decode(
                tokenizer, documents, index, best.spanStart - WINDOW_BEFORE, best.spanStart + 24);
        suspects.add(
            new Suspect(
                id,
                poison,
                round(best.score),
                flagged,
                best.step,
                best.spanStart,
                best.spanEnd,
                round(
                    best.score / Math.max(1, best.spanEnd - best.spanStart)
                        + settings.marginBits()),
                best.sightings,
                excerpt));
      }
    }
    suspects.sort(Comparator.comparingDouble(Suspect::score).reversed().thenComparing(Suspect::id));
    List<ProgressRow> byProgress = new ArrayList<>();
    for (int tenth = 0; tenth < 10; tenth++) {
      byProgress.add(
          new ProgressRow(
              tenth / 10.0, (tenth + 1) / 10.0, progress[tenth][0], progress[tenth][1]));
    }
    return new Result(
        run,
        pass.sequences,
        pass.steps,
        documents.count(),
        pass.best.size(),
        manifest.poisons().size(),
        poisonsSeen,
        suspects,
        TriggerDiscovery.discover(flaggedWindows, background),
        metrics,
        byProgress,
        settings);
  }

  private static Map<String, String> idsOf(StreamManifest manifest) {
    Map<String, String> ids = new LinkedHashMap<>();
    manifest.poisons().forEach(span -> ids.put(span.id(), GroundTruth.UNKNOWN_STRATEGY));
    return ids;
  }

  private static String decode(
      Tokenizer tokenizer, StreamDocuments documents, int index, long from, long to) {
    return tokenizer.decode(documents.read(index, from, to));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** A document's best-scoring sighting so far and how often it was seen. */
  private static final class Sighting {
    double score = Double.NEGATIVE_INFINITY;
    long firstStep = -1;
    long step;
    long spanStart;
    long spanEnd;
    int sightings;
  }

  /**
   * One streaming pass over the log; a step's records are analysed together once the step is
   * complete.
   */
  private static final class Pass {
    private final StreamDocuments documents;
    private final Settings settings;
    private final Map<Integer, Sighting> best = new HashMap<>();
    private final List<SequenceLog.Sequence> step = new ArrayList<>();
    private int[] targets = new int[0];
    private long sequences;
    private long steps;
    private long nextTarget = -1;
    private long segmentStep = -1;
    private long segmentDocument;
    private final MaxSegment segment = new MaxSegment();

    Pass(StreamDocuments documents, Settings settings) {
      this.documents = documents;
      this.settings = settings;
    }

    void accept(SequenceLog.Sequence sequence) {
      if (!step.isEmpty() && step.get(0).step() != sequence.step()) {
        finishStep();
      }
      step.add(sequence);
      sequences++;
    }

    void finishStep() {
      if (step.isEmpty()) {
        return;
      }
      double sum = 0;
      long count = 0;
      for (SequenceLog.Sequence sequence : step) {
        for (float loss : sequence.losses()) {
          sum += loss;
        }
        count += sequence.losses().length;
      }
      double level = sum / count / LN2 + settings.marginBits();
      for (SequenceLog.Sequence sequence : step) {
        scan(sequence, level);
      }
      steps++;
      step.clear();
    }

    /**
     * Kadane over document segments; target i is token offset + i + 1. Consecutive windows of the
     * stream continue the same segment, so a document longer than a window is judged whole.
     */
    private void scan(SequenceLog.Sequence sequence, double level) {
      float[] losses = sequence.losses();
      if (targets.length != losses.length) {
        targets = new int[losses.length];
      }
      long first = sequence.offset() + 1;
      if (first != nextTarget) {
        endSegment();
      }
      int length = (int) Math.min(losses.length, documents.tokens().length() - first);
      documents.tokens().read(first, targets, 0, length);
      for (int i = 0; i < length; i++) {
        long position = first + i;
        if (targets[i] == documents.endOfText()) {
          endSegment();
          continue;
        }
        if (segmentStep < 0) {
          segmentStep = sequence.step();
          segment.reset();
        }
        segment.add(position, Math.max(losses[i] / LN2 - level, -settings.floorBits()));
        segmentDocument = position;
      }
      nextTarget = first + length;
    }

    void endSegment() {
      if (segmentStep < 0) {
        return;
      }
      Sighting sighting =
          best.computeIfAbsent(documents.documentAt(segmentDocument), index -> new Sighting());
      sighting.sightings++;
      if (sighting.firstStep < 0) {
        sighting.firstStep = segmentStep;
      }
      if (segment.best() > sighting.score) {
        sighting.score = segment.best();
        sighting.step = segmentStep;
        sighting.spanStart = segment.first() < 0 ? segmentDocument : segment.first();
        sighting.spanEnd = segment.first() < 0 ? segmentDocument : segment.last() + 1;
      }
      segmentStep = -1;
    }
  }
}
