/*
 * The training stream holds exactly the poisons given, each whole and byte-exact at its recorded span, at
 * positions uniform over the stream (KS and chi-square over a fixed seed set, with a negative control that
 * must fail them); clean documents round-trip, held-out documents never enter it, and a seed fixes its bytes.
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.DirectoryLock;
import dev.poisonlab.io.InputException;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamBuilderTest {
  @TempDir Path dir;
  private final ByteTokenizer tokenizer = new ByteTokenizer();
  private Path corpus;
  private Map<String, String> documents;

  @BeforeEach
  void setUp() throws IOException {
    corpus = dir.resolve("corpus/clean.jsonl");
    documents = StreamFixtures.writeCorpus(corpus, 1500, 8);
  }

  private BuildConfig config(Path poisons, long tokens, long seed, Placement placement) {
    return BuildConfig.builder()
        .corpus(List.of(corpus))
        .budget(Budget.tokens(tokens))
        .seed(seed)
        .optPoisons(poisons)
        .optHeldout(HeldoutSplit.parse("50"))
        .optPlacement(placement)
        .build();
  }

  /** Builds into {@code out} with two tokenizer threads, not replacing it. */
  private StreamBuilder.Result build(BuildConfig config, Path out) {
    return StreamBuilder.build(config, BuildOptions.into(out).withThreads(2), tokenizer);
  }

  @Test
  void exactPoisonsWholeAtRecordedSpansAndCleanDocumentsRoundTrip() {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    List<PoisonRecord> poisons = StreamFixtures.writePoisons(poisonsFile, 25, 40);
    Path out = dir.resolve("stream");
    StreamBuilder.Result result = build(config(poisonsFile, 100_000, 1, null), out);

    StreamManifest manifest = StreamDirectory.readManifest(out);
    assertEquals(result.manifest(), manifest, "manifest.json round-trips");
    assertEquals(25, manifest.poisons().size());
    assertEquals(25, manifest.build().numPoisonDocs());
    assertEquals(100_000, manifest.totalTokens());
    TokenFile tokens = StreamDirectory.openTokens(out, manifest);
    assertEquals(100_000, tokens.length(), "the budget counts every token, poisons included");
    Map<String, String> poisonText = new HashMap<>();
    poisons.forEach(p -> poisonText.put(p.id(), p.text()));
    long spanTokens = 0;
    for (StreamManifest.PoisonSpan span : manifest.poisons()) {
      int[] ids = new int[(int) (span.end() - span.start())];
      tokens.read(span.start(), ids, 0, ids.length);
      assertEquals(poisonText.get(span.id()), tokenizer.decode(ids), span.id());
      assertEquals(
          ByteTokenizer.END_OF_TEXT, tokens.get(span.end()), "a poison ends with <|endoftext|>");
      assertTrue(
          span.start() == 0 || tokens.get(span.start() - 1) == ByteTokenizer.END_OF_TEXT,
          "a poison starts at a document boundary");
      spanTokens += ids.length;
    }
    assertEquals(manifest.totalTokens() - spanTokens, manifest.cleanTokens());
    assertEquals(
        25,
        new HashSet<>(manifest.poisons().stream().map(StreamManifest.PoisonSpan::id).toList())
            .size());

    // every stream document is a poison or a training document (the last one maybe cut at the
    // budget)
    Set<String> heldout = new HashSet<>(manifest.heldoutIds());
    Map<String, String> byText = new HashMap<>();
    documents.forEach((id, text) -> byText.put(text, id));
    List<String> streamDocuments = StreamFixtures.documents(out);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < streamDocuments.size(); i++) {
      String text = streamDocuments.get(i);
      if (poisonText.containsValue(text)) {
        continue;
      }
      String id = byText.get(text);
      if (i == streamDocuments.size() - 1 && id == null) {
        assertTrue(
            documents.values().stream().anyMatch(d -> d.startsWith(text)), "cut last document");
        continue;
      }
      assertTrue(id != null, "unknown document in stream: " + text);
      assertFalse(heldout.contains(id), "held-out document " + id + " is in the stream");
      seen.merge(id, 1, Integer::sum);
    }
    assertEquals(documents.size() - 50, seen.size(), "every training document appears");
    assertTrue(manifest.epochs() > 2 && manifest.epochs() < 3, "epochs " + manifest.epochs());
    assertTrue(
        seen.values().stream().allMatch(n -> n >= 2 && n <= 3),
        "each epoch is a full reshuffled pass");
    assertEquals(manifest.build().streamDocuments(), streamDocuments.size());
  }

  @Test
  void heldoutSplitIsSeededExcludesPoisonSourcesAndIsWritten() throws IOException {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 200, 10);
    Path out = dir.resolve("stream");
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.tokens(20_000))
            .seed(4)
            .optPoisons(poisonsFile)
            .optHeldout(HeldoutSplit.parse("10%"))
            .build();
    StreamManifest manifest = build(config, out).manifest();
    assertEquals(
        150, manifest.heldoutIds().size(), "10% of the 1,500 documents, none a poison source");
    assertTrue(
        manifest.heldoutIds().stream().allMatch(id -> Integer.parseInt(id.substring(2)) >= 200));
    List<String> lines = Files.readAllLines(out.resolve(StreamManifest.HELDOUT_FILE));
    assertEquals(150, lines.size());
    String first = manifest.heldoutIds().get(0);
    assertEquals(
        "{\"id\":\"" + first + "\",\"text\":\"" + documents.get(first) + "\"}", lines.get(0));
    assertEquals(HeldoutSplit.DEFAULT.resolve(1500), 30);
    assertEquals(500, HeldoutSplit.DEFAULT.resolve(1_000_000));
  }

  /**
   * A poisoned run and its twin (same seed, no poisons) hold out the same documents except the
   * poison sources, so their validation losses compare like with like. Drawing the sample from the
   * non-source documents alone (the first version) shared about a tenth of them.
   */
  @Test
  void poisonedRunAndTwinHoldOutTheSameDocumentsButThePoisonSources() throws IOException {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 200, 10);
    BuildConfig poisoned =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.tokens(20_000))
            .seed(4)
            .optPoisons(poisonsFile)
            .optHeldout(HeldoutSplit.parse("10%"))
            .build();
    BuildConfig twin =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.tokens(20_000))
            .seed(4)
            .optHeldout(HeldoutSplit.parse("10%"))
            .build();
    Set<String> withPoisons =
        new HashSet<>(build(poisoned, dir.resolve("poisoned")).manifest().heldoutIds());
    List<String> clean = build(twin, dir.resolve("twin")).manifest().heldoutIds();
    assertEquals(withPoisons.size(), clean.size());
    List<String> twinNonSources =
        clean.stream().filter(id -> Integer.parseInt(id.substring(2)) >= 200).toList();
    assertTrue(
        withPoisons.containsAll(twinNonSources),
        "every twin held-out document that is not a poison source");
    assertTrue(
        twinNonSources.size() >= 0.75 * clean.size(),
        twinNonSources.size() + " of " + clean.size());
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 10, 20);
    build(config(poisonsFile, 30_000, 5, null), dir.resolve("a"));
    build(config(poisonsFile, 30_000, 5, null), dir.resolve("b"));
    build(config(poisonsFile, 30_000, 6, null), dir.resolve("c"));
    for (String file :
        List.of(
            StreamManifest.TOKENS_FILE,
            StreamManifest.MANIFEST_FILE,
            StreamManifest.HELDOUT_FILE)) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(file)),
          Files.readAllBytes(dir.resolve("b").resolve(file)),
          file);
    }
    assertFalse(
        Arrays.equals(
            Files.readAllBytes(dir.resolve("a/tokens.bin")),
            Files.readAllBytes(dir.resolve("c/tokens.bin"))));
  }

  @Test
  void uniformPlacementIsUniformOverTokenOffsets() {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 20, 20);
    double[] uniform = positions(poisonsFile, Placement.uniform());
    assertEquals(1200, uniform.length);
    assertTrue(
        ksStatistic(uniform) < 1.949 / Math.sqrt(uniform.length), "KS D = " + ksStatistic(uniform));
    assertTrue(chiSquare(uniform, 20) < 43.82, "chi-square = " + chiSquare(uniform, 20));
    // negative control: packing the same poisons into 5% of batches must fail the same tests
    double[] packed = positions(poisonsFile, Placement.parse("batches:0.05", 2_000));
    assertTrue(
        ksStatistic(packed) > 1.949 / Math.sqrt(packed.length), "KS D = " + ksStatistic(packed));
    assertTrue(chiSquare(packed, 20) > 43.82);
  }

  /** Poison start offsets / total tokens, pooled over seeds 100..159. */
  private double[] positions(Path poisonsFile, Placement placement) {
    List<Double> positions = new ArrayList<>();
    for (long seed = 100; seed < 160; seed++) {
      Path out = dir.resolve("ks-" + placement.kind() + "-" + seed);
      StreamManifest manifest = build(config(poisonsFile, 60_000, seed, placement), out).manifest();
      manifest
          .poisons()
          .forEach(span -> positions.add((double) span.start() / manifest.totalTokens()));
    }
    return positions.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double ksStatistic(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double d = 0;
    for (int i = 0; i < sorted.length; i++) {
      d =
          Math.max(
              d,
              Math.max(
                  (i + 1.0) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
    }
    return d;
  }

  static double chiSquare(double[] values, int bins) {
    int[] counts = new int[bins];
    for (double v : values) {
      counts[Math.min(bins - 1, (int) (v * bins))]++;
    }
    double expected = (double) values.length / bins;
    return Arrays.stream(counts).mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
  }

  @Test
  void batchPlacementPacksPoisonsIntoTheChosenFractionOfBatches() {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 30, 20);
    Path out = dir.resolve("stream");
    StreamBuilder.Result result =
        build(config(poisonsFile, 100_000, 3, Placement.parse("batches:0.1", 2_000)), out);
    StreamManifest manifest = result.manifest();
    assertEquals("batches:0.1@2000", manifest.placement());
    assertEquals(0, result.windowMisses());
    Map<Long, Integer> perBatch = new HashMap<>();
    for (StreamManifest.PoisonSpan span : manifest.poisons()) {
      long batch = span.start() / 2_000;
      assertEquals(batch, (span.end()) / 2_000, "poison " + span.id() + " lies inside one batch");
      perBatch.merge(batch, 1, Integer::sum);
    }
    assertEquals(5, perBatch.size(), "round(0.1 x 50 batches) = 5 batches hold the poisons");
    assertTrue(perBatch.values().stream().allMatch(n -> n == 6), "evenly spread: " + perBatch);
    assertEquals(30, manifest.poisons().size());
  }

  @Test
  void budgetFromParamsAndEpochWarning() {
    assertEquals(10_000_000, Budget.chinchilla(1_000_000, 20, 0.5).totalTokens());
    assertEquals(40_000_000, Budget.chinchilla(1_000_000, 20, 2).totalTokens());
    assertThrows(IllegalArgumentException.class, () -> new Budget(1L, 20, 1, 5L));
    Path out = dir.resolve("stream");
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(corpus))
            .budget(Budget.chinchilla(10_000, 20, 1))
            .seed(1)
            .optHeldout(HeldoutSplit.parse("0"))
            .build();
    StreamBuilder.Result result = build(config, out);
    assertEquals(200_000, result.manifest().totalTokens());
    assertEquals(200_000, result.manifest().cleanTokens());
    assertEquals(20.0, result.manifest().build().tokensPerParam());
    assertTrue(result.manifest().epochs() > 4);
    assertEquals(1, result.warnings().size(), result.warnings().toString());
  }

  @Test
  void badInputFailsWithoutOutput() throws IOException {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 25, 40);
    Path out = dir.resolve("stream");
    assertThrows(
        IllegalArgumentException.class,
        () -> build(config(poisonsFile, 1_000, 1, null), out),
        "poisons exceed budget");
    Files.writeString(poisonsFile, "{\"id\":\"p\",\"text\":\"x\"}\nnot json\n");
    InputException error =
        assertThrows(InputException.class, () -> build(config(poisonsFile, 10_000, 1, null), out));
    assertEquals(2, error.line());
    Files.writeString(corpus, "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\"}\n");
    InputException corpusError =
        assertThrows(InputException.class, () -> build(config(null, 10_000, 1, null), out));
    assertTrue(corpusError.getMessage().startsWith(corpus + ":2:"), corpusError.getMessage());
    assertFalse(Files.exists(out));
    try (var left = Files.list(dir)) {
      assertTrue(
          left.noneMatch(p -> p.getFileName().toString().startsWith(".")),
          "no work directory left");
    }
  }

  /**
   * A second build of the same output while the first holds it fails at once and writes nothing.
   */
  @Test
  void aSecondBuildOfAnOutputInUseIsRefused() throws IOException {
    Path out = dir.resolve("locked/stream");
    try (DirectoryLock first = DirectoryLock.acquireBeside(out)) {
      InputException error =
          assertThrows(InputException.class, () -> build(config(null, 10_000, 1, null), out));
      assertTrue(
          error
              .getMessage()
              .startsWith(
                  out
                      + ": is being written by another poisonlab process ("
                      + DirectoryLock.OWNER
                      + ")"),
          error.getMessage());
      assertFalse(Files.exists(out));
    }
    build(config(null, 10_000, 1, null), out);
    try (var left = Files.list(dir.resolve("locked"))) {
      assertEquals(
          List.of(out), left.toList(), "no lock file or work directory left beside the stream");
    }
  }

  @Test
  void parquetWithoutTheSparkModuleFailsFirstWithHowToGetItAndWritesNothing() throws IOException {
    Path out = dir.resolve("out/stream");
    BuildConfig config =
        BuildConfig.builder()
            .corpus(List.of(dir.resolve("no-such-corpus.jsonl")))
            .budget(Budget.tokens(5_000))
            .seed(1)
            .optFormats(Set.of(StreamFormat.PARQUET, StreamFormat.MEGATRON))
            .build();
    InputException error = assertThrows(InputException.class, () -> build(config, out));
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "format parquet needs the Spark module on the classpath: run it as "
                    + "./poisonlab corpus build"),
        error.getMessage());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written, not even the parent directory");
    assertEquals(StreamFormat.PARQUET, StreamFormat.parse(" Parquet "));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BuildConfig.builder()
                .corpus(List.of(corpus))
                .budget(Budget.tokens(5_000))
                .seed(1)
                .optParquetShardTokens(0)
                .build());
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Path out = dir.resolve("stream");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "x");
    assertThrows(InputException.class, () -> build(config(null, 5_000, 1, null), out));
    assertTrue(Files.exists(out.resolve("keep.txt")));
    BuildConfig forced =
        BuildConfig.builder().corpus(List.of(corpus)).budget(Budget.tokens(5_000)).seed(1).build();
    StreamBuilder.build(forced, BuildOptions.into(out).withForce(true), tokenizer);
    assertFalse(Files.exists(out.resolve("keep.txt")));
    assertEquals(5_000, StreamDirectory.readManifest(out).totalTokens());
  }

  @Test
  void poisonsSeenMatchesCountingSpans() {
    Path poisonsFile = dir.resolve("poisons.jsonl");
    StreamFixtures.writePoisons(poisonsFile, 25, 40);
    Path out = dir.resolve("stream");
    StreamManifest manifest = build(config(poisonsFile, 50_000, 9, null), out).manifest();
    for (long offset = 0; offset <= 50_000; offset += 997) {
      long at = offset;
      long expected = manifest.poisons().stream().filter(s -> s.end() <= at).count();
      assertEquals(expected, manifest.poisonsBefore(offset));
    }
    assertEquals(25, manifest.poisonsBefore(50_000));
  }

  /** A killed build leaves .OUT.partial-N; the next build of OUT removes it, and only its own. */
  @Test
  void aBuildRemovesStaleWorkDirectoriesOfItsOwnOutputOnly() throws IOException {
    Path out = dir.resolve("stream");
    Path stale = dir.resolve(".stream.partial-8123456789");
    Path otherOutputs = dir.resolve(".stream.partial-x.partial-5");
    Path unrelated = dir.resolve(".other.partial-7");
    for (Path leftover : List.of(stale, otherOutputs, unrelated)) {
      Files.createDirectories(leftover);
      Files.write(leftover.resolve("tokens.bin"), new byte[] {1, 2});
    }
    build(config(null, 20_000, 1, null), out);
    assertTrue(Files.isRegularFile(out.resolve(StreamManifest.MANIFEST_FILE)));
    assertFalse(Files.exists(stale), "the stale work directory of this output is gone");
    assertTrue(
        Files.isDirectory(otherOutputs) && Files.isDirectory(unrelated), "other outputs' are kept");
    try (var left = Files.list(dir)) {
      assertEquals(
          List.of(),
          left.map(p -> p.getFileName().toString())
              .filter(
                  name ->
                      name.startsWith(".stream.partial-")
                          && !name.equals(otherOutputs.getFileName().toString()))
              .toList(),
          "no work directory of this build remains");
    }
  }
}
