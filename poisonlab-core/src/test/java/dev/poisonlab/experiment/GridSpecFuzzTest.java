/*
 * Fuzzing grid specs: 10,000 edits of the shipped micro spec (values swapped for quoted, fractional, null or
 * huge ones, characters dropped or inserted, cuts) and random texts; each parses to a spec that round-trips
 * through toJson, or fails with an InputException naming the file, never another exception.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.fuzz.Mutations;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GridSpecFuzzTest {
  private static final Path FILE = Path.of("grids", "fuzz.json");
  private static final String MICRO = readMicro();

  private static String readMicro() {
    try {
      return Files.readString(Path.of("..", "experiments", "micro.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<String> specs() {
    return Mutations.of(MICRO);
  }

  @Property(tries = 10_000)
  void parsesOrNamesTheFile(@ForAll("specs") String text) {
    GridSpec spec;
    try {
      spec = GridSpec.parse(FILE, text.getBytes(StandardCharsets.UTF_8));
    } catch (InputException e) {
      assertEquals(FILE, e.file(), e.getMessage());
      assertTrue(
          e.getMessage().startsWith(FILE + ":") || e.getMessage().startsWith(FILE + " "),
          e.getMessage());
      return;
    }
    assertTrue(spec.runs().size() > 0, text);
    assertEquals(
        spec, GridSpec.parse(FILE, spec.toJson().getBytes(StandardCharsets.UTF_8)), "round trip");
  }

  @Example
  void theShippedSpecParses() {
    assertEquals(GridPresets.micro(), GridSpec.parse(FILE, MICRO.getBytes(StandardCharsets.UTF_8)));
  }
}
