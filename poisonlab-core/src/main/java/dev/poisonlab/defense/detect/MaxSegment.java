/*
 * The maximum-sum contiguous segment of a stream of per-unit excess scores (Kadane's algorithm), kept
 * incrementally: the change-point core shared by the surprisal, LM-surprisal and training-monitor detectors.
 * It tracks positions only; what a position means (unit, token, stream offset) is the caller's.
 */
package dev.poisonlab.defense.detect;

public final class MaxSegment {
  private double running;
  private long runningFirst;
  private double best;
  private long first = -1;
  private long last = -1;

  /** Starts a new stream: no segment, best sum 0. */
  public void reset() {
    running = 0;
    runningFirst = 0;
    best = 0;
    first = -1;
    last = -1;
  }

  /** Adds the excess of the unit at {@code position}; positions must increase. */
  public void add(long position, double excess) {
    if (running <= 0) {
      running = excess;
      runningFirst = position;
    } else {
      running += excess;
    }
    if (running > best) {
      best = running;
      first = runningFirst;
      last = position;
    }
  }

  /** The best segment's sum (0 when no positive segment was seen). */
  public double best() {
    return best;
  }

  /** First position of the best segment, or -1 when none. */
  public long first() {
    return first;
  }

  /** Last position of the best segment, or -1 when none. */
  public long last() {
    return last;
  }
}
