/*
 * One comparison across model sizes with its numbers and verdict: two sizes at one count (F2), a target against
 * its same-count and same-fraction peers (F2), or two sizes' effect curves against poisons seen (F4). One row of
 * sizes_findings.csv and of a report table; the rules that fill it are CountOrFraction's and PoisonsSeenOverlap's.
 */
package dev.poisonlab.report;

import java.util.List;

record SizeComparison(
    String question,
    Scale scale,
    List<SizeCells.Cell> cells,
    List<Summary> measures,
    List<Summary> onsets,
    double estimate,
    double noise,
    double band,
    double position,
    double standardErrors,
    double relativeDistance,
    double seenFrom,
    double seenTo,
    String verdict,
    String reason) {

  /**
   * The unit of the compared effects: nats over the twin, or that divided by the headroom (ln V
   * minus the twin's clean log-perplexity), which puts sizes with different clean perplexity on one
   * scale; or nats with every run scored by one fixed model (a rescore's effects.csv), which puts
   * them on one model's ruler.
   */
  enum Scale {
    NATS("nats"),
    HEADROOM_SHARE("headroom_share"),
    FIXED_SCORER("fixed_scorer");

    /** The value of sizes_findings.csv's scale column. */
    final String label;

    Scale(String label) {
      this.label = label;
    }
  }

  SizeComparison {
    cells = List.copyOf(cells);
    measures = List.copyOf(measures);
    onsets = List.copyOf(onsets);
  }

  /** The same comparison, marked as made on another scale (the rules do not depend on it). */
  SizeComparison on(Scale value) {
    return new Builder(this).scale(value).verdict(verdict, reason);
  }

  static Builder builder(String question, List<SizeCells.Cell> cells, List<Summary> measures) {
    return new Builder(question, cells, measures);
  }

  /** Every number starts as NaN (not applicable to this kind of comparison). */
  static final class Builder {
    private final String question;
    private final List<SizeCells.Cell> cells;
    private final List<Summary> measures;
    private List<Summary> onsets = List.of();
    private double estimate = Double.NaN;
    private double noise = Double.NaN;
    private double band = Double.NaN;
    private double position = Double.NaN;
    private double standardErrors = Double.NaN;
    private double relativeDistance = Double.NaN;
    private double seenFrom = Double.NaN;
    private double seenTo = Double.NaN;
    private Scale scale = Scale.NATS;

    private Builder(String question, List<SizeCells.Cell> cells, List<Summary> measures) {
      this.question = question;
      this.cells = cells;
      this.measures = measures;
    }

    /** Every number of {@code c}: the wither's start, so the record is built in one place. */
    private Builder(SizeComparison c) {
      this(c.question, c.cells, c.measures);
      onsets = c.onsets;
      estimate = c.estimate;
      noise = c.noise;
      band = c.band;
      position = c.position;
      standardErrors = c.standardErrors;
      relativeDistance = c.relativeDistance;
      seenFrom = c.seenFrom;
      seenTo = c.seenTo;
      scale = c.scale;
    }

    private Builder scale(Scale value) {
      scale = value;
      return this;
    }

    Builder onsets(List<Summary> value) {
      onsets = value;
      return this;
    }

    /** The compared quantity, its 95% t margin and the band floor. */
    Builder contrast(Contrast contrast, double bandFloor) {
      estimate = contrast.estimate();
      noise = contrast.margin();
      band = bandFloor;
      return this;
    }

    Builder estimate(double value) {
      estimate = value;
      return this;
    }

    Builder band(double value) {
      band = value;
      return this;
    }

    Builder position(double value) {
      position = value;
      return this;
    }

    Builder distances(double inStandardErrors, double relative) {
      standardErrors = inStandardErrors;
      relativeDistance = relative;
      return this;
    }

    Builder seenRange(double from, double to) {
      seenFrom = from;
      seenTo = to;
      return this;
    }

    SizeComparison verdict(String verdict, String reason) {
      return new SizeComparison(
          question,
          scale,
          cells,
          measures,
          onsets,
          estimate,
          noise,
          band,
          position,
          standardErrors,
          relativeDistance,
          seenFrom,
          seenTo,
          verdict,
          reason);
    }
  }
}
