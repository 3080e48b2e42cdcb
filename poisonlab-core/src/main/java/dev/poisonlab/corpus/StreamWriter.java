/*
 * Pass 2 of a stream build: lays clean documents out in seeded shuffled order (a fresh shuffle per epoch,
 * repeating the corpus while the budget lasts) and inserts each poison, whole, at a clean-document boundary
 * chosen from its PoisonLayout target. The clean stream is cut at exactly the clean budget, so the stream has
 * exactly budget tokens and exactly every poison. Not file formats: those are StreamSinks.
 */
package dev.poisonlab.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;

final class StreamWriter {

  /** Where everything went: poison spans in stream order, documents written, poisons that missed their window. */
  record Layout(List<StreamManifest.PoisonSpan> spans, long streamDocuments, long cleanTokens, int windowMisses) {}

  private final TokenizedCorpus corpus;
  private final int[] trainingDocuments;
  private final int endOfText;
  private final List<StreamSink> sinks;
  private final ProgressBar progress;
  private final List<StreamManifest.PoisonSpan> spans = new ArrayList<>();
  private long position;
  private long documents;

  StreamWriter(TokenizedCorpus corpus, int[] trainingDocuments, int endOfText, List<StreamSink> sinks,
      ProgressBar progress) {
    this.corpus = corpus;
    this.trainingDocuments = trainingDocuments;
    this.endOfText = endOfText;
    this.sinks = sinks;
    this.progress = progress;
  }

  /**
   * @param poisons each poison's tokens (without separator), in poisons-file order, with their ids
   * @param targets PoisonLayout targets sorted by u
   * @param cleanTokens the clean budget C: clean tokens (separators included) to write in all
   */
  Layout write(List<int[]> poisons, List<String> poisonIds, List<PoisonLayout.Target> targets, long cleanTokens,
      long seed) {
    int next = 0;
    int misses = 0;
    long clean = 0;
    int[] buffer = new int[1024];
    List<PoisonLayout.Target> afterDocument = new ArrayList<>();
    for (int epoch = 0; clean < cleanTokens; epoch++) {
      int[] order = shuffledTraining(seed, epoch);
      for (int k = 0; k < order.length && clean < cleanTokens; k++) {
        int document = order[k];
        int length = corpus.length(document);
        int inStream = (int) Math.min(length + 1L, cleanTokens - clean);
        // A poison whose target u falls inside this document goes right before it, unless that would start it
        // before its window (batch placement); then right after it, if that still fits in the window.
        for (; next < targets.size() && targets.get(next).u() < clean + inStream; next++) {
          PoisonLayout.Target target = targets.get(next);
          if (clean >= target.lo() || clean + inStream > target.hi()) {
            misses += clean < target.lo() ? 1 : 0;
            emitPoison(poisons, poisonIds, target.poison());
          } else {
            afterDocument.add(target);
          }
        }
        if (buffer.length < length + 1) {
          buffer = new int[Math.max(length + 1, buffer.length * 2)];
        }
        corpus.read(document, buffer, Math.min(length, inStream));
        buffer[length] = endOfText;
        emit(buffer, inStream, corpus.id(document), false);
        clean += inStream;
        for (PoisonLayout.Target target : afterDocument) {
          emitPoison(poisons, poisonIds, target.poison());
        }
        afterDocument.clear();
      }
    }
    if (next != targets.size()) {
      throw new IllegalStateException("placed " + next + " of " + targets.size() + " poisons");
    }
    return new Layout(List.copyOf(spans), documents, clean, misses);
  }

  private int[] shuffledTraining(long seed, int epoch) {
    int[] permutation = PoisonLayout.shuffled(trainingDocuments.length,
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
    int[] order = new int[permutation.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = trainingDocuments[permutation[i]];
    }
    return order;
  }

  private void emitPoison(List<int[]> poisons, List<String> poisonIds, int index) {
    int[] tokens = poisons.get(index);
    int[] withSeparator = java.util.Arrays.copyOf(tokens, tokens.length + 1);
    withSeparator[tokens.length] = endOfText;
    spans.add(new StreamManifest.PoisonSpan(poisonIds.get(index), position, position + tokens.length));
    emit(withSeparator, withSeparator.length, poisonIds.get(index), true);
  }

  private void emit(int[] tokens, int length, String id, boolean poison) {
    for (StreamSink sink : sinks) {
      sink.document(tokens, length, id, poison);
    }
    position += length;
    documents++;
    progress.stepBy(length);
  }
}
