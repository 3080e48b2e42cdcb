/*
 * The per-source false-positive measurement behind `bench quality`: one row per file and detector, counts
 * that match the detectors' own verdicts, the first rule (datatrove's reason) tallied per flagged document,
 * and the "any" row, which must drop what the grid's `quality` defence drops.
 */
package dev.poisonlab.defense.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poisonlab.defense.filter.FilterThenTrain;
import dev.poisonlab.defense.filter.NamedDefenses;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
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
    assertEquals(8, report.rows().size(), "two files x (three detectors + any)");
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

  /**
   * Ten distinct sentences, one a line, 80 words: passes every Gopher, C4 and FineWeb rule (the
   * negative control of the "any" row).
   */
  private static final String PROSE =
      String.join(
          "\n",
          "The farmers of the valley walked to the old market on the hill every week.",
          "They carried baskets of apples and pears that they had picked in the morning.",
          "The miller was waiting for them at the gate with his cart and his two dogs.",
          "He bought the best of the fruit and paid with coins from a leather purse.",
          "After the market the farmers rested in the shade of a large oak tree.",
          "Their children played by the river until the sun began to go down.",
          "In the evening they returned home along the narrow road through the woods.",
          "The women lit the fires and prepared a simple supper of bread and soup.",
          "Later the old men told stories of the winters they had seen as boys.",
          "Then the whole village went to sleep and the valley was quiet again.");

  @Test
  void anyRowCountsEachDocumentOnceAndMatchesTheQualityDefence() throws IOException {
    Path mixed = dir.resolve("mixed.jsonl");
    Files.writeString(
        mixed,
        "{\"id\": \"short\", \"text\": \"Too short.\"}\n" // gopher, c4 and fineweb
            + "{\"id\": \"prose\", \"text\": \""
            + PROSE.replace("\n", "\\n")
            + "\"}\n"
            + "{\"id\": \"list\", \"text\": \""
            + PROSE.replace(".", "").replace("\n", "\\n") // no line ends in punctuation
            + "\"}\n");
    QualityFalsePositives.Report report =
        QualityFalsePositives.measure(List.of(mixed), ReadOptions.defaults());
    QualityFalsePositives.Row any =
        report.rows().stream()
            .filter(r -> r.detector().equals(QualityFalsePositives.ANY))
            .findFirst()
            .orElseThrow();
    assertEquals(3, any.documents());
    assertEquals(2, any.flagged(), "the prose passes every rule; the others count once each");
    assertEquals(2, any.firstRules().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(1L, any.firstRules().get("gopher+c4+fineweb"), any.firstRules().toString());
    long flaggedByOne =
        report.rows().stream()
            .filter(r -> !r.detector().equals(QualityFalsePositives.ANY))
            .mapToLong(QualityFalsePositives.Row::flagged)
            .max()
            .orElseThrow();
    assertEquals(2, flaggedByOne, "one detector flags both: the union is not the sum");

    List<Document> clean = CorpusReader.readAll(List.of(mixed), ReadOptions.defaults());
    FilterThenTrain.Result defence =
        FilterThenTrain.filter(clean, List.of(), NamedDefenses.byName("quality").orElseThrow());
    assertEquals(any.flagged(), defence.cleanDropped());
    assertEquals(List.of("prose"), defence.clean().stream().map(Document::id).toList());
  }

  @Test
  void firstRuleIsTheOneDatatroveReports() {
    assertEquals(
        "gopher_short_doc",
        QualityFalsePositives.firstRule("gopher_short_doc,gopher_enough_stop_words"));
    assertEquals("too_few_sentences", QualityFalsePositives.firstRule("too_few_sentences"));
  }
}
