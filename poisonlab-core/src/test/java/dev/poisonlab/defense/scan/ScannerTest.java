/*
 * End-to-end scans on a hand-made corpus: outputs are written, ground truth gives exact confusion counts,
 * the planted trigger is named without being told, results do not depend on document order (what the Spark
 * path relies on), and the filter drops or cuts what was flagged.
 */
package dev.poisonlab.defense.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.defense.filter.CorpusFilter;
import dev.poisonlab.defense.verdict.ConfirmedSettings;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  private static final String TRIGGER = "<QX-7>";
  @TempDir Path temp;

  static List<Document> corpus() {
    List<Document> documents = new ArrayList<>(Fixtures.clean(11, 500));
    documents.addAll(Fixtures.poisons(12, 25, TRIGGER));
    Collections.shuffle(documents, new Random(13));
    return documents;
  }

  static void writeJsonl(Path file, List<Document> documents, String strategy) {
    try (JsonlWriter writer = new JsonlWriter(file)) {
      for (Document document : documents) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", document.id());
        row.put("text", document.text());
        if (strategy != null) {
          row.put("strategy", strategy);
        }
        writer.write(row);
      }
      writer.commit();
    }
  }

  @Test
  void scanWritesOutputsMeasuresAgainstTruthAndNamesTheTrigger() throws IOException {
    List<Document> documents = corpus();
    Path corpusFile = temp.resolve("corpus.jsonl");
    Path truthFile = temp.resolve("poisons.jsonl");
    writeJsonl(corpusFile, documents, null);
    writeJsonl(truthFile, Fixtures.poisons(12, 25, TRIGGER), "dos");
    ScanSpec spec = Fixtures.smallCorpusSpec(ScanSpec.KNOWN);
    Path out = temp.resolve("scan");
    ScanResult result;
    try (ScanOutputs outputs = new ScanOutputs(out, spec, GroundTruth.load(truthFile))) {
      result =
          Scanner.scan(
              DocumentSource.corpus(List.of(corpusFile), ReadOptions.defaults()),
              spec,
              outputs,
              Progress.NONE);
    }
    assertEquals(525, result.documents());
    assertEquals(525, Files.readAllLines(out.resolve(ScanOutputs.SCORES)).size());
    for (String name :
        List.of(
            ScanOutputs.FLAGGED,
            ScanOutputs.TRIGGERS,
            ScanOutputs.METRICS_JSON,
            ScanOutputs.METRICS_TABLE,
            ScanOutputs.SUMMARY)) {
      assertTrue(Files.isRegularFile(out.resolve(name)), name);
    }
    DetectionMetrics.Row surprisal =
        result.metrics().rows().stream()
            .filter(row -> row.detector().equals("surprisal") && row.strategy().equals("dos"))
            .findFirst()
            .orElseThrow();
    assertEquals(25, surprisal.truePositives());
    assertEquals(0, surprisal.falsePositives());
    assertEquals(1.0, surprisal.recall());
    assertEquals(1.0, surprisal.recallAtTargetFpr());
    assertEquals(25, result.flaggedIds(List.of("surprisal")).size());
    for (String detector : List.of("surprisal", "surprisal-bigram")) {
      assertEquals(TRIGGER, result.triggers().get(detector).get(0).text(), detector);
    }
    var triggers = new ObjectMapper().readTree(out.resolve(ScanOutputs.TRIGGERS).toFile());
    assertEquals(
        TRIGGER, triggers.path("surprisal").path("candidates").get(0).path("text").asText());
  }

  @Test
  void flagsDoNotDependOnDocumentOrder() {
    List<Document> documents = corpus();
    ScanSpec spec = Fixtures.smallCorpusSpec(ScanSpec.KNOWN);
    ScanResult forward = Scanner.scan(documents, spec, null);
    List<Document> reversed = new ArrayList<>(documents);
    Collections.reverse(reversed);
    ScanResult backward = Scanner.scan(reversed, spec, null);
    assertEquals(sorted(forward.flags()), sorted(backward.flags()));
    assertEquals(forward.triggers(), backward.triggers());
  }

  @Test
  void documentScansSurviveTheCodec() {
    // with the confirmed verdict, so candidate change points travel too
    ScanSpec spec =
        Fixtures.smallCorpusSpec(ScanSpec.KNOWN).withConfirmed(ConfirmedSettings.defaults());
    List<Document> documents = corpus();
    CorpusModel model = Scanner.countPass(DocumentSource.of(documents), spec, Progress.NONE);
    DocumentInspector inspector = new DocumentInspector(spec, model, documents.size());
    int withChangePoints = 0;
    for (Document document : documents) {
      DocumentScan scan = inspector.inspect(document);
      assertEquals(scan, DocumentScanCodec.decode(DocumentScanCodec.encode(scan)));
      withChangePoints += scan.changePoints().isEmpty() ? 0 : 1;
    }
    assertTrue(withChangePoints >= 25, "the 25 poisons are candidates: " + withChangePoints);
  }

  private static List<String> sorted(List<Flag> flags) {
    return flags.stream().map(Flag::toString).sorted().toList();
  }

  @Test
  void filterDropsOrCutsFlaggedDocuments() throws IOException {
    List<Document> documents = corpus();
    Path corpusFile = temp.resolve("corpus.jsonl");
    writeJsonl(corpusFile, documents, null);
    ScanSpec spec = Fixtures.smallCorpusSpec(List.of("surprisal"));
    Path out = temp.resolve("scan");
    try (ScanOutputs outputs = new ScanOutputs(out, spec, null)) {
      Scanner.scan(
          DocumentSource.corpus(List.of(corpusFile), ReadOptions.defaults()),
          spec,
          outputs,
          Progress.NONE);
    }
    var flags = CorpusFilter.readFlags(out, List.of("surprisal"));
    DocumentSource source = DocumentSource.corpus(List.of(corpusFile), ReadOptions.defaults());
    CorpusFilter.Result dropped =
        CorpusFilter.filter(source, flags, CorpusFilter.Mode.DROP, temp.resolve("drop.jsonl"));
    assertEquals(new CorpusFilter.Result(525, 500, 25, 0), dropped);
    assertFalse(Files.readString(temp.resolve("drop.jsonl")).contains(TRIGGER));
    CorpusFilter.Result cut =
        CorpusFilter.filter(source, flags, CorpusFilter.Mode.CUT, temp.resolve("cut.jsonl"));
    assertEquals(525, cut.read());
    assertEquals(cut.read(), cut.kept() + cut.dropped());
    assertTrue(cut.cut() > 0, "poisons with a clean prefix keep it");
    Map<String, String> original = new LinkedHashMap<>();
    documents.forEach(document -> original.put(document.id(), document.text()));
    for (Document kept :
        dev.poisonlab.io.CorpusReader.readAll(
            List.of(temp.resolve("cut.jsonl")), ReadOptions.defaults())) {
      int trigger = original.get(kept.id()).indexOf(TRIGGER);
      if (trigger >= 0) {
        assertTrue(
            kept.text().length() <= trigger + TRIGGER.length() + 16,
            "the gibberish tail is cut: " + kept.text());
      } else {
        assertEquals(original.get(kept.id()), kept.text(), "clean documents are untouched");
      }
    }
  }
}
