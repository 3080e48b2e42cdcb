/*
 * One streaming pass over a run's sequence log (sequences.bin): a step's records are analysed together once
 * the step is complete, each token's loss against the step's mean, and the excess summed over the
 * maximum-sum segment of each document (Kadane, across consecutive windows). Keeps each document's best
 * sighting. Reads tokens only to find document boundaries; turning sightings into suspects is SightingTally's.
 */
package dev.poisonlab.defense.monitor;

import dev.poisonlab.defense.detect.MaxSegment;
import dev.poisonlab.train.SequenceLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class LossPass {
  private static final double LN2 = Math.log(2);

  private final StreamDocuments documents;
  private final TrainingMonitor.Settings settings;
  private final Map<Integer, Sighting> best = new HashMap<>();
  private final List<SequenceLog.Sequence> step = new ArrayList<>();
  private int[] targets = new int[0];
  private long sequences;
  private long steps;
  private long nextTarget = -1;
  private long segmentStep = -1;
  private long segmentDocument;
  private final MaxSegment segment = new MaxSegment();

  /** A document's best-scoring sighting so far and how often it was seen. */
  static final class Sighting {
    double score = Double.NEGATIVE_INFINITY;
    long firstStep = -1;
    long step;
    long spanStart;
    long spanEnd;
    int sightings;
  }

  LossPass(StreamDocuments documents, TrainingMonitor.Settings settings) {
    this.documents = documents;
    this.settings = settings;
  }

  /** Each document's best sighting, by document index. */
  Map<Integer, Sighting> best() {
    return best;
  }

  long sequences() {
    return sequences;
  }

  long steps() {
    return steps;
  }

  void accept(SequenceLog.Sequence sequence) {
    if (!step.isEmpty() && step.get(0).step() != sequence.step()) {
      finishStep();
    }
    step.add(sequence);
    sequences++;
  }

  /** Ends the log: the last step and the last open segment. */
  void finish() {
    finishStep();
    endSegment();
  }

  private void finishStep() {
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

  private void endSegment() {
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
