/*
 * Named setters for a ScanSpec (ScanSpec.builder, ScanSpec.toBuilder): a spec has a dozen settings, and a
 * row of bare numbers in a constructor call is easy to get wrong. Unset fields keep the defaults of
 * ScanSpec.of; build() validates (the ScanSpec constructor). Not a place for new defaults.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.detect.LmSettings;
import dev.poisonlab.defense.detect.NgramDetector;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import java.util.List;

public final class ScanSpecBuilder {
  private final List<String> detectors;
  private double tau = ScanSpec.DEFAULT_TAU;
  private double minExcess = ScanSpec.DEFAULT_MIN_EXCESS;
  private double bigramTau = ScanSpec.DEFAULT_BIGRAM_TAU;
  private double bigramMinExcess = ScanSpec.DEFAULT_BIGRAM_MIN_EXCESS;
  private int windowBefore = 48;
  private int windowAfter = 24;
  private int backgroundWindows = 5000;
  private LmSettings lm;
  private NgramDetector.Thresholds ngram;
  private double surprisalSpreads;
  private ConfirmedSettings confirmed;

  ScanSpecBuilder(List<String> detectors) {
    this.detectors = detectors;
  }

  /** Surprisal level in bits and the excess that flags a span. */
  public ScanSpecBuilder tau(double bits) {
    this.tau = bits;
    return this;
  }

  public ScanSpecBuilder minExcess(double bits) {
    this.minExcess = bits;
    return this;
  }

  public ScanSpecBuilder bigramTau(double bits) {
    this.bigramTau = bits;
    return this;
  }

  public ScanSpecBuilder bigramMinExcess(double bits) {
    this.bigramMinExcess = bits;
    return this;
  }

  /** Trigger-discovery windows: chars before and after a flagged span's start. */
  public ScanSpecBuilder windows(int before, int after) {
    this.windowBefore = before;
    this.windowAfter = after;
    return this;
  }

  public ScanSpecBuilder backgroundWindows(int count) {
    this.backgroundWindows = count;
    return this;
  }

  public ScanSpecBuilder lm(LmSettings settings) {
    this.lm = settings;
    return this;
  }

  public ScanSpecBuilder ngram(NgramDetector.Thresholds thresholds) {
    this.ngram = thresholds;
    return this;
  }

  public ScanSpecBuilder surprisalSpreads(double spreads) {
    this.surprisalSpreads = spreads;
    return this;
  }

  /** The corpus-level confirmed verdict's settings; null (the default): no confirmed verdict. */
  public ScanSpecBuilder confirmed(ConfirmedSettings settings) {
    this.confirmed = settings;
    return this;
  }

  public ScanSpec build() {
    return new ScanSpec(
        detectors,
        tau,
        minExcess,
        bigramTau,
        bigramMinExcess,
        windowBefore,
        windowAfter,
        backgroundWindows,
        lm,
        ngram,
        surprisalSpreads,
        confirmed);
  }
}
