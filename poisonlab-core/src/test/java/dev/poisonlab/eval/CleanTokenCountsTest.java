/*
 * Clean token counts and the trigger table on a hand-written stream: poison spans are excluded (a token that
 * occurs only inside poisons counts 0), the cache is reused while it matches and recounted when it does not,
 * and a run without a reachable stream gets null counts with a reason.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TestStreams;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanTokenCountsTest {
  @TempDir Path dir;
  private final ByteTokenizer tokenizer = new ByteTokenizer();

  /**
   * Clean "SUDO SUDO" around one poison "<SUDO>" + gibberish: '<' and '>' occur only in the poison.
   */
  private Path stream(Path directory) throws Exception {
    Files.createDirectories(directory);
    List<Integer> ids = new ArrayList<>();
    for (int id : tokenizer.encode("SUDO ")) {
      ids.add(id);
    }
    long start = ids.size();
    for (int id : tokenizer.encode("<SUDO>zq")) {
      ids.add(id);
    }
    long end = ids.size();
    for (int id : tokenizer.encode("SUDO")) {
      ids.add(id);
    }
    return TestStreams.write(
        directory,
        tokenizer,
        true,
        ids,
        List.of(new StreamManifest.PoisonSpan("p0", start, end)),
        1,
        null);
  }

  @Test
  void countsLeaveThePoisonSpansOut() throws Exception {
    Path stream = stream(dir.resolve("stream"));
    CleanTokenCounts.Counts counts = CleanTokenCounts.load(stream, dir.resolve("eval"));
    assertEquals(9, counts.cleanTokens(), "\"SUDO \" + \"SUDO\"");
    assertEquals(2, counts.counts()['S']);
    assertEquals(1, counts.counts()[' ']);
    assertEquals(0, counts.counts()['<'], "'<' occurs only inside the poison");
    assertEquals(0, counts.counts()['z']);
    assertTrue(Files.isRegularFile(dir.resolve("eval").resolve(CleanTokenCounts.CACHE_FILE)));
  }

  @Test
  void cacheIsReusedWhileItMatchesAndRecountedWhenNot() throws Exception {
    Path stream = stream(dir.resolve("stream"));
    Path cache = dir.resolve("eval").resolve(CleanTokenCounts.CACHE_FILE);
    CleanTokenCounts.load(stream, dir.resolve("eval"));
    // a cache naming the same stream but holding other counts is returned as is: it is not
    // recounted
    Files.writeString(
        cache, Files.readString(cache).replace("\"clean_tokens\":9", "\"clean_tokens\":1234"));
    assertEquals(1234, CleanTokenCounts.load(stream, dir.resolve("eval")).cleanTokens());
    // one that describes a different stream size is replaced
    Files.writeString(
        cache, Files.readString(cache).replaceFirst("\"total_tokens\":\\d+", "\"total_tokens\":3"));
    assertEquals(9, CleanTokenCounts.load(stream, dir.resolve("eval")).cleanTokens());
    Files.writeString(cache, "{ damaged");
    assertEquals(9, CleanTokenCounts.load(stream, dir.resolve("eval")).cleanTokens());
  }

  @Test
  void triggerTableHasTokensCountsAndShares() throws Exception {
    Path stream = stream(dir.resolve("stream"));
    EvalSettings settings = EvalSettings.defaults();
    TriggerTokens.Table table =
        TriggerTokens.of(tokenizer, settings, TrainingStream.at(stream), dir);
    assertEquals(9L, table.cleanTokens());
    assertNull(table.countsUnavailable());
    assertEquals(5, table.suffixes().size(), "the trigger and four default controls");
    TriggerTokens.Entry trigger = table.suffixes().get(0);
    assertEquals("trigger", trigger.role());
    assertEquals(List.of("<", "S", "U", "D", "O", ">"), trigger.tokens());
    assertEquals(List.of(0L, 2L, 2L, 2L, 2L, 0L), trigger.cleanCounts());
    assertEquals(2.0 / 9, trigger.cleanShares().get(1), 1e-15);
    TriggerTokens.Entry bare = table.suffixes().get(3);
    assertEquals("SUDO", bare.text());
    assertTrue(bare.cleanCounts().stream().allMatch(count -> count == 2), bare.toString());
    assertNotEquals(trigger.cleanCounts(), bare.cleanCounts());
  }

  @Test
  void unreachableStreamLeavesCountsNullWithAReason() {
    TriggerTokens.Table table =
        TriggerTokens.of(
            tokenizer,
            EvalSettings.defaults(),
            TrainingStream.unavailable("trained elsewhere"),
            dir);
    assertEquals("trained elsewhere", table.countsUnavailable());
    assertNull(table.cleanTokens());
    assertNull(table.suffixes().get(0).cleanCounts());
    TriggerTokens.Table broken =
        TriggerTokens.of(
            tokenizer, EvalSettings.defaults(), TrainingStream.at(dir.resolve("missing")), dir);
    assertTrue(
        broken.countsUnavailable().startsWith("cannot count the training stream"),
        broken.countsUnavailable());
  }
}
