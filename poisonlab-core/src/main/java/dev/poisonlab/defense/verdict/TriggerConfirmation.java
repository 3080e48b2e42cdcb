/*
 * The corpus-level "confirmed" verdict: a candidate change point (a detector's flag, or a more permissive
 * level) preceded by a string the whole corpus confirms (TriggerStatistics): poisons share their trigger,
 * clean outliers (foreign speeches, odd fortunes) share none. Needs every candidate first, then one more pass
 * over the corpus for document frequencies: single process only. Not a detector: it reads no new text.
 */
package dev.poisonlab.defense.verdict;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

public final class TriggerConfirmation {
  public static final String NAME = "confirmed";

  /** A confirmed trigger and its evidence; ids: the first few documents it confirms, by id. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Trigger(
      String text, int documents, int documentFrequency, double g, List<String> ids) {}

  /** What the corpus-level step found: base rate, bound, tested strings and confirmed triggers. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      ConfirmedSettings settings,
      long documents,
      int candidates,
      double baseRate,
      double tests,
      double bound,
      int stringsTested,
      List<Trigger> triggers) {}

  private record Candidate(String id, List<DocumentScan.ChangePoint> points) {}

  private final ConfirmedSettings settings;
  private final List<Candidate> candidates = new ArrayList<>();
  private long documents;
  private Summary summary;

  public TriggerConfirmation(ConfirmedSettings settings) {
    this.settings = settings;
  }

  /** Takes one scanned document (every document of the corpus, in any order). */
  public void add(DocumentScan scan) {
    documents++;
    if (!scan.changePoints().isEmpty()) {
      candidates.add(new Candidate(scan.id(), scan.changePoints()));
    }
  }

  /**
   * Confirms triggers from the candidates added, reading {@code corpus} (the same documents) once
   * more for document frequencies.
   */
  public Summary confirm(DocumentSource corpus, Progress progress) {
    candidates.sort(Comparator.comparing(Candidate::id)); // the result must not depend on order
    List<List<FrequentSubstrings.Window>> windows = new ArrayList<>();
    double tests = 0;
    for (Candidate candidate : candidates) {
      List<FrequentSubstrings.Window> own = new ArrayList<>();
      for (DocumentScan.ChangePoint point : candidate.points()) {
        own.add(new FrequentSubstrings.Window(point.window(), point.cut()));
        // every (start, length) a window offers is a string that could have been tested
        tests +=
            point.cut()
                * (double) (FrequentSubstrings.MAX_LENGTH - FrequentSubstrings.MIN_LENGTH + 1);
      }
      windows.add(own);
    }
    TriggerStatistics statistics =
        TriggerStatistics.count(windows, settings.minDocuments(), corpus, progress);
    double baseRate = documents == 0 ? 0 : candidates.size() / (double) documents;
    double bound = Math.log(Math.max(1, tests) / settings.alpha());
    List<Trigger> triggers = new ArrayList<>();
    for (TriggerStatistics.Confirmed found :
        statistics.confirm(baseRate, settings.minShare(), bound, settings.minDocuments())) {
      List<String> ids =
          found.holders().stream().limit(10).mapToObj(i -> candidates.get(i).id()).toList();
      triggers.add(
          new Trigger(found.text(), found.documents(), found.documentFrequency(), found.g(), ids));
    }
    summary =
        new Summary(
            settings,
            documents,
            candidates.size(),
            baseRate,
            tests,
            bound,
            statistics.tested(),
            List.copyOf(triggers));
    return summary;
  }

  /**
   * {@code scan} with the confirmed verdict and its trigger-discovery window (from {@code before}
   * chars before the trigger to {@code after} past its end) appended; its candidate change points
   * dropped.
   */
  public DocumentScan withVerdict(DocumentScan scan, int before, int after) {
    if (summary == null) {
      throw new IllegalStateException("confirm() first");
    }
    List<Verdict> verdicts = new ArrayList<>(scan.verdicts());
    List<String> windows = new ArrayList<>(scan.windows());
    Verdict verdict = Verdict.clean(0);
    String window = null;
    for (Trigger trigger : summary.triggers()) {
      int start = Integer.MAX_VALUE;
      int end = 0;
      DocumentScan.ChangePoint at = null;
      for (DocumentScan.ChangePoint point : scan.changePoints()) {
        int found = point.window().indexOf(trigger.text());
        if (found >= 0 && found < point.cut()) {
          if (point.windowStart() + found < start) {
            start = point.windowStart() + found;
            at = point;
          }
          end = Math.max(end, point.end());
        }
      }
      if (at != null) {
        verdict = new Verdict(trigger.g(), true, start, end, reason(trigger));
        int offset = start - at.windowStart();
        window =
            at.window()
                .substring(
                    Math.max(0, offset - before),
                    Math.min(at.window().length(), offset + trigger.text().length() + after));
        break;
      }
    }
    verdicts.add(verdict);
    windows.add(window);
    return new DocumentScan(
        scan.id(), scan.length(), verdicts, windows, scan.background(), List.of());
  }

  private String reason(Trigger trigger) {
    return String.format(
        Locale.ROOT,
        "trigger \"%s\" before the change point: %d of %d documents holding it, G %.0f >= %.1f",
        trigger.text().replace("\n", "\\n"),
        trigger.documents(),
        trigger.documentFrequency(),
        trigger.g(),
        summary.bound());
  }
}
