/*
 * BuildConfig's builder: the defaults it fills in, the settings it requires, and toBuilder() as an exact copy.
 * Not the build itself (StreamBuilderTest) and not the options of a run (BuildOptions).
 */
package dev.poisonlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildConfigTest {
  private static final List<Path> CORPUS = List.of(Path.of("clean.jsonl"));

  @Test
  void builderFillsTheDocumentedDefaults() {
    BuildConfig config =
        BuildConfig.builder().corpus(CORPUS).budget(Budget.tokens(1_000)).seed(7).build();
    assertEquals(
        new BuildConfig(
            CORPUS,
            ReadOptions.defaults(),
            null,
            Budget.tokens(1_000),
            7,
            HeldoutSplit.DEFAULT,
            Placement.uniform(),
            Set.of(),
            null,
            BuildConfig.DEFAULT_PARQUET_SHARD_TOKENS,
            Set.of(),
            0),
        config);
  }

  @Test
  void toBuilderCopiesEverySetting() {
    BuildConfig config =
        BuildConfig.builder()
            .corpus(CORPUS)
            .budget(Budget.chinchilla(10_000, 20, 2))
            .seed(3)
            .optReadOptions(new ReadOptions("body", true))
            .optPoisons(Path.of("p.jsonl"))
            .optHeldout(HeldoutSplit.parse("10%"))
            .optPlacement(Placement.parse("batches:0.1", 2_000))
            .optFormats(Set.of(StreamFormat.MEGATRON))
            .optTokenizerFile(Path.of("tokenizer.json"))
            .optParquetShardTokens(99)
            .optDroppedIds(Set.of("a"))
            .optContext(128)
            .build();
    assertEquals(config, config.toBuilder().build());
    assertEquals(64, config.toBuilder().optContext(64).build().contextTokens());
  }

  @Test
  void requiredSettingsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BuildConfig.builder().budget(Budget.tokens(1)).seed(1).build());
    assertThrows(
        IllegalArgumentException.class, () -> BuildConfig.builder().corpus(CORPUS).seed(1).build());
    IllegalArgumentException noSeed =
        assertThrows(
            IllegalArgumentException.class,
            () -> BuildConfig.builder().corpus(CORPUS).budget(Budget.tokens(1)).build());
    assertTrue(noSeed.getMessage().startsWith("seed"), noSeed.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BuildConfig.builder()
                .corpus(CORPUS)
                .budget(Budget.tokens(1))
                .seed(1)
                .optContext(-1)
                .build());
  }

  @Test
  void optionsDefaultToOneSilentThreadAndCheckTheirValues() {
    BuildOptions options = BuildOptions.into(Path.of("out"));
    assertEquals(new BuildOptions(Path.of("out"), false, 1, Progress.NONE), options);
    assertTrue(options.withForce(true).force());
    assertEquals(4, options.withThreads(4).threads());
    assertThrows(IllegalArgumentException.class, () -> options.withThreads(0));
    assertThrows(IllegalArgumentException.class, () -> BuildOptions.into(null));
  }
}
