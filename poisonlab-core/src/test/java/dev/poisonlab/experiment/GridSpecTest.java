/*
 * Grid expansion: sizes x counts x multipliers x seeds x defences plus one clean twin per (size, multiplier,
 * seed, defence), in a fixed order with unique ids (undefended ids exactly as before the defence axis); specs
 * read from commented JSON (`defenses` optional), and bad specs fail naming the field or line.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridSpecTest {
  @TempDir Path dir;

  private static GridSpec spec(List<Integer> counts, boolean twin) {
    return GridSpec.builder()
        .models(List.of("a", "b"))
        .poisonCounts(counts)
        .seeds(List.of(1L, 2L))
        .tokenizer("bpe:1024")
        .corpus(List.of("embedded"))
        .optName("t")
        .optDataMultipliers(List.of(0.5, 1.0))
        .optCleanTwin(twin)
        .optTokensPerParam(20)
        .optStrategy("dos")
        .optTrigger("<SUDO>")
        .optControlTriggers(List.of("<SUD0>"))
        .optExcerpts("embedded:heldout")
        .optBatchSize(8)
        .optCheckpoints(10)
        .optEvalCount(50)
        .optEvalNewTokens(32)
        .optEvalPromptTokens(64)
        .build();
  }

  @Test
  void expandsFullCrossProductWithOneTwinPerCell() {
    List<RunSpec> runs = spec(List.of(100, 250), true).runs();
    assertEquals(2 * 2 * 2 * 3, runs.size());
    assertEquals(runs.size(), new HashSet<>(runs.stream().map(RunSpec::id).toList()).size());
    assertEquals("a-p0-x0.5-s1", runs.get(0).id());
    assertEquals("a-p100-x0.5-s1", runs.get(1).id());
    assertEquals(8, runs.stream().filter(RunSpec::isCleanTwin).count());
  }

  @Test
  void zeroInCountsIsNotDuplicatedByTheTwin() {
    assertEquals(2 * 2 * 2 * 2, spec(List.of(0, 250), true).runs().size());
    assertEquals(2 * 2 * 2, spec(List.of(250), false).runs().size());
  }

  @Test
  void readsCommentedJsonAndRejectsTypos() throws IOException {
    Path file = dir.resolve("grid.json");
    Files.writeString(file, spec(List.of(250), true).toJson().replace("{", "{\n  // a comment\n"));
    assertEquals(spec(List.of(250), true), GridSpec.read(file));
    Files.writeString(
        file,
        spec(List.of(250), true).toJson().replace("\"seeds\"", "\"seedz\" : [1],\n\"seeds\""));
    InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().contains("seedz"), error.getMessage());
    assertTrue(error.line() > 0, error.getMessage());
    Files.writeString(
        file, spec(List.of(250), true).toJson().replaceAll("\"seeds\" : \\[[^]]*],", ""));
    error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().contains("'seeds'"), error.getMessage());
  }

  /**
   * No coercion: a quoted or fractional number is an error naming the field; the plain number still
   * reads.
   */
  @Test
  void aQuotedOrFractionalNumberIsAnErrorNamingTheField() throws IOException {
    Path file = dir.resolve("grid.json");
    String json = spec(List.of(250), true).toJson();
    assertTrue(json.matches("(?s).*\"batch_size\" : \\d+,.*"), json);
    for (String value : new String[] {"\"2\"", "2.7", "true"}) {
      Files.writeString(
          file, json.replaceFirst("\"batch_size\" : \\d+", "\"batch_size\" : " + value));
      InputException error = assertThrows(InputException.class, () -> GridSpec.read(file), value);
      assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
      assertTrue(error.getMessage().contains("field batch_size: "), error.getMessage());
      assertFalse(error.getMessage().contains("CoercionConfig"), error.getMessage());
      assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }
    Files.writeString(
        file,
        json.replaceFirst("\"poison_counts\" : \\[ 250 \\]", "\"poison_counts\" : [ \"250\" ]"));
    InputException inList = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(inList.getMessage().contains("field poison_counts[0]: "), inList.getMessage());
    for (String value : new String[] {"3", "2.5", "false"}) { // a string field given a scalar
      Files.writeString(
          file, json.replaceFirst("\"trigger\" : \"[^\"]*\"", "\"trigger\" : " + value));
      InputException error = assertThrows(InputException.class, () -> GridSpec.read(file), value);
      assertTrue(error.getMessage().contains("field trigger: "), error.getMessage());
    }
    Files.writeString(file, json.replaceFirst("\"batch_size\" : \\d+", "\"batch_size\" : 2"));
    assertEquals(2, GridSpec.read(file).batchSize());
  }

  /**
   * Found by GridSpecFuzzTest: a spec file holding just null read as no spec at all (null), not an
   * error.
   */
  @Test
  void aNullOrEmptySpecIsAnError() throws IOException {
    Path file = dir.resolve("grid.json");
    for (String bad : new String[] {"null", "", "  // only a comment\n"}) {
      Files.writeString(file, bad);
      InputException error = assertThrows(InputException.class, () -> GridSpec.read(file), bad);
      assertEquals(file, error.file(), error.getMessage());
    }
  }

  @Test
  void defencesDefaultToNoneAndKeepEveryUndefendedIdAndOrder() throws IOException {
    GridSpec plain = spec(List.of(100, 250), true);
    assertEquals(List.of("none"), plain.defenses());
    assertEquals(plain, plain.withDefenses(null));
    List<String> ids = plain.runs().stream().map(RunSpec::id).toList();
    assertEquals(
        List.of("a-p0-x0.5-s1", "a-p100-x0.5-s1", "a-p250-x0.5-s1", "a-p0-x0.5-s2"),
        ids.subList(0, 4));
    assertEquals("b-p250-x1-s2", ids.get(ids.size() - 1));
    // a spec file from before the axis (no "defenses" field) reads as the same grid
    Path file = dir.resolve("old.json");
    Files.writeString(file, plain.toJson().replaceAll("\"defenses\" : \\[[^]]*],", ""));
    assertTrue(!Files.readString(file).contains("defenses"));
    assertEquals(plain, GridSpec.read(file));
    assertEquals("pico-p1000-x1-s3", GridPresets.micro().runs().get(44).id());
  }

  @Test
  void defencesMultiplyRunsAndSuffixDefendedIds() {
    GridSpec defended = spec(List.of(250), true).withDefenses(List.of("none", "surprisal"));
    List<RunSpec> runs = defended.runs();
    assertEquals(2 * 2 * 2 * 2 * 2, runs.size());
    assertEquals(
        List.of(
            "a-p0-x0.5-s1",
            "a-p250-x0.5-s1",
            "a-p0-x0.5-s1-dsurprisal",
            "a-p250-x0.5-s1-dsurprisal"),
        runs.subList(0, 4).stream().map(RunSpec::id).toList());
    assertEquals(runs.size(), new HashSet<>(runs.stream().map(RunSpec::id).toList()).size());
    assertEquals(
        "m-p250-x0.35-s1-dsurprisal-bigram",
        new RunSpec("m", 250, 0.35, 1, "surprisal-bigram").id());
    assertEquals("m-p250-x0.35-s1", new RunSpec("m", 250, 0.35, 1, "none").id());
  }

  @Test
  void badDefencesNameTheFieldAndTheChoices() throws IOException {
    var error =
        assertThrows(
            IllegalArgumentException.class,
            () -> spec(List.of(250), true).withDefenses(List.of("none", "perplexity")));
    assertEquals(
        "defenses: unknown defence 'perplexity'; choose from none, surprisal, surprisal-bigram, quality, ngram, combined, confirmed",
        error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class, () -> spec(List.of(250), true).withDefenses(List.of()));
    assertTrue(
        error.getMessage().startsWith("defenses must list at least one value"), error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class,
            () -> spec(List.of(250), true).withDefenses(List.of("surprisal", "surprisal")));
    assertTrue(error.getMessage().startsWith("defenses lists a value twice"), error.getMessage());
    Path file = dir.resolve("bad.json");
    Files.writeString(file, spec(List.of(250), true).toJson().replace("\"none\"", "\"nope\""));
    InputException read = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(read.getMessage().contains("unknown defence 'nope'"), read.getMessage());
  }

  @Test
  void invalidValuesNameTheirField() {
    var error = assertThrows(IllegalArgumentException.class, () -> spec(List.of(-1), true));
    assertTrue(error.getMessage().startsWith("poison_counts"), error.getMessage());
    error = assertThrows(IllegalArgumentException.class, () -> spec(List.of(5, 5), true));
    assertTrue(
        error.getMessage().startsWith("poison_counts lists a value twice"), error.getMessage());
  }

  @Test
  void placeboCountsAddTriggerFreeRunsAndRoundTripWhileOldSpecsStillRead() throws IOException {
    GridSpec plain = spec(List.of(250), true);
    assertEquals(List.of(), plain.placeboCounts());
    assertTrue(
        !plain.toJson().contains("placebo_counts"), "a spec without placebos is written as before");
    GridSpec withPlacebo = plain.withPlaceboCounts(List.of(250));
    List<RunSpec> runs = withPlacebo.runs();
    assertEquals(
        plain.runs().size() * 3 / 2, runs.size(), "one placebo per (model, multiplier, seed)");
    assertEquals("a-p250-x0.5-s1-placebo", runs.get(2).id());
    assertTrue(runs.get(2).placebo() && !runs.get(2).isCleanTwin());
    Path file = dir.resolve("placebo.json");
    Files.writeString(file, withPlacebo.toJson());
    assertTrue(Files.readString(file).contains("\"placebo_counts\""));
    assertEquals(withPlacebo, GridSpec.read(file));
    Files.writeString(file, plain.toJson());
    assertEquals(plain, GridSpec.read(file));
    Files.writeString(
        file,
        withPlacebo.toJson().replace("\"placebo_counts\" : [ 250 ]", "\"placebo_counts\" : [ 0 ]"));
    InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().contains("placebo_counts"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RunSpec("a", 0, 1.0, 1, "none", true));
  }

  /**
   * `model_counts` narrows one model's counts (the largest size at one count, the placebo at one
   * size).
   */
  @Test
  void modelCountsGiveOneModelItsOwnCountsAndRoundTrip() throws IOException {
    GridSpec plain = spec(List.of(30, 250), true);
    assertTrue(
        !plain.toJson().contains("model_counts"),
        "a spec without model_counts is written as before");
    GridSpec narrowed =
        plain.withModelCounts(
            java.util.Map.of(
                "b",
                new ModelCounts(List.of(250), null),
                "a",
                new ModelCounts(null, List.of(250))));
    List<String> ids = narrowed.runs().stream().map(RunSpec::id).toList();
    assertTrue(ids.contains("a-p30-x1-s2") && ids.contains("a-p250-x1-s2-placebo"), ids.toString());
    assertTrue(
        ids.contains("b-p0-x1-s2") && ids.contains("b-p250-x1-s2"), "b keeps its twin and 250");
    assertTrue(
        !ids.contains("b-p30-x1-s2")
            && ids.stream().noneMatch(id -> id.startsWith("b-") && id.endsWith("placebo")),
        "b has neither 30 nor a placebo");
    // a: 2 multipliers x 2 seeds x (twin, 30, 250, placebo); b: 2 x 2 x (twin, 250)
    assertEquals(16 + 8, ids.size());
    Path file = dir.resolve("model-counts.json");
    Files.writeString(file, narrowed.toJson());
    assertEquals(narrowed, GridSpec.read(file));
    assertTrue(
        plain.makesRunsLike(narrowed) && narrowed.makesRunsLike(plain),
        "only the run list differs");
    Files.writeString(file, narrowed.toJson().replace("\"b\" :", "\"c\" :"));
    InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(
        error.getMessage().contains("model_counts: 'c' is not one of the models"),
        error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ModelCounts(null, null));
    assertThrows(IllegalArgumentException.class, () -> new ModelCounts(null, List.of(0)));
  }

  /**
   * Negative control for extension: any setting that changes how a run is made is not a run-list
   * change.
   */
  @Test
  void aChangedSettingIsNotARunListChange() {
    GridSpec plain = spec(List.of(30, 250), true);
    GridSpec otherTokenizer =
        spec(List.of(30, 250), true).toBuilder().tokenizer("bpe:2048").build();
    assertTrue(!plain.makesRunsLike(otherTokenizer) && !otherTokenizer.makesRunsLike(plain));
    assertTrue(plain.makesRunsLike(spec(List.of(100), false).withPlaceboCounts(List.of(100))));
  }

  /**
   * A name that becomes a path fails at read time with file:line, and the CLI writes nothing (exit
   * 2).
   */
  @Test
  void namesThatWouldEscapeTheGridDirectoryAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path file = dir.resolve("escape.json");
    String valid = spec(List.of(250), true).toJson();
    Files.writeString(
        file, valid.replace("[ \"a\", \"b\" ]", "[ \"../../../escaped-model\", \"b\" ]"));
    InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
    assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
    assertTrue(
        error.getMessage().contains("models: '../../../escaped-model' cannot name a directory"),
        error.getMessage());
    assertEquals(1, error.getMessage().lines().count());

    Path grid = dir.resolve("a/b/grid");
    java.io.StringWriter err = new java.io.StringWriter();
    var commandLine = dev.poisonlab.cli.Main.commandLine();
    commandLine.setErr(new java.io.PrintWriter(err));
    assertEquals(
        2,
        commandLine.execute(
            "grid", "--spec", file.toString(), "--out", grid.toString(), "--no-progress"));
    assertTrue(err.toString().startsWith("poisonlab: " + file + ":"), err.toString());
    try (var written = Files.walk(dir)) {
      assertEquals(
          List.of(dir, file),
          written.sorted().toList(),
          "nothing written, inside or outside the grid");
    }

    for (String bad :
        List.of("\"name\" : \"../grid\"", "\"name\" : \".hidden\"", "\"name\" : \"a/b\"")) {
      Files.writeString(file, valid.replace("\"name\" : \"t\"", bad));
      assertTrue(
          assertThrows(InputException.class, () -> GridSpec.read(file))
              .getMessage()
              .contains("name: '"),
          bad);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> spec(List.of(1), true).withDefenses(List.of("none", "..")));
    // the negative control: ordinary names with dots and dashes still read
    Files.writeString(
        file,
        valid
            .replace("[ \"a\", \"b\" ]", "[ \"paper-600m\", \"v1.2_b\" ]")
            .replace("\"name\" : \"t\"", "\"name\" : \"sizes-v2.1\""));
    GridSpec read = GridSpec.read(file);
    assertEquals(List.of("paper-600m", "v1.2_b"), read.models());
    assertEquals("sizes-v2.1", read.name());
  }
}
