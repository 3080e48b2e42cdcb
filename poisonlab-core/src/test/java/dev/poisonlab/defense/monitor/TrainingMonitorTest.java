/*
 * Monitoring a run from its own sequence log (TinyPoisonedRun, trained with --log-sequences): documents are
 * recovered from separators with the manifest's poison ids, the poisons rank above the clean documents, the
 * trigger is named, the report files are written, and a run without a log is refused with one clear line.
 */
package dev.poisonlab.defense.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.defense.TinyPoisonedRun;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.io.InputException;
import dev.poisonlab.train.TokenStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingMonitorTest {
  private static TinyPoisonedRun tiny;

  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    tiny = TinyPoisonedRun.get();
  }

  @Test
  void streamDocumentsFollowTheSeparatorsAndTheManifest() {
    StreamManifest manifest = TokenStream.readManifest(tiny.stream);
    TokenFile tokens =
        TokenFile.open(tiny.stream.resolve(StreamManifest.TOKENS_FILE), manifest.dtype());
    StreamDocuments documents =
        StreamDocuments.index(tokens, tiny.tokenizer.endOfTextId(), manifest);
    assertEquals(300 + TinyPoisonedRun.POISONS, documents.count());
    int poisons = 0;
    for (int index = 0; index < documents.count(); index++) {
      StreamManifest.PoisonSpan span = documents.poison(index);
      if (span != null) {
        poisons++;
        assertEquals(span.start(), documents.start(index));
        assertEquals(span.end(), documents.end(index));
        assertEquals(span.id(), documents.id(index));
      } else {
        assertEquals("stream@" + documents.start(index), documents.id(index));
      }
      assertEquals(index, documents.documentAt(documents.start(index)));
      assertEquals(
          index,
          documents.documentAt(documents.end(index)),
          "the separator belongs to its document");
    }
    assertEquals(TinyPoisonedRun.POISONS, poisons);
    assertEquals(
        documents.count() - 1,
        documents.documentAt(tokens.length() - 1),
        "the stream ends on a separator");
  }

  @Test
  void poisonsRankAboveCleanDocumentsAndTheTriggerIsNamed() {
    MonitorResult result =
        TrainingMonitor.analyse(tiny.run, new TrainingMonitor.Settings(1.0, 3.0, 40));
    assertEquals(TinyPoisonedRun.STEPS, result.steps());
    assertEquals(TinyPoisonedRun.STEPS * 4, result.sequences());
    StreamManifest manifest = TokenStream.readManifest(tiny.stream);
    TokenFile tokens =
        TokenFile.open(tiny.stream.resolve(StreamManifest.TOKENS_FILE), manifest.dtype());
    StreamDocuments documents =
        StreamDocuments.index(tokens, tiny.tokenizer.endOfTextId(), manifest);
    long lastTarget =
        (tokens.length() - 257) / 256 * 256 + 256; // each epoch drops the tail short of a window
    int trained = documents.documentAt(lastTarget) + 1;
    assertEquals(
        trained, result.documentsSeen(), "every document with a trained token (several epochs)");
    long poisonsTrained =
        manifest.poisons().stream().filter(span -> span.start() <= lastTarget).count();
    assertEquals(poisonsTrained, result.poisonsSeen());
    assertTrue(poisonsTrained >= TinyPoisonedRun.POISONS - 1);
    List<Suspect> top = result.suspects().subList(0, (int) poisonsTrained);
    long poisonsOnTop = top.stream().filter(Suspect::poison).count();
    assertTrue(
        poisonsOnTop >= poisonsTrained - 2,
        poisonsOnTop + " poisons among the top " + poisonsTrained);
    assertTrue(
        result.suspects().stream().filter(s -> !s.poison()).noneMatch(Suspect::flagged),
        "no clean document flagged at 40 bits");
    assertTrue(
        result.triggers().get(0).text().contains("SUDO"),
        "top candidate " + result.triggers().get(0));
    DetectionMetrics.Row all = result.metrics().rows().get(0);
    assertEquals(poisonsTrained, all.poisons());
    assertEquals(TinyPoisonedRun.POISONS - poisonsTrained, result.metrics().missingPoisons());
    assertTrue(all.recall() >= 0.75, "recall " + all.recall());
  }

  @Test
  void writesTheReport() throws Exception {
    MonitorResult result = TrainingMonitor.analyse(tiny.run, TrainingMonitor.Settings.defaults());
    MonitorReport.write(result, dir.resolve("out"));
    for (String file :
        new String[] {
          MonitorReport.SUSPECTS,
          MonitorReport.TRIGGERS,
          MonitorReport.SUMMARY,
          ScanOutputs.METRICS_JSON,
          ScanOutputs.METRICS_TABLE
        }) {
      assertTrue(Files.isRegularFile(dir.resolve("out").resolve(file)), file);
    }
    long lines = Files.readAllLines(dir.resolve("out").resolve(MonitorReport.SUSPECTS)).size();
    assertEquals(
        Math.min(result.suspects().size(), result.flaggedCount() + MonitorReport.UNFLAGGED_SHOWN),
        lines);
  }

  @Test
  void aRunWithoutASequenceLogIsRefused() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("no-log"));
    Files.copy(tiny.run.resolve("config.json"), copy.resolve("config.json"));
    Files.createDirectories(copy.resolve("data"));
    for (String file : new String[] {StreamManifest.MANIFEST_FILE, StreamManifest.TOKENIZER_FILE}) {
      Files.copy(tiny.run.resolve("data").resolve(file), copy.resolve("data").resolve(file));
    }
    InputException error =
        assertThrows(
            InputException.class,
            () -> TrainingMonitor.analyse(copy, TrainingMonitor.Settings.defaults()));
    assertTrue(error.getMessage().contains("--log-sequences"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TrainingMonitor.Settings(-1, 3, 10));
  }
}
