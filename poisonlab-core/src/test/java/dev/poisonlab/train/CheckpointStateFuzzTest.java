/*
 * Fuzzing checkpoint.json: 10,000 edits of a sealed state (and random texts) are read and verified as a
 * resume would; each is either the original state (an edit that changes nothing, such as whitespace) or an
 * InputException naming a file of the checkpoint, never another exception and never a changed state accepted.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poisonlab.fuzz.Mutations;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class CheckpointStateFuzzTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static Path root;
  private static Path checkpoint;
  private static TrainCheckpoint.State sealed;
  private static String valid;

  @BeforeContainer
  static void writeCheckpoint() throws IOException {
    root = Files.createTempDirectory("fuzz-checkpoint");
    checkpoint = Files.createDirectories(root.resolve("step-00000002"));
    Files.write(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE), new byte[] {1, 2, 3});
    Files.write(checkpoint.resolve(TrainCheckpoint.OPTIMIZER_FILE), new byte[] {4, 5});
    TrainConfig train =
        TrainConfig.builder(10, 1e-3, 1)
            .optBatchSize(2)
            .optWarmupSteps(0)
            .optCheckpointEvery(2)
            .build();
    TrainCheckpoint.State state =
        TrainCheckpoint.State.builder()
            .formatVersion(1)
            .step(2)
            .tokensSeen(1024)
            .poisonsSeen(1)
            .loss(3.25)
            .dataPosition(new TokenStream.DataPosition(1024, 0, 0))
            .random(new TrainCheckpoint.RandomState(1, 0))
            .optimizerStep(2)
            .model(new GptConfig(64, 32, 2, 2, 32))
            .train(train)
            .build();
    sealed =
        CheckpointIntegrity.seal(
            state,
            Map.of(
                GptCheckpoint.WEIGHTS_FILE,
                    CheckpointIntegrity.sha256(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE)),
                TrainCheckpoint.OPTIMIZER_FILE,
                    CheckpointIntegrity.sha256(
                        checkpoint.resolve(TrainCheckpoint.OPTIMIZER_FILE))));
    valid = JSON.writeValueAsString(sealed);
  }

  @AfterContainer
  static void deleteCheckpoint() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Provide
  Arbitrary<String> states() {
    return Mutations.of(valid);
  }

  @Property(tries = 10_000)
  void verifiesUnchangedOrNamesAFile(@ForAll("states") String text) {
    TrainCheckpoint.State state;
    try {
      // parsed from memory, as readState parses the file's bytes: 10,000 file writes would take
      // minutes here
      state =
          TrainCheckpoint.parseState(
              checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE),
              text.getBytes(StandardCharsets.UTF_8));
      CheckpointIntegrity.verify(checkpoint, state);
    } catch (InputException e) {
      assertTrue(e.file().startsWith(checkpoint), e.getMessage());
      assertTrue(e.getMessage().startsWith(e.file() + ": "), e.getMessage());
      return;
    }
    // accepted: then it must be the sealed state itself, or a legacy (unsealed) state at the right
    // step
    if (state.seal() != null) {
      assertEquals(sealed, state, text);
    } else {
      assertEquals(2, state.step(), text);
    }
  }

  @Example
  void theSealedStateVerifies() throws IOException {
    Files.writeString(checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE), valid);
    TrainCheckpoint.State state = TrainCheckpoint.readState(checkpoint);
    assertTrue(CheckpointIntegrity.verify(checkpoint, state));
    assertEquals(sealed, state);
  }
}
