/*
 * The per-source false-positive measurement behind `bench quality`: one row per file and detector, counts
 * that match the detectors' own verdicts, and the first rule (datatrove's reason) tallied per flagged document.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityFalsePositivesTest {
  @TempDir Path dir;

  @Test
  void countsFlaggedDocumentsAndTheirFirstRulePerSourceFile() throws IOException {
    Path styles = Files.createDirectories(dir.resolve("styles"));
    Files.writeString(
        styles.resolve("short.jsonl"),
        "{\"id\": \"a\", \"text\": \"Too short.\"}\n"
            + "{\"id\": \"b\", \"text\": \"Also short.\"}\n");
    Files.writeString(styles.resolve("empty.jsonl"), "{\"id\": \"c\", \"text\": \" \"}\n");
    QualityFalsePositives.Report report =
        QualityFalsePositives.measure(List.of(styles), ReadOptions.defaults());
    assertEquals(3, report.documents());
    assertEquals(6, report.rows().size(), "two files x three detectors");
    QualityFalsePositives.Row gopherShort =
        report.rows().stream()
            .filter(r -> r.source().equals("styles/short") && r.detector().equals("gopher"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, gopherShort.flagged());
    assertEquals(1.0, gopherShort.falsePositiveRate());
    assertEquals(Map.of("gopher_short_doc", 2L), gopherShort.firstRules());
    assertEquals("gopher_short_doc (100%)", gopherShort.topRule());
    QualityFalsePositives.Row fineWebEmpty =
        report.rows().stream()
            .filter(r -> r.source().equals("styles/empty") && r.detector().equals("fineweb"))
            .findFirst()
            .orElseThrow();
    assertEquals(Map.of("empty", 1L), fineWebEmpty.firstRules());
  }

  @Test
  void firstRuleIsTheOneDatatroveReports() {
    assertEquals(
        "gopher_short_doc",
        QualityFalsePositives.firstRule("gopher_short_doc,gopher_enough_stop_words"));
    assertEquals("too_few_sentences", QualityFalsePositives.firstRule("too_few_sentences"));
  }
}
