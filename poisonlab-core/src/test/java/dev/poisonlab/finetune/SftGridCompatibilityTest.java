/*
 * A grid directory of the code before failure isolation and persistence (main at 8450745, files under
 * resources old-grid/) must be what this code writes for the same spec, and must be read back, not refused or
 * retrained, when a persistence stage is added to its spec. Negative control: a changed setting is refused
 * before anything runs.
 */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.train.MetricsLog;
import dev.poisonlab.train.TrainCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftGridCompatibilityTest {
  private static final String OLD_SPEC =
      "{\"run\": \"pre\", \"poisons\": [0, 2], \"clean_samples\": [20], \"seeds\": [3],\n"
          + " \"steps\": 2, \"checkpoints\": 1, \"batch_size\": 4, \"eval_items\": 2,"
          + " \"new_tokens\": 4}\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void oldSettingsWriteWhatTheOldCodeWroteAndAreReadBackWithPersistenceAdded() throws Exception {
    SftFixtures.pretrainedRun(temp.resolve("pre"));
    Path out = temp.resolve("out");
    SftGridOptions options = SftGridOptions.builder().optThreads(1).build();
    Path oldSpec = spec("old.json", OLD_SPEC);
    SftGrid.Result first =
        SftGrid.run(SftGridSpec.read(oldSpec), oldSpec, out, SftFixtures.task(), options);
    assertEquals(List.of(), first.failures());
    assertEquals(null, first.persistenceFile());
    assertEquals(golden("results.csv"), Files.readString(first.resultsFile()));
    Path cell = out.resolve("runs/c20-p2-s3");
    assertEquals(
        withoutWeightsSha(golden("c20-p2-s3.config.json")),
        withoutWeightsSha(Files.readString(cell.resolve("config.json"))));
    assertEquals(golden("c20-p2-s3.eval.jsonl"), Files.readString(cell.resolve(SftRun.EVAL_FILE)));
    for (String name : List.of("c20-p0-s3", "c20-p2-s3")) {
      assertLossesMatch(golden(name + ".metrics.jsonl"), out.resolve("runs").resolve(name));
    }

    byte[] weights = Files.readAllBytes(finalWeights(cell));
    String results = Files.readString(first.resultsFile());
    String config = Files.readString(cell.resolve("config.json"));
    Path newSpec =
        spec(
            "new.json",
            OLD_SPEC.replace(
                "}\n",
                ", \"persistence_steps\": 2,"
                    + " \"persistence_clean_samples\": 8, \"persistence_checkpoints\": 1}\n"));
    SftGrid.Result second =
        SftGrid.run(SftGridSpec.read(newSpec), newSpec, out, SftFixtures.task(), options);
    assertEquals(List.of(), second.failures());
    assertEquals(List.of(3, 1, 2), List.of(second.runs(), second.trained(), second.readBack()));
    assertEquals(results, Files.readString(second.resultsFile()), "SFT rows unchanged");
    assertEquals(config, Files.readString(cell.resolve("config.json")));
    assertArrayEquals(weights, Files.readAllBytes(finalWeights(cell)), "not retrained");
    List<String> persistence = Files.readAllLines(second.persistenceFile());
    assertEquals(SftContinuation.CONTINUE_HEADER, persistence.get(0));
    assertEquals(1 + 2, persistence.size(), String.join("\n", persistence)); // steps 0 and 2
    assertTrue(persistence.get(1).startsWith("2,20,3,false,\"<SUDO>\",2,8,0,"), persistence.get(1));

    // negative control: another learning rate for the same cells is refused before anything runs
    Path changed = spec("changed.json", OLD_SPEC.replace("}\n", ", \"learning_rate\": 0.01}\n"));
    InputException refused =
        assertThrows(
            InputException.class,
            () ->
                SftGrid.run(SftGridSpec.read(changed), changed, out, SftFixtures.task(), options));
    assertTrue(refused.getMessage().contains("other settings"), refused.getMessage());
    assertEquals(results, Files.readString(second.resultsFile()), "results.csv left as it was");
    assertArrayEquals(weights, Files.readAllBytes(finalWeights(cell)));
  }

  private Path spec(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static Path finalWeights(Path run) {
    return TrainCheckpoint.directoryFor(run, 2).resolve(GptCheckpoint.WEIGHTS_FILE);
  }

  /**
   * config.json without parent.directory (a temporary path) and the random parent's weights hash
   * (PyTorch's initialisation, which this test does not pin across platforms), otherwise
   * byte-compared: field order and layout included.
   */
  private static String withoutWeightsSha(String config) {
    return config
        .replaceAll("\"directory\" : \"[^\"]*\"", "\"directory\" : \"-\"")
        .replaceAll("\"weights_sha256\" : \"[0-9a-f]{64}\"", "\"weights_sha256\" : \"-\"");
  }

  /**
   * Same steps, losses and gradient norms as the old code within 1e-5 (float kernels may differ).
   */
  private static void assertLossesMatch(String golden, Path run) throws IOException {
    List<String> expected = golden.lines().toList();
    List<String> actual = Files.readAllLines(run.resolve(MetricsLog.FILE));
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = JSON.readTree(expected.get(i));
      JsonNode got = JSON.readTree(actual.get(i));
      for (String field : List.of("step", "tokens", "poisons_seen")) {
        assertEquals(want.get(field).asLong(), got.get(field).asLong(), field);
      }
      for (String field : List.of("loss", "lr", "grad_norm")) {
        assertEquals(want.get(field).asDouble(), got.get(field).asDouble(), 1e-5, field);
      }
    }
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = SftGridCompatibilityTest.class.getResourceAsStream("old-grid/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
