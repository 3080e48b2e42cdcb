/*
 * What verification catches in one checkpoint: every corruption the issue lists (a flipped byte in either
 * data file, a truncated or missing file, an edited step or poisons-seen count, a 2^62 header length, a bad
 * header) is one InputException naming the damaged file; the untouched checkpoint and its legacy form pass.
 */
package dev.poisonlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckpointIntegrityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path shared;
  private static Path original;
  @TempDir Path dir;

  @BeforeAll
  static void trainTwoSteps() throws Exception {
    Path data =
        TestStreams.write(
            shared.resolve("stream"), 50, 5_000, List.of(TestStreams.poison("p0", 10, 300)));
    TrainResult result =
        Trainer.train(
            TrainRequest.builder(data, "nano", shared.resolve("run"))
                .optMaxSteps(2L)
                .optCheckpointEvery(2L)
                .optSeed(1)
                .optBatchSize(1)
                .optGradAccumSteps(1)
                .optWarmupSteps(0L)
                .optLogEvery(1)
                .optThreads(1)
                .build(),
            TrainObserver.NONE);
    original = result.lastCheckpoint();
  }

  @FunctionalInterface
  interface Corruption {
    void apply(Path checkpoint) throws Exception;
  }

  private Path copy() throws Exception {
    Path copy = dir.resolve(original.getFileName());
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  /** check() with a model and optimizer of the checkpoint's own shape. */
  private static TrainCheckpoint.State check(Path checkpoint) {
    TrainCheckpoint.State state = TrainCheckpoint.readState(original);
    try (GptModel model = GptModel.create(state.model(), 1, Device.cpu())) {
      return TrainCheckpoint.check(
          checkpoint, model, new AdamW(model.parameterArrays(), state.train(), model.manager()));
    }
  }

  /**
   * Flips a bit of byte {@code index}; a negative index counts from the end (-1: the last byte).
   */
  private static void flip(Path file, int index) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[index < 0 ? bytes.length + index : index] ^= 0x10;
    Files.write(file, bytes);
  }

  private static void editState(Path checkpoint, String field, long value) throws Exception {
    Path file = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    state.put(field, value);
    JSON.writeValue(file.toFile(), state);
  }

  private static void replaceHeader(Path file, long length, String header) throws Exception {
    byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + 64).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(length).put(json);
    Files.write(file, bytes.array());
  }

  static Stream<Arguments> corruptions() {
    String model = GptCheckpoint.WEIGHTS_FILE;
    String optimizer = TrainCheckpoint.OPTIMIZER_FILE;
    String state = GptCheckpoint.CHECKPOINT_FILE;
    return Stream.of(
        Arguments.of("flipped weight byte", model, (Corruption) c -> flip(c.resolve(model), -1)),
        Arguments.of("flipped header byte", model, (Corruption) c -> flip(c.resolve(model), 20)),
        Arguments.of(
            "flipped optimizer byte", optimizer, (Corruption) c -> flip(c.resolve(optimizer), -4)),
        Arguments.of(
            "truncated weights",
            model,
            (Corruption)
                c ->
                    Files.write(
                        c.resolve(model),
                        java.util.Arrays.copyOf(Files.readAllBytes(c.resolve(model)), 1000))),
        Arguments.of(
            "missing optimizer", optimizer, (Corruption) c -> Files.delete(c.resolve(optimizer))),
        Arguments.of(
            "edited poisons seen", state, (Corruption) c -> editState(c, "poisons_seen", 7)),
        Arguments.of("edited step", state, (Corruption) c -> editState(c, "step", 1)),
        Arguments.of("edited tokens seen", state, (Corruption) c -> editState(c, "tokens_seen", 1)),
        Arguments.of("missing state", state, (Corruption) c -> Files.delete(c.resolve(state))),
        Arguments.of(
            "state not JSON",
            state,
            (Corruption) c -> Files.writeString(c.resolve(state), "{\"step\": 2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void eachCorruptionIsOneInputExceptionNamingTheFile(
      String name, String damaged, Corruption corruption) throws Exception {
    Path checkpoint = copy();
    corruption.apply(checkpoint);
    InputException error = assertThrows(InputException.class, () -> check(checkpoint), name);
    assertEquals(checkpoint.resolve(damaged), error.file(), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
  }

  /**
   * Without a seal only what needs no hash is checked; malformed headers are still caught, by
   * SafeTensors.
   */
  @ParameterizedTest(name = "legacy, {0}")
  @MethodSource("legacyCorruptions")
  void legacyCheckpointsAreCheckedAsFarAsTheyLoad(String name, Corruption corruption)
      throws Exception {
    Path checkpoint = copy();
    Path file = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    state.remove("seal");
    JSON.writeValue(file.toFile(), state);
    corruption.apply(checkpoint);
    assertThrows(InputException.class, () -> check(checkpoint), name);
  }

  static Stream<Arguments> legacyCorruptions() {
    String model = GptCheckpoint.WEIGHTS_FILE;
    return Stream.of(
        Arguments.of(
            "2^62 header length",
            (Corruption) c -> replaceHeader(c.resolve(model), 1L << 62, "{}")),
        Arguments.of(
            "bad header JSON",
            (Corruption) c -> replaceHeader(c.resolve(model), 20, "{\"a\": [1, 2,")),
        Arguments.of(
            "truncated weights",
            (Corruption)
                c ->
                    Files.write(
                        c.resolve(model),
                        java.util.Arrays.copyOf(Files.readAllBytes(c.resolve(model)), 1000))),
        Arguments.of(
            "missing optimizer",
            (Corruption) c -> Files.delete(c.resolve(TrainCheckpoint.OPTIMIZER_FILE))),
        Arguments.of("step unlike its directory", (Corruption) c -> editState(c, "step", 1)));
  }

  @Test
  void anIntactCheckpointAndItsLegacyFormPass() throws Exception {
    Path checkpoint = copy();
    TrainCheckpoint.State sealed = check(checkpoint);
    assertEquals(2, sealed.step());
    assertTrue(
        sealed.seal() != null && sealed.seal().files().size() == 2, String.valueOf(sealed.seal()));
    assertEquals(
        CheckpointIntegrity.sha256(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE)),
        sealed.seal().files().get(GptCheckpoint.WEIGHTS_FILE));
    Path file = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    state.remove("seal");
    JSON.writeValue(file.toFile(), state);
    // negative control for the legacy path: a flipped weight byte passes, as nothing records its
    // hash
    flip(checkpoint.resolve(GptCheckpoint.WEIGHTS_FILE), -1);
    TrainCheckpoint.State legacy = check(checkpoint);
    assertEquals(null, legacy.seal());
    assertEquals(sealed.withSeal(null), legacy);
  }

  @Test
  void theSealListsFilesByNameAndVerifiesInAnyOrder() throws Exception {
    Path checkpoint = copy();
    TrainCheckpoint.State sealed = check(checkpoint);
    List<String> names = new ArrayList<>(sealed.seal().files().keySet());
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    assertEquals(sorted, names, "checkpoint.json's bytes must not vary from run to run");
    // checkpoints sealed before the order was fixed list their files in any order: they verify
    Path file = checkpoint.resolve(GptCheckpoint.CHECKPOINT_FILE);
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    ObjectNode files = (ObjectNode) state.path("seal").path("files");
    ObjectNode reversed = JSON.createObjectNode();
    for (int i = sorted.size() - 1; i >= 0; i--) {
      reversed.set(sorted.get(i), files.get(sorted.get(i)));
    }
    ((ObjectNode) state.path("seal")).set("files", reversed);
    JSON.writeValue(file.toFile(), state);
    assertEquals(sealed, check(checkpoint));
  }
}
