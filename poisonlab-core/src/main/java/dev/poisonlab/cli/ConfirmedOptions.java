/*
 * The `scan` options of the corpus-level confirmed verdict (defense.ConfirmedSettings): on by default in the
 * single-process scan, off with --spark (no third pass over the corpus there) or --no-confirmed. Options only;
 * the rule is defense.TriggerConfirmation's.
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.verdict.ConfirmedSettings;
import picocli.CommandLine.Option;

final class ConfirmedOptions {
  @Option(
      names = "--no-confirmed",
      description =
          "leave out the corpus-level 'confirmed' verdict (a change point preceded by a trigger that "
              + "precedes change points in many documents; reads the corpus a third time; never with --spark)")
  boolean noConfirmed;

  @Option(
      names = "--confirmed-min-documents",
      description = "least documents a confirmed trigger must precede (default ${DEFAULT-VALUE})")
  int confirmedMinDocuments = ConfirmedSettings.DEFAULT_MIN_DOCUMENTS;

  @Option(
      names = "--confirmed-min-share",
      description =
          "least share of a trigger's holders whose change point it precedes (default ${DEFAULT-VALUE})")
  double confirmedMinShare = ConfirmedSettings.DEFAULT_MIN_SHARE;

  @Option(
      names = "--confirmed-alpha",
      description =
          "family-wise bound on confirming a string unrelated to the change points (default ${DEFAULT-VALUE})")
  double confirmedAlpha = ConfirmedSettings.DEFAULT_ALPHA;

  @Option(
      names = "--confirmed-window",
      description = "chars before a change point a trigger may start (default ${DEFAULT-VALUE})")
  int confirmedWindow = ConfirmedSettings.DEFAULT_WINDOW_BEFORE;

  @Option(
      names = "--confirmed-min-span",
      description = "chars a candidate change must last (default ${DEFAULT-VALUE})")
  int confirmedMinSpan = ConfirmedSettings.DEFAULT_MIN_SPAN_CHARS;

  @Option(
      names = "--confirmed-candidate-spreads",
      description =
          "change points are candidates from Q90 + S x (Q90 - Q50) of each detector's sample scores "
              + "(never above its flag threshold; 0: its flags only; default ${DEFAULT-VALUE})")
  double confirmedCandidateSpreads = ConfirmedSettings.DEFAULT_CANDIDATE_SPREADS;

  /** The settings these options give, or null when the verdict is off. */
  ConfirmedSettings settings(boolean spark) {
    if (noConfirmed || spark) {
      return null;
    }
    return ConfirmedSettings.defaults()
        .withMinDocuments(confirmedMinDocuments)
        .withMinShare(confirmedMinShare)
        .withAlpha(confirmedAlpha)
        .withWindowBefore(confirmedWindow)
        .withMinSpanChars(confirmedMinSpan)
        .withCandidateSpreads(confirmedCandidateSpreads);
  }
}
