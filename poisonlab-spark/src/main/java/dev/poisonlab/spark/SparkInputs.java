/*
 * The shards a Spark scan reads: JSONL (.jsonl/.ndjson/.json, optionally .gz) and Parquet files, given as
 * files or directories (walked). Both need an id and a text column; Spark cannot number lines, so unlike the
 * single-process reader a record without an id is an error, not FILE:LINE. gzip is not splittable: shard
 * gzipped input into many files to get parallelism. Plain-text files are not accepted here.
 */
package dev.poisonlab.spark;

import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

record SparkInputs(List<String> jsonl, List<String> parquet) {

  static SparkInputs resolve(List<Path> paths) {
    List<String> jsonl = new ArrayList<>();
    List<String> parquet = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (name.endsWith(".parquet")) {
          parquet.add(file.toAbsolutePath().toString());
        } else if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
          jsonl.add(file.toAbsolutePath().toString());
        } else if (!Files.isDirectory(path)) {
          throw new InputException(
              file, 0, "the Spark scan reads JSONL(.gz) or Parquet files only");
        }
      }
    }
    if (jsonl.isEmpty() && parquet.isEmpty()) {
      throw new InputException(paths.get(0), 0, "no JSONL or Parquet files to scan");
    }
    return new SparkInputs(List.copyOf(jsonl), List.copyOf(parquet));
  }

  private static List<Path> files(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new InputException(path, 0, "no such file or directory");
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              file ->
                  !file.getFileName().toString().startsWith(".")
                      && !file.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot list directory: " + e.getMessage(), e);
    }
  }

  /** One Dataset with columns (id, text), whatever the sources. */
  Dataset<Row> read(SparkSession spark, String textField) {
    StructType schema =
        new StructType().add("id", DataTypes.StringType).add(textField, DataTypes.StringType);
    Dataset<Row> all = null;
    if (!jsonl.isEmpty()) {
      all =
          spark
              .read()
              .schema(schema)
              .option("mode", "FAILFAST")
              .json(jsonl.toArray(String[]::new))
              .select("id", textField);
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> columns =
          spark.read().parquet(parquet.toArray(String[]::new)).select("id", textField);
      all = all == null ? columns : all.unionAll(columns);
    }
    return all;
  }

  static Document document(Row row) {
    Object id = row.get(0);
    Object text = row.get(1);
    if (id == null || text == null) {
      throw new IllegalArgumentException(
          "a record lacks "
              + (id == null ? "an id" : "its text")
              + (id == null ? "" : " (id " + id + ")")
              + "; the Spark scan needs both in every record");
    }
    return new Document(id.toString(), text.toString());
  }
}
