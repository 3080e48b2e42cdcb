/*
 * A scan engine other than the single process, found at run time through ServiceLoader: the poisonlab-spark
 * module provides "spark". Keeping only this interface in the core means Spark's jars never have to be on the
 * core's classpath. An engine runs the same ScanSpec and feeds the same ScanOutputs as Scanner, and reports how
 * far it got (and how long each pass took) through io.Progress: it prints nothing itself.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

public interface ScanEngine {

  String name();

  ScanResult scan(Request request, ScanOutputs outputs);

  /**
   * Input shards (JSONL, optionally gzipped, or Parquet with id/text columns), where to run, and
   * who watches (Progress.NONE: nobody).
   */
  record Request(
      List<Path> corpus, ReadOptions readOptions, ScanSpec spec, String master, Progress progress) {
    public Request {
      if (corpus == null || corpus.isEmpty()) {
        throw new IllegalArgumentException("corpus: give at least one path");
      }
      corpus = List.copyOf(corpus);
      if (master == null || master.isBlank()) {
        throw new IllegalArgumentException("master: give a Spark master URL such as local[*]");
      }
      progress = progress == null ? Progress.NONE : progress;
    }
  }

  /**
   * The engine called {@code name}, or an error telling how to build the module that provides it.
   */
  static ScanEngine find(String name) {
    for (ScanEngine engine : ServiceLoader.load(ScanEngine.class)) {
      if (engine.name().equals(name)) {
        return engine;
      }
    }
    throw new IllegalArgumentException(
        "Spark module not built or not on the classpath: run "
            + "`mvn -B -q -DskipTests -pl poisonlab-spark -am package` and start through ./poisonlab (it adds "
            + "poisonlab-spark/target/lib when --spark is given)");
  }
}
