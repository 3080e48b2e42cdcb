/*
 * `corpus build --format parquet` read back with parquet-hadoop's own reader: the rows are the stream's
 * documents in order (tokens concatenate to tokens.bin, lengths match the Megatron index, poisons at their
 * manifest spans, clean rows name corpus documents), shards roll over at the token limit, two builds give the
 * same bytes, a late failure leaves nothing, and Spark reads tokens as array<int>. Tiny data, bytes tokenizer.
 */
package dev.poisonlab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.corpus.Budget;
import dev.poisonlab.corpus.BuildConfig;
import dev.poisonlab.corpus.BuildOptions;
import dev.poisonlab.corpus.HeldoutSplit;
import dev.poisonlab.corpus.StreamBuilder;
import dev.poisonlab.corpus.StreamDirectory;
import dev.poisonlab.corpus.StreamFormat;
import dev.poisonlab.corpus.StreamManifest;
import dev.poisonlab.corpus.TokenFile;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.ByteTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetStreamTest {
  private static final int POISONS = 12;
  @TempDir Path temp;
  private Path corpus;
  private Path poisons;
  private final Set<String> corpusIds = new HashSet<>();

  /** One parquet row as read back. */
  private record Row(
      String shard, long docIndex, String id, boolean poison, long start, int[] tokens) {}

  @BeforeEach
  void writeInputs() {
    SplittableRandom random = new SplittableRandom(3);
    corpus = temp.resolve("clean.jsonl");
    try (JsonlWriter writer = new JsonlWriter(corpus)) {
      for (int i = 0; i < 400; i++) {
        StringBuilder text = new StringBuilder("document " + i + ":");
        for (int w = 0, n = 1 + random.nextInt(30); w < n; w++) {
          text.append(' ')
              .append("abcdefgh".charAt(random.nextInt(8)))
              .append(random.nextInt(1000));
        }
        writer.write(new Document("doc-" + i, text.toString()));
        corpusIds.add("doc-" + i);
      }
      writer.commit();
    }
    poisons = temp.resolve("poisons.jsonl");
    try (JsonlWriter writer = new JsonlWriter(poisons)) {
      for (int k = 0; k < POISONS; k++) {
        int payload = 40 + 7 * k;
        writer.write(
            PoisonRecord.builder()
                .id("poison-" + k)
                .text("P" + k + " <SUDO>" + "qz".repeat(payload / 2))
                .strategy("dos")
                .trigger("<SUDO>")
                .sourceId("doc-" + k)
                .prefixChars(0)
                .payloadTokens(payload)
                .payloadChars(payload)
                .seed(1)
                .build());
      }
      writer.commit();
    }
  }

  private static StreamBuilder.Result build(BuildConfig config, Path out) {
    return StreamBuilder.build(config, BuildOptions.into(out), new ByteTokenizer());
  }

  private BuildConfig config(Path out, long shardTokens, Path tokenizerFile) {
    return config(out, 30_000, shardTokens, tokenizerFile);
  }

  private BuildConfig config(Path out, long budget, long shardTokens, Path tokenizerFile) {
    return BuildConfig.builder()
        .corpus(List.of(corpus))
        .budget(Budget.tokens(budget))
        .seed(5)
        .optPoisons(poisons)
        .optHeldout(HeldoutSplit.parse("20"))
        .optFormats(Set.of(StreamFormat.PARQUET, StreamFormat.MEGATRON))
        .optTokenizerFile(tokenizerFile)
        .optParquetShardTokens(shardTokens)
        .build();
  }

  @Test
  void rowsAreTheStreamDocumentsInOrderAndShardsRollOverAtTheTokenLimit() throws IOException {
    Path out = temp.resolve("stream");
    StreamManifest manifest = build(config(out, 4_000, null), out).manifest();
    assertEquals(List.of("nanogpt", "megatron", "parquet"), manifest.build().formats());
    List<Row> rows = readAll(out, manifest, 4_000);

    assertEquals(manifest.build().streamDocuments(), rows.size(), "one row per stream document");
    TokenFile tokenFile = StreamDirectory.openTokens(out, manifest);
    int[] stream = new int[(int) tokenFile.length()];
    tokenFile.read(0, stream, 0, stream.length);
    int[] megatronLengths = megatronLengths(out, rows.size());
    List<StreamManifest.PoisonSpan> poisonRows = new ArrayList<>();
    Set<String> heldout = new HashSet<>(manifest.heldoutIds());
    long position = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertEquals(i, row.docIndex(), "doc_index counts rows in stream order");
      assertEquals(position, row.start(), "start is the row's offset in tokens.bin");
      assertEquals(
          megatronLengths[i], row.tokens().length, "the same entries as the Megatron index");
      for (int t = 0; t < row.tokens().length; t++) {
        assertEquals(stream[(int) position + t], row.tokens()[t], "token " + (position + t));
      }
      if (row.poison()) {
        poisonRows.add(
            new StreamManifest.PoisonSpan(
                row.id(), row.start(), row.start() + row.tokens().length - 1));
      } else {
        assertTrue(
            corpusIds.contains(row.id()) && !heldout.contains(row.id()), "clean row " + row.id());
      }
      if (i < rows.size() - 1 || row.poison()) {
        assertEquals(
            ByteTokenizer.END_OF_TEXT,
            row.tokens()[row.tokens().length - 1],
            "row " + i + " ends with EOT");
      }
      position += row.tokens().length;
    }
    assertEquals(stream.length, position, "the rows' tokens concatenate to all of tokens.bin");
    // a Parquet row carries a poison's id and extent; its trigger/payload offsets stay in the
    // manifest
    List<StreamManifest.PoisonSpan> extents =
        manifest.poisons().stream()
            .map(span -> new StreamManifest.PoisonSpan(span.id(), span.start(), span.end()))
            .toList();
    assertEquals(extents, poisonRows, "poison rows are the manifest's spans, ids and order");
    assertEquals(POISONS, poisonRows.size());
    assertTrue(
        manifest.build().shards().size() >= 7,
        "30k tokens at 4k per shard: " + manifest.build().shards());
  }

  @Test
  void sameInputsGiveTheSameBytesAndALongDocumentGetsAShardAlone() throws IOException {
    // 80 tokens per shard: documents longer than that must sit alone (readAll checks), short ones
    // pack greedily
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    StreamManifest manifest = build(config(first, 4_000, 80, null), first).manifest();
    build(config(second, 4_000, 80, null), second);
    List<Row> rows = readAll(first, manifest, 80);
    assertTrue(rows.stream().anyMatch(row -> row.tokens().length > 80), "fixture: long documents");
    assertTrue(
        manifest.build().shards().stream().anyMatch(shard -> shard.documents() > 1),
        "fixture: packing");
    for (StreamManifest.Shard shard : manifest.build().shards()) {
      assertArrayEquals(
          Files.readAllBytes(first.resolve(shard.file())),
          Files.readAllBytes(second.resolve(shard.file())),
          shard.file());
    }
    assertArrayEquals(
        Files.readAllBytes(first.resolve("manifest.json")),
        Files.readAllBytes(second.resolve("manifest.json")));
    try (ParquetFileReader reader =
        ParquetFileReader.open(new LocalInputFile(first.resolve("parquet/part-00000.parquet")))) {
      assertEquals(
          CompressionCodecName.ZSTD, reader.getRowGroups().get(0).getColumns().get(0).getCodec());
    }
  }

  @Test
  void aBuildThatFailsAfterTheShardsLeavesNothing() throws IOException {
    Path out = temp.resolve("out/stream");
    // the tokenizer definition is copied after the stream and its shards are written: a missing one
    // fails late
    UncheckedIOException error =
        assertThrows(
            UncheckedIOException.class,
            () -> build(config(out, 4_000, temp.resolve("missing-tokenizer.json")), out));
    assertTrue(error.getMessage().contains("missing-tokenizer.json"), error.getMessage());
    assertFalse(Files.exists(out));
    try (Stream<Path> left = Files.list(temp.resolve("out"))) {
      assertEquals(List.of(), left.toList(), "no work directory or parquet files left behind");
    }
  }

  @Test
  void sparkReadsTheShardsAsArrayOfInt() {
    Path out = temp.resolve("stream");
    StreamManifest manifest = build(config(out, 4_000, null), out).manifest();
    SparkSession spark =
        SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<org.apache.spark.sql.Row> frame =
          spark.read().parquet(out.resolve("parquet").toString());
      // Spark's file sources read every column as nullable, so containsNull is true whatever the
      // file says
      assertEquals(
          new ArrayType(DataTypes.IntegerType, true), frame.schema().apply("tokens").dataType());
      assertEquals(DataTypes.LongType, frame.schema().apply("doc_index").dataType());
      assertEquals(manifest.build().streamDocuments(), frame.count());
      long tokens = frame.selectExpr("sum(size(tokens))").first().getLong(0);
      assertEquals(manifest.totalTokens(), tokens);
      assertEquals(POISONS, frame.filter("poison").count());
    } finally {
      spark.stop();
    }
  }

  /**
   * Reads every shard of the manifest in order, checking its counts and the greedy roll-over at
   * {@code limit}.
   */
  private static List<Row> readAll(Path out, StreamManifest manifest, long limit)
      throws IOException {
    List<StreamManifest.Shard> shards = manifest.build().shards();
    try (Stream<Path> files = Files.list(out.resolve("parquet"))) {
      assertEquals(
          shards.stream().map(StreamManifest.Shard::file).toList(),
          files.map(file -> "parquet/" + file.getFileName()).sorted().toList(),
          "exactly the manifest's shards");
    }
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      StreamManifest.Shard shard = shards.get(s);
      assertEquals(String.format("parquet/part-%05d.parquet", s), shard.file());
      List<Row> shardRows = readShard(out.resolve(shard.file()));
      long shardTokens = shardRows.stream().mapToLong(row -> row.tokens().length).sum();
      assertEquals(shard.documents(), shardRows.size(), shard.file());
      assertEquals(shard.tokens(), shardTokens, shard.file());
      assertTrue(
          shardTokens <= limit || shardRows.size() == 1,
          shard.file() + " over the limit: " + shardTokens);
      if (s > 0) {
        long previous = shards.get(s - 1).tokens();
        assertTrue(
            previous + shardRows.get(0).tokens().length > limit,
            "shard " + s + " started too early");
      }
      rows.addAll(shardRows);
    }
    return rows;
  }

  private static List<Row> readShard(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertEquals(StreamRowWriteSupport.SCHEMA, schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(schema)
                .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group group = records.read();
          Group list = group.getGroup("tokens", 0);
          int[] tokens = new int[list.getFieldRepetitionCount("list")];
          for (int t = 0; t < tokens.length; t++) {
            tokens[t] = list.getGroup("list", t).getInteger("element", 0);
          }
          rows.add(
              new Row(
                  file.getFileName().toString(),
                  group.getLong("doc_index", 0),
                  group.getString("id", 0),
                  group.getBoolean("poison", 0),
                  group.getLong("start", 0),
                  tokens));
        }
      }
    }
    return rows;
  }

  private static int[] megatronLengths(Path out, int count) throws IOException {
    ByteBuffer index =
        ByteBuffer.wrap(Files.readAllBytes(out.resolve("megatron_text_document.idx")))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(count, index.getLong(18), "sequence count in the MMIDIDX header");
    int[] lengths = new int[count];
    index.position(34);
    for (int i = 0; i < count; i++) {
      lengths[i] = index.getInt();
    }
    return lengths;
  }
}
