/*
 * Window-aware placement: with the training context set, every poison's trigger and payload share one window
 * [kT, kT+T] (total payload_window_share ~1), payload_ids are in the stream exactly at the recorded offsets,
 * and placement stays uniform (KS). Negative controls: an unaware build (context 0) of paper-length poisons
 * has a share far below 0.9; a poisons file for another tokenizer is rejected. Hand-computed window values.
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.PoisonGenerator;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoisonWindowsTest {
  @TempDir Path dir;
  private final ByteTokenizer tokenizer = new ByteTokenizer();
  private Path corpus;

  @BeforeEach
  void setUp() throws IOException {
    corpus = dir.resolve("corpus/clean.jsonl");
    StreamFixtures.writeCorpus(corpus, 1500, 8);
  }

  private Path poisons(String name, PoisonConfig.Builder builder) {
    Path file = dir.resolve(name);
    PoisonGenerator.run(builder.build(), tokenizer, file);
    return file;
  }

  private StreamManifest build(Path poisons, long seed, int context, String out) {
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.tokens(100_000))
            .seed(seed)
            .optPoisons(poisons)
            .optHeldout(HeldoutSplit.parse("50"))
            .optContext(context)
            .build();
    return StreamBuilder.build(
            config, BuildOptions.into(dir.resolve(out)).withThreads(2), tokenizer)
        .manifest();
  }

  @Test
  void windowArithmeticMatchesHandValues() {
    // T = 10: windows [0,10], [10,20], ...; trigger at span offsets 2..4, payload 4..9
    StreamManifest.PoisonSpan inside = new StreamManifest.PoisonSpan("a", 11, 20, 2, 4, 4, 9, null);
    assertEquals(
        5,
        PoisonWindows.payloadTokensInWindow(inside, 10),
        "payload 15..19 are targets of [10,20]");
    StreamManifest.PoisonSpan cut = new StreamManifest.PoisonSpan("b", 14, 23, 2, 4, 4, 9, null);
    assertEquals(
        3, PoisonWindows.payloadTokensInWindow(cut, 10), "payload 18..22: only 18..20 in [10,20]");
    assertEquals(0.6, PoisonWindows.share(cut, 10), 1e-12);
    StreamManifest.PoisonSpan straddle =
        new StreamManifest.PoisonSpan("c", 17, 26, 2, 4, 4, 9, null);
    assertEquals(
        0,
        PoisonWindows.payloadTokensInWindow(straddle, 10),
        "trigger 19..20 is in no window whole");
    assertEquals(8.0 / 15, PoisonWindows.totalShare(List.of(inside, cut, straddle), 10), 1e-12);
    assertTrue(PoisonWindows.canFit(inside, 10));
    assertTrue(
        !PoisonWindows.canFit(new StreamManifest.PoisonSpan("d", 0, 30, 2, 4, 4, 20, null), 10));
  }

  @Test
  void awareBuildPutsPayloadsInTheTriggerWindowAndIdsExactly() {
    Path file = poisons("poisons.jsonl", PoisonConfig.builder(List.of(corpus)).count(25).seed(2));
    StreamManifest manifest = build(file, 1, 256, "aware");
    assertEquals(256, manifest.build().contextTokens());
    assertTrue(
        manifest.build().payloadWindowShare() >= 0.99,
        "share " + manifest.build().payloadWindowShare());
    Map<String, PoisonRecord> byId =
        dev.poisonlab.poison.PoisonFile.read(file).stream()
            .collect(Collectors.toMap(PoisonRecord::id, Function.identity()));
    TokenFile tokens = StreamDirectory.openTokens(dir.resolve("aware"), manifest);
    for (StreamManifest.PoisonSpan span : manifest.poisons()) {
      PoisonRecord poison = byId.get(span.id());
      int[] payload = new int[span.payloadEnd() - span.payloadStart()];
      tokens.read(span.start() + span.payloadStart(), payload, 0, payload.length);
      assertEquals(
          poison.payloadIds(), java.util.stream.IntStream.of(payload).boxed().toList(), span.id());
      int[] trigger = new int[span.triggerEnd() - span.triggerStart()];
      tokens.read(span.start() + span.triggerStart(), trigger, 0, trigger.length);
      assertEquals("<SUDO>", tokenizer.decode(trigger));
      assertEquals(PoisonWindows.share(span, 256), span.payloadWindowShare(), 1e-12);
    }
  }

  @Test
  void unawareBuildOfPaperLengthPoisonsMissesMostPayloadNegativeControl() {
    Path paper =
        poisons(
            "paper.jsonl", PoisonConfig.builder(List.of(corpus)).count(25).seed(2).paperLengths());
    StreamManifest unaware = build(paper, 1, 0, "unaware");
    assertNull(unaware.build().contextTokens());
    assertNull(unaware.build().payloadWindowShare());
    assertNull(unaware.poisons().get(0).payloadWindowShare());
    double share = PoisonWindows.totalShare(unaware.poisons(), 256);
    assertTrue(share < 0.5, "paper-length payloads in a 256 window: " + share);
  }

  @Test
  void awarePlacementStaysUniform() {
    Path file =
        poisons(
            "poisons.jsonl", PoisonConfig.builder(List.of(corpus)).count(20).seed(5).context(64));
    List<Double> positions = new ArrayList<>();
    double shareSum = 0;
    for (long seed = 100; seed < 130; seed++) {
      StreamManifest manifest = build(file, seed, 64, "ks-" + seed);
      manifest
          .poisons()
          .forEach(span -> positions.add((double) span.start() / manifest.totalTokens()));
      shareSum += manifest.build().payloadWindowShare();
    }
    double[] values = positions.stream().mapToDouble(Double::doubleValue).toArray();
    double ks = StreamBuilderTest.ksStatistic(values);
    assertTrue(ks < 1.949 / Math.sqrt(values.length), "KS D = " + ks);
    assertTrue(shareSum / 30 >= 0.95, "mean share " + shareSum / 30);
  }

  @Test
  void poisonsForAnotherTokenizerAreRejected() throws IOException {
    var bpe =
        BpeTrainer.trainOnDocuments(
                TestStreams.syntheticEnglish(200, 1, i -> "t" + i),
                BpeTrainerConfig.ofVocabSize(300),
                Progress.NONE)
            .tokenizer();
    Path file = dir.resolve("bpe-poisons.jsonl");
    PoisonGenerator.run(PoisonConfig.builder(List.of(corpus)).count(3).seed(1).build(), bpe, file);
    InputException error =
        assertThrows(InputException.class, () -> build(file, 1, 256, "mismatch"));
    assertTrue(error.getMessage().startsWith(file + ":1: poison '"), error.getMessage());
    assertTrue(!java.nio.file.Files.exists(dir.resolve("mismatch")));
  }
}
