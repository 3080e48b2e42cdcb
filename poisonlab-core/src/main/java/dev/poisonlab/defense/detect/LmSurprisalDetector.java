/*
 * The change-point detector under a trained poisonlab model: each token's surprisal in bits, -log2 p(token |
 * <|endoftext|> + preceding tokens), minus a level tau and floored at -floorBits; the flagged span is the
 * maximum-sum segment (Kadane), as in SurprisalDetector, and the score its excess in bits. Documents longer
 * than the context are scored by
 * windows of the context length sliding by half of it, each token scored once with at least half a context
 * before it. Windows of a whole batch of documents are sorted by length and run through the model in forward
 * passes of about batchTokens tokens. Holds the model (native memory): close it. One instance per thread.
 */
package dev.poisonlab.defense.detect;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.eval.CheckpointInfo;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.eval.RunSource;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

public final class LmSurprisalDetector implements Detector {
  public static final String NAME = "lm-surprisal";
  private static final double LN2 = Math.log(2);

  private final LanguageModel model;
  private final Tokenizer tokenizer;
  private final double tau;
  private final double floor;
  private final double minExcess;
  private final int batchTokens;

  public LmSurprisalDetector(LanguageModel model, Tokenizer tokenizer, LmSettings settings) {
    if (model.vocabSize() != tokenizer.vocabSize()) {
      // the model and its tokenizer come from the user's --model directory: bad input, not a bug
      throw new InputException(
          "model vocabulary "
              + model.vocabSize()
              + " differs from the tokenizer's "
              + tokenizer.vocabSize());
    }
    if (model.contextLength() < 2) {
      throw new IllegalArgumentException("lm-surprisal needs a context of at least 2 tokens");
    }
    this.model = model;
    this.tokenizer = tokenizer;
    this.tau = settings.tauFor(model.vocabSize());
    this.floor = settings.floorBits();
    this.minExcess = settings.minExcess();
    this.batchTokens = settings.batchTokens();
  }

  /** The detector over the last checkpoint of run directory {@code settings.run()}, on the CPU. */
  public static LmSurprisalDetector open(LmSettings settings) {
    RunSource run = RunSource.open(Path.of(settings.run()));
    List<CheckpointInfo> checkpoints = run.checkpoints();
    if (checkpoints.isEmpty()) {
      throw new InputException(Path.of(settings.run()), 0, "holds no checkpoint to score with");
    }
    LanguageModel model = run.open(checkpoints.get(checkpoints.size() - 1));
    try {
      return new LmSurprisalDetector(model, run.tokenizer(), settings);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  public double tau() {
    return tau;
  }

  @Override
  public Verdict inspect(Document document) {
    return inspectAll(List.of(document)).get(0);
  }

  /**
   * One window of a document's sequence (<|endoftext|> + ids): scores tokens [firstScored, end) of
   * it.
   */
  private record Window(int document, int start, int end, int firstScored) {}

  @Override
  public List<Verdict> inspectAll(List<Document> documents) {
    int context = model.contextLength();
    int stride = Math.max(1, context / 2);
    int[][] sequences = new int[documents.size()][];
    double[][] bits = new double[documents.size()][];
    List<Window> windows = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      int[] ids = tokenizer.encode(documents.get(d).text());
      int[] sequence = new int[ids.length + 1];
      sequence[0] = tokenizer.endOfTextId();
      System.arraycopy(ids, 0, sequence, 1, ids.length);
      sequences[d] = sequence;
      bits[d] = new double[ids.length];
      int scoredUpTo = 1;
      for (int start = 0; scoredUpTo < sequence.length; start += stride) {
        int end = Math.min(sequence.length, start + context);
        windows.add(new Window(d, start, end, scoredUpTo));
        scoredUpTo = end;
      }
    }
    windows.sort(Comparator.comparingInt((Window w) -> w.end() - w.start()).reversed());
    for (int from = 0; from < windows.size(); ) {
      int longest = windows.get(from).end() - windows.get(from).start();
      int to = Math.min(windows.size(), from + Math.max(1, batchTokens / longest));
      score(sequences, bits, windows.subList(from, to));
      from = to;
    }
    List<Verdict> verdicts = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      verdicts.add(verdict(documents.get(d).text(), sequences[d], bits[d]));
    }
    return verdicts;
  }

  private void score(int[][] sequences, double[][] bits, List<Window> batch) {
    int[][] rows = new int[batch.size()][];
    for (int r = 0; r < rows.length; r++) {
      Window window = batch.get(r);
      rows[r] = Arrays.copyOfRange(sequences[window.document()], window.start(), window.end());
    }
    float[][] logProbs = model.tokenLogProbs(rows);
    for (int r = 0; r < rows.length; r++) {
      Window window = batch.get(r);
      // logProbs[r][i] is log p(row[i + 1]); sequence position p is document token p - 1
      for (int position = window.firstScored(); position < window.end(); position++) {
        bits[window.document()][position - 1] = -logProbs[r][position - window.start() - 1] / LN2;
      }
    }
  }

  private Verdict verdict(String text, int[] sequence, double[] bits) {
    MaxSegment segment = new MaxSegment();
    for (int i = 0; i < bits.length; i++) {
      segment.add(i, Math.max(bits[i] - tau, -floor));
    }
    double best = segment.best();
    int bestFirst = (int) segment.first();
    int bestLast = (int) segment.last();
    if (bestFirst < 0 || best < minExcess) {
      return Verdict.clean(best);
    }
    int tokens = bestLast - bestFirst + 1;
    int start = Math.min(text.length(), charsBefore(sequence, bestFirst));
    int end = Math.max(start, Math.min(text.length(), charsBefore(sequence, bestLast + 1)));
    String reason =
        String.format(Locale.ROOT, "%d tokens, mean %.1f bits", tokens, tau + best / tokens);
    return new Verdict(best, true, start, end, reason);
  }

  /**
   * Characters of the text before document token {@code token} (decoding the prefix; a split
   * character counts).
   */
  private int charsBefore(int[] sequence, int token) {
    return tokenizer.decode(Arrays.copyOfRange(sequence, 1, 1 + token)).length();
  }

  @Override
  public void close() {
    model.close();
  }
}
