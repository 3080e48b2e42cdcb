/*
 * What `scan` prints when it is done: documents and speed, flags per verdict, the suspected and the confirmed
 * triggers, the metrics table; and DIR/phrases.json for --phrases. Printing only: the scan and its files are
 * the library's (defense.ScanOutputs).
 */
package dev.poisonlab.cli;

import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.verdict.PhraseDiscovery;
import dev.poisonlab.defense.verdict.TriggerConfirmation;
import dev.poisonlab.defense.verdict.TriggerDiscovery;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

final class ScanSummary {
  private ScanSummary() {}

  static void print(ScanResult result, Path out) {
    System.out.printf(
        Locale.ROOT,
        "scanned %d documents, %.1f M chars in %.1f s (%.1f MB/s, %s)%n",
        result.documents(),
        result.characters() / 1e6,
        result.seconds(),
        result.megabytesPerSecond(),
        result.engine());
    for (String detector : result.detectors()) {
      System.out.printf(
          Locale.ROOT, "  %-17s flagged %d%n", detector, result.flaggedCount(detector));
    }
    result
        .triggers()
        .forEach(
            (detector, candidates) -> {
              if (!candidates.isEmpty()) {
                TriggerDiscovery.Candidate top = candidates.get(0);
                System.out.printf(
                    Locale.ROOT,
                    "  suspected trigger (%s): %s  (in %.0f%% of flagged spans, background %.2f%%)%n",
                    detector,
                    top.text(),
                    100 * top.support(),
                    100 * top.backgroundRate());
              }
            });
    if (result.confirmation() != null) {
      TriggerConfirmation.Summary summary = result.confirmation();
      System.out.printf(
          Locale.ROOT,
          "  confirmed triggers (%d candidate documents, base rate %.4f, G needed %.1f):%s%n",
          summary.candidates(),
          summary.baseRate(),
          summary.bound(),
          summary.triggers().isEmpty() ? " none" : "");
      for (TriggerConfirmation.Trigger trigger : summary.triggers()) {
        System.out.printf(
            Locale.ROOT,
            "    \"%s\" before the change point in %d of %d documents holding it, G %.0f%n",
            trigger.text().replace("\n", "\\n"),
            trigger.documents(),
            trigger.documentFrequency(),
            trigger.g());
      }
    }
    if (result.metrics() != null) {
      System.out.print(result.metrics().markdown());
      if (result.metrics().missingPoisons() > 0) {
        System.out.printf(
            "  warning: %d poison ids of --truth were not in the corpus%n",
            result.metrics().missingPoisons());
      }
    }
    System.out.println("wrote " + out);
  }

  static void writePhrases(Path out, List<PhraseDiscovery.Candidate> ranked) {
    Path file = out.resolve("phrases.json");
    try {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), ranked);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
    System.out.println("phrases far above their word-pair chain (" + file + "):");
    for (PhraseDiscovery.Candidate c : ranked.subList(0, Math.min(5, ranked.size()))) {
      System.out.printf(
          Locale.ROOT,
          "  %-40s in %,d documents (chain expects %.1f), G %.0f, left spread %.2f%n",
          c.phrase(),
          c.documents(),
          c.expected(),
          c.g(),
          c.leftSpread());
    }
  }
}
