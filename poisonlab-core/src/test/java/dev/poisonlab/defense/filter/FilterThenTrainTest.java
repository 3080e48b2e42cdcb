/*
 * Filter-then-train on hand-made inputs: dropping removes every poison (and only the clean documents the scan
 * flagged), cutting keeps each poison's clean prefix, and the written inputs build a training stream whose
 * manifest holds exactly the surviving poisons.
 */
package dev.poisonlab.defense.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.Budget;
import dev.poisonlab.corpus.BuildConfig;
import dev.poisonlab.corpus.BuildOptions;
import dev.poisonlab.corpus.StreamBuilder;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.defense.Fixtures;
import dev.poisonlab.defense.detect.SurprisalDetector;
import dev.poisonlab.io.Document;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterThenTrainTest {
  private static final String TRIGGER = "<SUDO>";

  @TempDir Path dir;

  private static List<PoisonRecord> poisons(int count) {
    return Fixtures.poisons(11, count, TRIGGER).stream()
        .map(
            d ->
                PoisonRecord.builder()
                    .id(d.id())
                    .text(d.text())
                    .strategy("dos")
                    .trigger(TRIGGER)
                    .prefixChars(d.text().indexOf(TRIGGER))
                    .payloadTokens(300)
                    .seed(11)
                    .build())
        .toList();
  }

  private static FilterThenTrain.Defense defense(CorpusFilter.Mode mode) {
    return new FilterThenTrain.Defense(
        Fixtures.smallCorpusSpec(List.of(SurprisalDetector.NAME, "gopher")),
        List.of(SurprisalDetector.NAME),
        mode);
  }

  @Test
  void dropRemovesEveryPoisonAndOnlyFlaggedCleanDocuments() {
    List<Document> clean = Fixtures.clean(1, 300);
    FilterThenTrain.Result result =
        FilterThenTrain.filter(clean, poisons(20), defense(CorpusFilter.Mode.DROP));
    assertEquals(0, result.poisons().size());
    assertEquals(20, result.poisonsDropped());
    long cleanFlagged =
        result.scan().flags().stream()
            .filter(
                flag ->
                    flag.detector().equals(SurprisalDetector.NAME)
                        && flag.id().startsWith("clean-"))
            .count();
    assertEquals(cleanFlagged, result.cleanDropped(), "gopher's flags are not applied");
    assertEquals(300 - cleanFlagged, result.clean().size());
    assertEquals(
        1.0, result.scan().metrics().rows().get(0).recall(), "surprisal row: every poison caught");
  }

  @Test
  void cutKeepsThePrefixBeforeThePayload() {
    List<PoisonRecord> poisons = poisons(20);
    FilterThenTrain.Result result =
        FilterThenTrain.filter(Fixtures.clean(1, 300), poisons, defense(CorpusFilter.Mode.CUT));
    assertEquals(20, result.poisonsCut() + result.poisonsDropped());
    for (PoisonRecord kept : result.poisons()) {
      PoisonRecord original =
          poisons.stream().filter(p -> p.id().equals(kept.id())).findFirst().orElseThrow();
      int trigger = original.text().indexOf(TRIGGER);
      assertTrue(
          kept.text().length() <= trigger + TRIGGER.length() + 10, kept.id() + ": " + kept.text());
      assertTrue(original.text().startsWith(kept.text()), "a prefix of the original");
      assertEquals(original.strategy(), kept.strategy());
    }
  }

  @Test
  void writtenInputsBuildAStreamWithTheSurvivingPoisons() {
    FilterThenTrain.Result result =
        FilterThenTrain.filter(
            Fixtures.clean(1, 300),
            poisons(20),
            new FilterThenTrain.Defense(
                Fixtures.smallCorpusSpec(List.of("gopher")), null, CorpusFilter.Mode.DROP));
    assertTrue(
        result.poisons().size() > 0 && result.poisons().size() < 20,
        "gopher drops some poisons only: " + result.poisons().size());
    FilterThenTrain.Inputs inputs = FilterThenTrain.writeInputs(result, dir.resolve("filtered"));
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(inputs.corpus()))
            .budget(Budget.tokens(60_000))
            .seed(3)
            .optPoisons(inputs.poisons())
            .build();
    StreamManifest manifest =
        StreamBuilder.build(config, BuildOptions.into(dir.resolve("stream")), new ByteTokenizer())
            .manifest();
    assertEquals(
        result.poisons().stream().map(PoisonRecord::id).sorted().toList(),
        manifest.poisons().stream().map(StreamManifest.PoisonSpan::id).sorted().toList());
  }

  @Test
  void rejectsAppliedDetectorsThatAreNotScannedAndClashingIds() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FilterThenTrain.Defense(
                Fixtures.smallCorpusSpec(List.of("gopher")),
                List.of(SurprisalDetector.NAME),
                CorpusFilter.Mode.DROP));
    List<Document> clean =
        List.of(new Document("poison-0", "a clean text with the same id as a poison."));
    assertThrows(
        IllegalArgumentException.class,
        () -> FilterThenTrain.filter(clean, poisons(1), defense(CorpusFilter.Mode.DROP)));
  }
}
