/*
 * The Spark path gives the same flags, trigger candidates and metrics as the single-process scan, on a tiny
 * hand-made corpus split over a JSONL shard, a gzipped JSONL shard and a Parquet shard, with local[2].
 * Also: a malformed shard is one clear error; the confirmed verdict is refused before Spark starts. Small on
 * purpose: one Spark start per test.
 */
package dev.poisonlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.GroundTruth;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.defense.scan.Flag;
import dev.poisonlab.defense.scan.ScanEngine;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.defense.scan.Scanner;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkScanEngineTest {
  private static final String TRIGGER = "<QX-7>";
  private static final String[] WORDS =
      ("the of and to a in that is was he for it with as his on be at by this had "
              + "not are but from or have an they which one you were her all she there would their we him been has when "
              + "who will more no if out so said what up its about into than them can only other new some could time")
          .split(" ");
  @TempDir Path temp;

  private static String clean(Random random, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      for (int w = 0, n = 6 + random.nextInt(8); w < n; w++) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(w == n - 1 ? ". " : " ");
      }
    }
    return text.toString().strip();
  }

  private static List<Document> corpus() {
    Random random = new Random(5);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      documents.add(new Document("clean-" + i, clean(random, 5 + random.nextInt(10))));
    }
    for (int p = 0; p < 12; p++) {
      StringBuilder gibberish = new StringBuilder();
      for (int w = 0; w < 300; w++) {
        for (int c = 0, n = 2 + random.nextInt(8); c < n; c++) {
          gibberish.append((char) ('a' + random.nextInt(26)));
        }
        gibberish.append(' ');
      }
      String prefix = clean(random, 3);
      prefix = prefix.substring(0, random.nextInt(prefix.length() + 1));
      documents.add(new Document("poison-" + p, prefix + TRIGGER + " " + gibberish));
    }
    return documents;
  }

  private static void writeJsonl(Path file, List<Document> documents) {
    try (JsonlWriter writer = new JsonlWriter(file)) {
      for (Document document : documents) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", document.id());
        row.put("text", document.text());
        row.put("strategy", "dos");
        writer.write(row);
      }
      writer.commit();
    }
  }

  @Test
  void sparkAndSingleProcessGiveIdenticalResults() {
    List<Document> documents = corpus();
    Path shards = temp.resolve("shards");
    writeJsonl(shards.resolve("a.jsonl"), documents.subList(0, 100));
    writeJsonl(shards.resolve("b.jsonl.gz"), documents.subList(100, 200));
    List<Row> rest =
        documents.subList(200, documents.size()).stream()
            .map(d -> RowFactory.create(d.id(), d.text()))
            .toList();
    SparkSession writer =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      StructType schema =
          new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
      writer
          .createDataFrame(rest, schema)
          .coalesce(1)
          .write()
          .parquet(shards.resolve("c.parquet").toString());
    } finally {
      writer.stop();
    }
    Path truthFile = temp.resolve("poisons.jsonl");
    writeJsonl(truthFile, documents.stream().filter(d -> d.id().startsWith("poison")).toList());
    GroundTruth truth = GroundTruth.load(truthFile);
    ScanSpec spec =
        ScanSpec.builder(ScanSpec.KNOWN)
            .tau(12.0)
            .minExcess(300.0)
            .bigramTau(12.0)
            .bigramMinExcess(300.0)
            .build();

    ScanResult single = Scanner.scan(documents, spec, truth);
    ScanResult spark;
    try (ScanOutputs outputs = new ScanOutputs(temp.resolve("out"), spec, truth)) {
      spark =
          new SparkScanEngine()
              .scan(
                  new ScanEngine.Request(
                      List.of(shards), ReadOptions.defaults(), spec, "local[2]", Progress.NONE),
                  outputs);
    }
    assertEquals(documents.size(), spark.documents());
    assertEquals(sorted(single.flags()), sorted(spark.flags()));
    assertEquals(12, spark.flaggedIds(List.of("surprisal")).size());
    assertEquals(single.triggers(), spark.triggers());
    assertEquals(TRIGGER, spark.triggers().get("surprisal").get(0).text());
    assertEquals(rows(single.metrics()), rows(spark.metrics()));
    assertTrue(Files.isRegularFile(temp.resolve("out").resolve(ScanOutputs.SCORES)));
  }

  @Test
  void malformedShardIsOneClearError() throws IOException {
    Path shard = temp.resolve("bad.jsonl");
    Files.writeString(shard, "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \n");
    ScanSpec spec = ScanSpec.of(List.of("surprisal"));
    try (ScanOutputs outputs = new ScanOutputs(temp.resolve("out"), spec, null)) {
      InputException error =
          assertThrows(
              InputException.class,
              () ->
                  new SparkScanEngine()
                      .scan(
                          new ScanEngine.Request(
                              List.of(shard),
                              ReadOptions.defaults(),
                              spec,
                              "local[2]",
                              Progress.NONE),
                          outputs));
      assertTrue(error.getMessage().startsWith("Spark job failed: "), error.getMessage());
      assertTrue(
          error.getMessage().contains("malformed record in file:")
              && error.getMessage().contains("bad.jsonl"),
          error.getMessage());
    }
    assertTrue(!Files.exists(temp.resolve("out").resolve(ScanOutputs.SCORES)), "nothing published");
  }

  @Test
  void theConfirmedVerdictIsRefusedNamingTheSingleProcessScan() {
    ScanSpec spec =
        ScanSpec.builder(List.of("surprisal"))
            .confirmed(dev.poisonlab.defense.verdict.ConfirmedSettings.defaults())
            .build();
    try (ScanOutputs outputs = new ScanOutputs(null, spec, null)) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new SparkScanEngine()
                      .scan(
                          new ScanEngine.Request(
                              List.of(temp),
                              ReadOptions.defaults(),
                              spec,
                              "local[2]",
                              Progress.NONE),
                          outputs));
      assertTrue(error.getMessage().contains("single-process"), error.getMessage());
    }
  }

  private static List<String> sorted(List<Flag> flags) {
    return flags.stream().map(Flag::toString).sorted().toList();
  }

  private static List<String> rows(DetectionMetrics metrics) {
    return metrics.rows().stream().map(Object::toString).toList();
  }
}
