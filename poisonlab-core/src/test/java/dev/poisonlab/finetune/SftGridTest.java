/* A two-cell fine-tuning grid on the tiny fixture run, its collected results.csv, and bad specs (file:line). */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftGridTest {
  @TempDir Path temp;

  @Test
  void runsEveryCellAndCollectsRows() throws Exception {
    SftFixtures.pretrainedRun(temp.resolve("pre"));
    Path specFile = temp.resolve("grid.json");
    Files.writeString(
        specFile,
        "{\"run\": \"pre\", \"poisons\": [0, 2], \"clean_samples\": [20], \"seeds\": [3],\n"
            + " \"steps\": 2, \"checkpoints\": 1, \"batch_size\": 4, \"eval_items\": 2, \"new_tokens\": 4}\n");
    SftGridSpec spec = SftGridSpec.read(specFile);
    SftGridOptions options = SftGridOptions.builder().optThreads(1).build();
    Path results =
        SftGrid.run(spec, specFile, temp.resolve("out"), SftFixtures.task(), options).resultsFile();
    List<String> rows = Files.readAllLines(results);
    assertEquals(SftRun.RESULTS_HEADER, rows.get(0));
    assertEquals(
        1 + 2 * 2, rows.size(), String.join("\n", rows)); // two cells x checkpoints 0 and 2
    assertTrue(rows.get(1).startsWith("0,20,3,false,"), rows.get(1));
    assertTrue(rows.get(3).startsWith("2,20,3,false,"), rows.get(3));
    assertTrue(Files.isDirectory(temp.resolve("out/runs/c20-p2-s3/checkpoints")));
    String before = Files.readString(results);
    SftGrid.Result again =
        SftGrid.run(spec, specFile, temp.resolve("out"), SftFixtures.task(), options);
    assertEquals(before, Files.readString(results)); // a rerun reads finished runs back
    assertEquals(List.of(0, 2), List.of(again.trained(), again.readBack()));
  }

  @Test
  void epochsSetTheLengthFromEachCellsExamples() throws Exception {
    Path specFile = temp.resolve("grid.json");
    Files.writeString(
        specFile,
        "{\"run\": \"pre\", \"poisons\": [10], \"clean_samples\": [90, 390], \"seeds\": [1],"
            + " \"epochs\": 2, \"batch_size\": 10}");
    SftGridSpec spec = SftGridSpec.read(specFile);
    assertEquals(
        List.of(20L, 80L), spec.cells().stream().map(c -> spec.config(c).maxSteps()).toList());
  }

  @Test
  void badSpecsNameTheFileAndLine() throws Exception {
    Path specFile = temp.resolve("grid.json");
    Files.writeString(specFile, "{\"run\": \"pre\",\n \"poisons\": [0],\n \"colors\": 3}");
    InputException unknown = assertThrows(InputException.class, () -> SftGridSpec.read(specFile));
    assertTrue(unknown.getMessage().startsWith(specFile + ":3: "), unknown.getMessage());
    Files.writeString(
        specFile, "{\"run\": \"pre\", \"poisons\": [0], \"clean_samples\": [1], \"seeds\": [1]}");
    InputException length = assertThrows(InputException.class, () -> SftGridSpec.read(specFile));
    assertTrue(
        length.getMessage().contains("exactly one of epochs and steps"), length.getMessage());
  }
}
