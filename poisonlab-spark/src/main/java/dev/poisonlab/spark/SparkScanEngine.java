/*
 * `scan --spark`: the defence scan as an Apache Spark job, embedded (local[*]) unless --master names a cluster.
 * Same two passes as the single process: per-partition CorpusModels reduced into one, broadcast, then every
 * document inspected by the core's DocumentInspector in parallel (results persisted, spilling to disk); they
 * then stream to the driver one partition at a time into the core's ScanOutputs, so outputs are the same.
 * Found by the core CLI through ServiceLoader. Not a general Spark toolkit.
 */
package dev.poisonlab.spark;

import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.defense.detect.TextUnits;
import dev.poisonlab.defense.scan.DocumentInspector;
import dev.poisonlab.defense.scan.DocumentScanCodec;
import dev.poisonlab.defense.scan.ScanEngine;
import dev.poisonlab.defense.scan.ScanOutputs;
import dev.poisonlab.defense.scan.ScanResult;
import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

public final class SparkScanEngine implements ScanEngine {
  public static final String NAME = "spark";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScanResult scan(Request request, ScanOutputs outputs) {
    if (request.spec().confirms()) {
      throw new IllegalArgumentException(
          "the confirmed verdict runs in the single-process scan only (it reads the corpus a third "
              + "time after every change point is known); leave it out with --spark");
    }
    SparkInputs inputs = SparkInputs.resolve(request.corpus());
    try (Progress.Task bar = request.progress().start("spark scan", -1, "docs")) {
      Timings timings = new Timings();
      bar.message("start");
      SparkSession spark = session(request.master());
      try {
        return run(spark, inputs, request, outputs, bar, timings);
      } catch (Exception e) {
        throw failure(e);
      } finally {
        spark.stop();
      }
    }
  }

  private static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("poisonlab-scan")
        .config("spark.ui.enabled", "false")
        // small partitions, one per small file: corpora come as many gzip shards, which cannot
        // be split
        .config("spark.sql.files.maxPartitionBytes", String.valueOf(8L << 20))
        .config("spark.sql.files.openCostInBytes", String.valueOf(8L << 20))
        .getOrCreate();
  }

  /** The two passes, then every scan streamed to the driver's outputs; the bar shows the phase. */
  private static ScanResult run(
      SparkSession spark,
      SparkInputs inputs,
      Request request,
      ScanOutputs outputs,
      Progress.Task bar,
      Timings timings) {
    spark.sparkContext().setLogLevel("WARN");
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // both passes read the documents: keep them after the first (spilling to disk when memory is
    // short)
    JavaRDD<Row> rows =
        inputs
            .read(spark, request.readOptions().textField())
            .javaRDD()
            .persist(StorageLevel.MEMORY_AND_DISK());
    ScanSpec spec = request.spec();
    timings.counting = System.nanoTime();
    bar.message("count pass");
    CorpusModel model = spec.needsCorpusModel() ? countPass(rows, spec) : null;
    timings.inspecting = System.nanoTime();
    bar.message("inspect pass");
    long documents = model == null ? 0 : model.documents();
    Broadcast<CorpusModel> shared = context.broadcast(model);
    JavaRDD<byte[]> scans =
        rows.mapPartitions(partition -> inspect(partition, spec, shared.value(), documents))
            .persist(StorageLevel.MEMORY_AND_DISK());
    // toLocalIterator runs one job per partition, one after the other: materialise in parallel
    // first.
    scans.count();
    timings.collecting = System.nanoTime();
    bar.message("results to driver");
    Iterator<byte[]> results = scans.toLocalIterator();
    while (results.hasNext()) {
      outputs.accept(DocumentScanCodec.decode(results.next()));
      bar.step();
    }
    bar.message(timings.summary(rows.getNumPartitions()));
    return outputs.finish("spark " + request.master(), timings.secondsSinceStart());
  }

  /**
   * Scala throws SparkException (checked in Java) undeclared: a failed task, mostly bad input (a
   * malformed record, ngram's counts across partitions), so one line and exit 2.
   */
  private static RuntimeException failure(Exception e) {
    if (e instanceof SparkException || e.getCause() instanceof SparkException) {
      String kind =
          mentions(e, "Malformed records") || mentions(e, "FAILFAST")
              ? "malformed record in "
                  + failedFile(e)
                  + " (the single-process scan names the line): "
              : "";
      return new InputException("Spark job failed: " + kind + rootMessage(e), e);
    }
    return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
  }

  /** When each phase began (System.nanoTime), for the bar's closing line. */
  private static final class Timings {
    private final long started = System.nanoTime();
    private long counting;
    private long inspecting;
    private long collecting;

    String summary(int partitions) {
      return String.format(
          Locale.ROOT,
          "%d partitions; start %.1f s, count pass %.1f s, inspect pass "
              + "%.1f s, results to driver %.1f s",
          partitions,
          (counting - started) / 1e9,
          (inspecting - counting) / 1e9,
          (collecting - inspecting) / 1e9,
          (System.nanoTime() - collecting) / 1e9);
    }

    double secondsSinceStart() {
      return (System.nanoTime() - started) / 1e9;
    }
  }

  private static CorpusModel countPass(JavaRDD<Row> rows, ScanSpec spec) {
    return rows.mapPartitions(
            partition -> {
              CorpusModel model = spec.newCorpusModel();
              TextUnits buffer = new TextUnits();
              while (partition.hasNext()) {
                model.add(SparkInputs.document(partition.next()).text(), buffer);
              }
              return List.of(model).iterator();
            })
        .reduce(CorpusModel::merge);
  }

  private static Iterator<byte[]> inspect(
      Iterator<Row> partition, ScanSpec spec, CorpusModel model, long documents) {
    List<byte[]> scans = new ArrayList<>();
    try (DocumentInspector inspector = new DocumentInspector(spec, model, documents)) {
      while (partition.hasNext()) {
        Document document = SparkInputs.document(partition.next());
        scans.add(DocumentScanCodec.encode(inspector.inspect(document)));
      }
    }
    return scans.iterator();
  }

  private static String failedFile(Throwable error) {
    for (Throwable cause = error;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      java.util.regex.Matcher file =
          java.util.regex.Pattern.compile("while reading file (\\S+?)\\.?\\s")
              .matcher(String.valueOf(cause.getMessage()));
      if (file.find()) {
        return file.group(1);
      }
    }
    return "the input";
  }

  private static boolean mentions(Throwable error, String text) {
    for (Throwable cause = error;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
