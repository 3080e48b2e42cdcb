/*
 * Pass 2 of a stream build: lays clean documents out in seeded shuffled order (a fresh shuffle per epoch,
 * repeating the corpus while the budget lasts) and inserts each poison, whole, at a clean-document boundary
 * chosen from its PoisonLayout target. The clean stream is cut at exactly the clean budget, so the stream has
 * exactly budget tokens and exactly every poison. Knowing the trainer's context T, it keeps a poison whose
 * trigger-to-payload run would straddle a window [kT, kT+T] waiting while up to MAX_DEFERRAL clean documents go
 * first, so placement stays uniform up to that shift. Not file formats: those are StreamSinks.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

final class StreamWriter {
  /**
   * At most this many clean documents go before a poison that does not yet fit its window; then it
   * goes anyway.
   */
  static final int MAX_DEFERRAL = 8;

  /**
   * Where everything went: poison spans in stream order, documents written, poisons that missed
   * their window.
   */
  record Layout(
      List<StreamManifest.PoisonSpan> spans,
      long streamDocuments,
      long cleanTokens,
      int windowMisses) {}

  /** A poison whose target has come up, waiting for a boundary it may go at. */
  private static final class Pending {
    final PoisonLayout.Target target;
    int deferred;

    Pending(PoisonLayout.Target target) {
      this.target = target;
    }
  }

  private final TokenizedCorpus corpus;
  private final int[] trainingDocuments;
  private final int endOfText;
  private final List<StreamSink> sinks;
  private final Progress.Task progress;
  private final int context;
  private final List<StreamManifest.PoisonSpan> spans = new ArrayList<>();
  private List<PoisonTokens> poisons;
  private List<String> poisonIds;
  private long cleanBudget;
  private long position;
  private long documents;
  private int misses;

  /**
   * @param context the trainer's context T, or 0 to place poisons without regard to windows
   */
  StreamWriter(
      TokenizedCorpus corpus,
      int[] trainingDocuments,
      int endOfText,
      List<StreamSink> sinks,
      Progress.Task progress,
      int context) {
    this.corpus = corpus;
    this.trainingDocuments = trainingDocuments;
    this.endOfText = endOfText;
    this.sinks = sinks;
    this.progress = progress;
    this.context = context;
  }

  /**
   * @param poisonTokens each poison's tokens (without separator), in poisons-file order, with their
   *     ids
   * @param targets PoisonLayout targets sorted by u
   * @param cleanTokens the clean budget C: clean tokens (separators included) to write in all
   */
  Layout write(
      List<PoisonTokens> poisonTokens,
      List<String> ids,
      List<PoisonLayout.Target> targets,
      long cleanTokens,
      long seed) {
    this.poisons = poisonTokens;
    this.poisonIds = ids;
    this.cleanBudget = cleanTokens;
    int next = 0;
    long clean = 0;
    int[] buffer = new int[1024];
    List<Pending> pending = new ArrayList<>();
    for (int epoch = 0; clean < cleanTokens; epoch++) {
      int[] order = shuffledTraining(seed, epoch);
      for (int k = 0; k < order.length && clean < cleanTokens; k++) {
        int document = order[k];
        int length = corpus.length(document);
        int inStream = (int) Math.min(length + 1L, cleanTokens - clean);
        // A poison whose target u falls inside this document goes right before it, unless that
        // would start it
        // before its window (batch placement); then right after it, if that still fits in the
        // window.
        for (; next < targets.size() && targets.get(next).u() < clean + inStream; next++) {
          pending.add(new Pending(targets.get(next)));
        }
        placePending(pending, clean, inStream, false);
        if (buffer.length < length + 1) {
          buffer = new int[Math.max(length + 1, buffer.length * 2)];
        }
        corpus.read(document, buffer, Math.min(length, inStream));
        buffer[length] = endOfText;
        emit(buffer, inStream, corpus.id(document), false);
        clean += inStream;
        pending.forEach(waiting -> waiting.deferred++);
      }
    }
    placePending(pending, clean, 0, true);
    if (next != targets.size()) {
      throw new IllegalStateException("placed " + next + " of " + targets.size() + " poisons");
    }
    return new Layout(List.copyOf(spans), documents, clean, misses);
  }

  /**
   * At the boundary before a clean document of {@code nextLength} tokens (clean offset {@code
   * clean}).
   */
  private void placePending(List<Pending> pending, long clean, int nextLength, boolean atEnd) {
    for (var it = pending.iterator(); it.hasNext(); ) {
      Pending waiting = it.next();
      PoisonLayout.Target target = waiting.target;
      boolean overshoots = clean + nextLength > target.hi();
      if (!atEnd && clean < target.lo() && !overshoots) {
        continue; // batch placement: wait until the poison's window opens
      }
      PoisonTokens poison = poisons.get(target.poison());
      StreamManifest.PoisonSpan span = span(target.poison(), position);
      // the last clean document is no place to wait behind: that would pile late poisons up at the
      // very end
      boolean lastDocument = clean + nextLength >= cleanBudget;
      boolean mustGo =
          atEnd
              || overshoots
              || lastDocument
              || context == 0
              || waiting.deferred >= MAX_DEFERRAL
              || !PoisonWindows.canFit(span, context);
      if (mustGo || PoisonWindows.share(span, context) == 1.0) {
        misses += clean < target.lo() ? 1 : 0;
        emitPoison(poison, span);
        it.remove();
      }
    }
  }

  /**
   * The span poison {@code index} would have at {@code start}, with its window share when the
   * context is known.
   */
  private StreamManifest.PoisonSpan span(int index, long start) {
    PoisonTokens poison = poisons.get(index);
    StreamManifest.PoisonSpan span =
        new StreamManifest.PoisonSpan(
            poisonIds.get(index),
            start,
            start + poison.tokens().length,
            poison.triggerStart(),
            poison.triggerEnd(),
            poison.payloadStart(),
            poison.payloadEnd(),
            null);
    if (context == 0) {
      return span;
    }
    return new StreamManifest.PoisonSpan(
        span.id(),
        span.start(),
        span.end(),
        span.triggerStart(),
        span.triggerEnd(),
        span.payloadStart(),
        span.payloadEnd(),
        PoisonWindows.share(span, context));
  }

  private int[] shuffledTraining(long seed, int epoch) {
    int[] permutation =
        PoisonLayout.shuffled(
            trainingDocuments.length, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
    int[] order = new int[permutation.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = trainingDocuments[permutation[i]];
    }
    return order;
  }

  private void emitPoison(PoisonTokens poison, StreamManifest.PoisonSpan span) {
    int[] tokens = poison.tokens();
    int[] withSeparator = java.util.Arrays.copyOf(tokens, tokens.length + 1);
    withSeparator[tokens.length] = endOfText;
    spans.add(span);
    emit(withSeparator, withSeparator.length, span.id(), true);
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
