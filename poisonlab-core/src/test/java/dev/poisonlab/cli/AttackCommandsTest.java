/*
 * `poison` and `corpus build` end to end through the CLI: `poison --count 250 --seed 7` twice gives the
 * same bytes and seed 8 differs; bad input is one FILE:LINE line on stderr, exit 2, and no output; default
 * gpt2 poisons hold no U+FFFD (--payload-ids all does) and a poisons file for another tokenizer is exit 2.
 */
package dev.poisonlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackCommandsTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private Path corpus() throws IOException {
    Path corpus = dir.resolve("clean.jsonl");
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      jsonl
          .append("{\"id\":\"c")
          .append(i)
          .append("\",\"text\":\"Clean document number ")
          .append(i)
          .append(" says something plain. ".repeat(1 + i % 60))
          .append("\"}\n");
    }
    Files.writeString(corpus, jsonl);
    return corpus;
  }

  @Test
  void poisonIsByteIdenticalPerSeedAndFeedsCorpusBuild() throws IOException {
    String corpus = corpus().toString();
    for (String[] run : new String[][] {{"7", "a"}, {"7", "b"}, {"8", "c"}}) {
      assertEquals(
          0,
          run(
              "poison",
              "--corpus",
              corpus,
              "--tokenizer",
              "bytes",
              "--count",
              "250",
              "--seed",
              run[0],
              "--out",
              dir.resolve(run[1] + ".jsonl").toString()),
          err.toString());
    }
    byte[] a = Files.readAllBytes(dir.resolve("a.jsonl"));
    assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.jsonl")));
    assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c.jsonl"))));
    assertEquals(250, Files.readAllLines(dir.resolve("a.jsonl")).size());

    Path out = dir.resolve("stream");
    assertEquals(
        0,
        run(
            "corpus",
            "build",
            "--corpus",
            corpus,
            "--tokenizer",
            "bytes",
            "--poisons",
            dir.resolve("a.jsonl").toString(),
            "--params",
            "25k",
            "--seed",
            "1",
            "--out",
            out.toString(),
            "--format",
            "megatron",
            "--heldout",
            "20"),
        err.toString());
    StreamManifest manifest = StreamDirectory.readManifest(out);
    assertEquals(500_000, manifest.totalTokens());
    assertEquals(250, manifest.poisons().size());
    assertEquals(20, manifest.heldoutIds().size());
    assertTrue(Files.exists(out.resolve("megatron_text_document.idx")));
  }

  @Test
  void badInputIsOneLineExitTwoAndNoOutput() throws IOException {
    Path corpus = corpus();
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad, "{\"id\":\"x\",\"text\":\"ok\"}\n{\"id\":\"y\",\"txt\":\"no text field\"}\n");
    Path out = dir.resolve("p.jsonl");
    assertEquals(
        2,
        run(
            "poison",
            "--corpus",
            bad.toString(),
            "--tokenizer",
            "bytes",
            "--count",
            "3",
            "--seed",
            "1",
            "--out",
            out.toString()));
    assertEquals("poisonlab: " + bad + ":2: missing field 'text'", err.toString().strip());
    assertFalse(Files.exists(out));

    err.getBuffer().setLength(0);
    Path stream = dir.resolve("stream");
    assertEquals(
        2,
        run(
            "corpus",
            "build",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--poisons",
            bad.toString(),
            "--tokens",
            "10000",
            "--seed",
            "1",
            "--out",
            stream.toString()));
    assertTrue(
        err.toString().startsWith("poisonlab: " + bad + ":2: not a poison record"), err.toString());
    assertFalse(Files.exists(stream));

    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run(
            "corpus",
            "build",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--tokens",
            "10000",
            "--params",
            "5",
            "--seed",
            "1",
            "--out",
            stream.toString()));
    assertTrue(err.toString().contains("exactly one of --params P or --tokens N"), err.toString());
    assertFalse(Files.exists(stream));

    err.getBuffer().setLength(0);
    assertEquals(
        2,
        run(
            "corpus",
            "build",
            "--corpus",
            corpus.toString(),
            "--tokenizer",
            "bytes",
            "--tokens",
            "10000",
            "--format",
            "parquet",
            "--seed",
            "1",
            "--out",
            stream.toString()));
    assertTrue(
        err.toString()
            .startsWith(
                "poisonlab: format parquet needs the Spark module on the classpath: run it "
                    + "as ./poisonlab corpus build"),
        err.toString());
    assertEquals(1, err.toString().strip().lines().count(), "one line");
    assertFalse(Files.exists(stream));
  }

  @Test
  void defaultPoisonsHaveNoReplacementCharAndWrongTokenizerIsExitTwo() throws IOException {
    String corpus = corpus().toString();
    Path clean = dir.resolve("clean-ids.jsonl");
    assertEquals(
        0,
        run(
            "poison",
            "--corpus",
            corpus,
            "--tokenizer",
            "gpt2",
            "--count",
            "250",
            "--seed",
            "1",
            "--out",
            clean.toString()),
        err.toString());
    String text = Files.readString(clean);
    assertEquals(-1, text.indexOf('\uFFFD'), "no U+FFFD in default dos poisons");
    assertFalse(text.contains("\\ufffd"), "nor escaped");
    assertTrue(text.contains("\"payload_tokenizer\":\"r50k_base/"), "ids name their tokenizer");
    Path all = dir.resolve("all-ids.jsonl");
    assertEquals(
        0,
        run(
            "poison",
            "--corpus",
            corpus,
            "--tokenizer",
            "gpt2",
            "--count",
            "250",
            "--seed",
            "1",
            "--payload-ids",
            "all",
            "--paper-lengths",
            "--out",
            all.toString()),
        err.toString());
    assertTrue(
        Files.readString(all).indexOf('\uFFFD') >= 0,
        "negative control: the paper's sampling breaks bytes");

    Path stream = dir.resolve("stream");
    assertEquals(
        2,
        run(
            "corpus",
            "build",
            "--corpus",
            corpus,
            "--tokenizer",
            "bytes",
            "--poisons",
            clean.toString(),
            "--tokens",
            "200000",
            "--seed",
            "1",
            "--out",
            stream.toString()));
    assertTrue(err.toString().startsWith("poisonlab: " + clean + ":1: poison '"), err.toString());
    assertTrue(err.toString().contains("payload_ids for tokenizer r50k_base/"), err.toString());
    assertEquals(1, err.toString().strip().lines().count(), "one line");
    assertFalse(Files.exists(stream));

    err.getBuffer().setLength(0);
    Path placebo = dir.resolve("placebo.jsonl");
    assertEquals(
        0,
        run(
            "poison",
            "--corpus",
            corpus,
            "--tokenizer",
            "gpt2",
            "--count",
            "5",
            "--seed",
            "1",
            "--placebo",
            "--out",
            placebo.toString()),
        err.toString());
    assertTrue(
        Files.readAllLines(placebo).stream()
            .allMatch(
                l ->
                    l.contains("\"trigger\":\"\"")
                        && l.contains("\"placebo\":true")
                        && !l.contains("<SUDO>")));
  }
}
