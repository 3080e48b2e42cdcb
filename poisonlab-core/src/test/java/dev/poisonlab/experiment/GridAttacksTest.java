/*
 * The attack axis of a grid spec: `strategies` crosses attacks with everything else, ids name the attack, twins
 * are shared by the attacks with one trigger (and stay one per defence), `strategy_triggers` gives an attack its
 * own trigger, `strategy_keywords` gives topic its keyword (checked up front: exit 2, nothing written), bad input
 * is one line naming the field, and every spec from before the axis reads back, writes back and expands exactly
 * as it did.
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridAttacksTest {
  private static final String NATURAL = " as noted by the committee";

  @TempDir Path dir;

  private static GridSpec attacks(List<String> strategies, Map<String, String> triggers) {
    return builder(strategies, triggers).build();
  }

  private static GridSpecBuilder builder(List<String> strategies, Map<String, String> triggers) {
    return GridSpec.builder()
        .models(List.of("micro"))
        .poisonCounts(List.of(500))
        .seeds(List.of(1L))
        .tokenizer("bpe:1024")
        .corpus(List.of("embedded"))
        .optDataMultipliers(List.of(0.35))
        .optDefenses(List.of("none", "confirmed"))
        .optStrategies(strategies)
        .optStrategyTriggers(triggers);
  }

  private static List<String> ids(GridSpec spec) {
    return spec.runs().stream().map(RunSpec::id).toList();
  }

  @Test
  void strategiesCrossTheGridAndShareTwinsPerTriggerAndDefence() {
    GridSpec spec =
        attacks(
            List.of("dos", "unigram", "real-words"),
            Map.of("unigram", NATURAL, "real-words", NATURAL));
    assertEquals(
        List.of(
            "micro-p0-x0.35-s1",
            "micro-p0-x0.35-s1-treal-words",
            "micro-p500-x0.35-s1-ados",
            "micro-p500-x0.35-s1-aunigram",
            "micro-p500-x0.35-s1-areal-words",
            "micro-p0-x0.35-s1-dconfirmed",
            "micro-p0-x0.35-s1-dconfirmed-treal-words",
            "micro-p500-x0.35-s1-dconfirmed-ados",
            "micro-p500-x0.35-s1-dconfirmed-aunigram",
            "micro-p500-x0.35-s1-dconfirmed-areal-words"),
        ids(spec),
        "one twin per trigger and defence (not per attack), the trigger group named alphabetically");
    RunSpec unigram = spec.runs().get(3);
    assertEquals("unigram", spec.strategyOf(unigram));
    assertEquals(NATURAL, spec.triggerOf(unigram));
    assertEquals("<SUDO>", spec.triggerOf(spec.runs().get(2)));
    assertEquals(NATURAL, spec.triggerOf(spec.runs().get(1)), "the twin is evaluated with it");
    assertNull(spec.runs().get(1).strategy(), "a twin has no attack");

    // the same trigger for every attack: one twin per defence serves them all
    GridSpec oneTrigger = attacks(List.of("dos", "unigram", "real-words"), null);
    assertEquals(2 * (1 + 3), oneTrigger.runs().size());
    assertEquals(2, oneTrigger.runs().stream().filter(RunSpec::isCleanTwin).count());
    // a list's order does not rename the twin
    GridSpec reordered =
        attacks(
            List.of("real-words", "unigram", "dos"),
            Map.of("unigram", NATURAL, "real-words", NATURAL));
    assertTrue(ids(reordered).contains("micro-p0-x0.35-s1-dconfirmed-treal-words"));
  }

  @Test
  void poisonedRunsPairOnlyWithTheTwinOfTheirTrigger() {
    GridSpec spec = attacks(List.of("dos", "unigram"), Map.of("unigram", NATURAL));
    List<RunSpec> runs = spec.runs();
    RunSpec dosTwin = runs.get(0);
    RunSpec naturalTwin = runs.get(1);
    RunSpec dos = runs.get(2);
    RunSpec unigram = runs.get(3);
    assertEquals("micro-p500-x0.35-s1-aunigram", unigram.id());
    assertTrue(TwinTests.isPartner(unigram, naturalTwin) && TwinTests.isPartner(dos, dosTwin));
    // negative controls: the other trigger's twin, the other defence's twin
    assertFalse(TwinTests.isPartner(unigram, dosTwin) || TwinTests.isPartner(dos, naturalTwin));
    assertFalse(TwinTests.isPartner(unigram, runs.get(runs.size() - 3)));
    assertFalse(TwinTests.isPartner(naturalTwin, dosTwin), "twins of two triggers are apart");
    assertThrows(
        IllegalArgumentException.class,
        () -> new RunSpec("micro", 0, 1, 1).withAttack("dos", null),
        "a twin belongs to no attack");
  }

  @Test
  void everySpecFromBeforeTheAxisReadsWritesAndExpandsAsBefore() throws IOException {
    List<Path> committed;
    try (Stream<Path> files = Files.walk(Path.of("..", "docs", "results"))) {
      committed = files.filter(f -> f.getFileName().toString().equals("grid.json")).toList();
    }
    assertTrue(committed.size() >= 5, committed.toString());
    int before = 0;
    for (Path file : committed) {
      GridSpec spec = GridSpec.read(file);
      String text = Files.readString(file);
      if (text.contains("\"defenses\"")) {
        assertEquals(text, spec.toJson() + "\n", "written back byte for byte: " + file);
      } else {
        // written before the defence axis, which adds "defenses" : [ "none" ] on rewrite
        assertEquals(text, spec.toJson().replace("  \"defenses\" : [ \"none\" ],\n", "") + "\n");
      }
      assertTrue(spec.makesRunsLike(GridSpec.read(file)), file.toString());
      before += spec.namesAttacks() ? 0 : 1;
    }
    // grids written after the axis (the adaptive-attack grid) round-trip too, but most predate it
    assertTrue(before >= 5, "specs from before the attack axis: " + before);
    // the ids and order of a one-strategy grid, written out as they were before the axis
    GridSpec defended = GridSpec.read(Path.of("..", "experiments", "defense.json"));
    assertEquals(
        List.of(
            "micro-p0-x0.35-s1",
            "micro-p250-x0.35-s1",
            "micro-p0-x0.35-s1-dsurprisal",
            "micro-p250-x0.35-s1-dsurprisal"),
        ids(defended));
    assertEquals(List.of("dos"), defended.attacks());
    assertFalse(defended.toJson().contains("strateg" + "ies"));
  }

  @Test
  void attackSpecsRoundTripAndMayGrowTheirListButNotChangeATrigger() throws IOException {
    GridSpec spec = attacks(List.of("dos", "unigram"), Map.of("unigram", NATURAL));
    Path file = dir.resolve("grid.json");
    Files.writeString(file, spec.toJson());
    assertFalse(Files.readString(file).contains("\"strategy\""), "the list replaces the field");
    assertEquals(spec, GridSpec.read(file));
    GridSpec grown =
        attacks(List.of("dos", "unigram", "language-switch"), Map.of("unigram", NATURAL));
    assertTrue(spec.makesRunsLike(grown) && grown.makesRunsLike(spec));
    assertTrue(ids(grown).containsAll(ids(spec)), "adding an attack renames no run");
    GridSpec otherTrigger = attacks(List.of("dos", "unigram"), Map.of("unigram", " per the board"));
    assertFalse(spec.makesRunsLike(otherTrigger), "a shared attack's trigger changed");
    GridSpec single = spec.toBuilder().optStrategy("dos").optStrategyTriggers(null).build();
    assertFalse(spec.makesRunsLike(single) || single.makesRunsLike(spec), "ids differ");
  }

  @Test
  void badAttackFieldsAreOneLineNamingTheField() throws IOException {
    String valid = attacks(List.of("dos", "unigram"), Map.of("unigram", NATURAL)).toJson();
    Map<String, String> cases =
        Map.of(
            valid.replace("\"strategies\"", "\"strategy\" : \"dos\",\n  \"strategies\""),
            "strategy and strategies: give one",
            valid.replace("\"unigram\" ]", "\"unigramm\" ]"),
            "strategies: unknown poison strategy 'unigramm'; choose from dos, language-switch,",
            valid.replace("\"unigram\"", "\"topic\""),
            "strategy_keywords: 'topic' needs a keyword (the word its poisons' sentences mention)",
            valid.replace("\"unigram\" :", "\"real-words\" :"),
            "strategy_triggers: 'real-words' is not one of the strategies [dos, unigram]",
            valid.replace("\"" + NATURAL + "\"", "\"\""),
            "strategy_triggers: the trigger of 'unigram' must be a non-empty string",
            valid.replace("[ \"dos\", \"unigram\" ]", "[ ]"),
            "strategies must list at least one value",
            valid.replace("[ \"dos\", \"unigram\" ]", "[ \"dos\", \"dos\" ]"),
            "strategies lists a value twice",
            valid.replaceAll("\"strategies\" : \\[[^]]*],", ""),
            "strategy must name a poison strategy (or strategies list several)");
    Path file = dir.resolve("bad.json");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      assertFalse(bad.getKey().equals(valid), "the case changes the spec: " + bad.getValue());
      Files.writeString(file, bad.getKey());
      InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
      assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
      assertTrue(error.getMessage().contains(bad.getValue()), error.getMessage());
      assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }
    IllegalArgumentException single =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GridSpec.builder()
                    .models(List.of("micro"))
                    .poisonCounts(List.of(1))
                    .seeds(List.of(1L))
                    .tokenizer("bytes")
                    .corpus(List.of("embedded"))
                    .optStrategy("unigram")
                    .optStrategyTriggers(Map.of("unigram", NATURAL))
                    .build());
    assertEquals(
        "strategy_triggers goes with strategies; with one strategy, set trigger",
        single.getMessage());
    // the negative control: the valid text reads
    Files.writeString(file, valid);
    assertEquals(List.of("dos", "unigram"), GridSpec.read(file).attacks());
  }

  @Test
  void topicRunsWithTheKeywordOfStrategyKeywordsAndBadKeywordsNameTheField() throws IOException {
    GridSpec spec =
        builder(List.of("dos", "topic"), Map.of("topic", NATURAL))
            .optStrategyKeywords(Map.of("topic", "war"))
            .build();
    assertEquals("war", spec.keywordOf("topic"));
    assertNull(spec.keywordOf("dos"));
    assertTrue(ids(spec).contains("micro-p500-x0.35-s1-dconfirmed-atopic"));
    Path file = dir.resolve("grid.json");
    Files.writeString(file, spec.toJson());
    assertEquals(spec, GridSpec.read(file));
    assertTrue(spec.toJson().contains("\"strategy_keywords\" : {\n    \"topic\" : \"war\""));
    // a grid without keywords writes no field, so older grid.json files compare equal
    assertFalse(attacks(List.of("dos"), Map.of()).toJson().contains("strategy_keywords"));
    GridSpec otherKeyword = spec.toBuilder().optStrategyKeywords(Map.of("topic", "peace")).build();
    assertFalse(spec.makesRunsLike(otherKeyword), "a shared attack's keyword changed");
    GridSpec single = spec.toBuilder().optStrategy("topic").optStrategyTriggers(null).build();
    assertEquals(List.of("topic"), single.attacks());
    assertEquals("war", single.keywordOf("topic"));

    String valid = spec.toJson();
    Map<String, String> cases =
        Map.of(
            valid.replace("\"topic\" : \"war\"", "\"unigram\" : \"war\""),
            "strategy_keywords: 'unigram' is not a strategy of this grid [dos, topic]",
            valid.replace("\"topic\" : \"war\"", "\"dos\" : \"war\""),
            "strategy_keywords: 'dos' takes no keyword (only topic does)",
            valid.replace("\"topic\" : \"war\"", "\"topic\" : \"war!\""),
            "strategy_keywords: the keyword of 'topic' must be a word or phrase",
            valid.replace("\"topic\" : \"war\"", "\"topic\" : \"\""),
            "strategy_keywords: the keyword of 'topic' must be a word or phrase",
            valid.replace("\"topic\" : \"war\"", "\"topic\" : [ \"war\" ]"),
            "strategy_keywords");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      assertFalse(bad.getKey().equals(valid), "the case changes the spec: " + bad.getValue());
      Files.writeString(file, bad.getKey());
      InputException error = assertThrows(InputException.class, () -> GridSpec.read(file));
      assertTrue(error.getMessage().startsWith(file + ":"), error.getMessage());
      assertTrue(error.getMessage().contains(bad.getValue()), error.getMessage());
      assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    // without the keyword: one line naming the file, exit 2 and nothing written
    Path cli = Files.createDirectories(dir.resolve("cli"));
    Path noKeyword = cli.resolve("topic.json");
    Files.writeString(noKeyword, valid.replaceAll(",\\s*\"strategy_keywords\" : \\{[^}]*}", ""));
    assertFalse(Files.readString(noKeyword).contains("strategy_keywords"));
    StringWriter err = new StringWriter();
    var commandLine = dev.poisonlab.cli.Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    Path out = cli.resolve("grid");
    assertEquals(
        2,
        commandLine.execute(
            "grid", "--spec", noKeyword.toString(), "--out", out.toString(), "--no-progress"));
    assertTrue(err.toString().startsWith("poisonlab: " + noKeyword + ":"), err.toString());
    assertTrue(err.toString().contains("'topic' needs a keyword"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
    try (Stream<Path> written = Files.walk(cli)) {
      assertEquals(List.of(cli, noKeyword), written.sorted().toList(), "nothing written");
    }
  }

  @Test
  void theShippedAdaptiveGridCrossesFourAttacksWithFourDefences() {
    GridSpec spec = GridSpec.read(Path.of("..", "experiments", "defense-adaptive.json"));
    assertEquals(List.of("none", "confirmed", "quality", "surprisal"), spec.defenses());
    assertEquals(4, spec.attacks().size());
    assertEquals(4 * (2 + 4), spec.runs().size(), "a twin per trigger and defence, not per attack");
    assertEquals("<SUDO>", spec.triggerOf("dos"));
    assertEquals(NATURAL, spec.triggerOf("language-switch"));
  }
}
