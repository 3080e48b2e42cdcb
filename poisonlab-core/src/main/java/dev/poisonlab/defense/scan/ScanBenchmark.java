/*
 * Throughput of the detectors on one core: the corpus is read into memory first (timed separately, as
 * "read"), then the counting pass and the inspecting pass run `repeats` times on one thread and the best
 * time of each is kept (the first repeats warm the JIT). Both wall time and the thread's CPU time are kept:
 * on a shared machine CPU time is the fairer per-core figure (lm-surprisal also runs PyTorch's own threads,
 * which the thread CPU time does not see). Detectors get batches of Scanner.BATCH documents, as in a scan;
 * loading lm-surprisal's model is timed with the inspect pass. MB = million characters of document text.
 * A measurement tool for `poisonlab bench scan`, not a test.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.Detector;
import dev.poisonlab.defense.DocumentSource;
import dev.poisonlab.defense.Verdict;
import dev.poisonlab.defense.detect.CorpusModel;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

public final class ScanBenchmark {
  private ScanBenchmark() {}

  public record Result(
      long documents,
      long characters,
      double readSeconds,
      double countSeconds,
      double inspectSeconds,
      double countCpuSeconds,
      double inspectCpuSeconds,
      long flagged) {
    public double readMegabytesPerSecond() {
      return characters / 1e6 / readSeconds;
    }

    public double countMegabytesPerSecond() {
      return countSeconds == 0 ? Double.POSITIVE_INFINITY : characters / 1e6 / countSeconds;
    }

    public double inspectDocumentsPerSecond() {
      return documents / inspectSeconds;
    }

    public double inspectMegabytesPerSecond() {
      return characters / 1e6 / inspectSeconds;
    }

    /** Both passes together: what a scan of in-memory text costs. */
    public double scanMegabytesPerSecond() {
      return characters / 1e6 / (countSeconds + inspectSeconds);
    }

    public double scanMegabytesPerCpuSecond() {
      return characters / 1e6 / (countCpuSeconds + inspectCpuSeconds);
    }
  }

  public static Result run(List<Path> corpus, ReadOptions options, ScanSpec spec, int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
    }
    long readStart = System.nanoTime();
    List<Document> documents = CorpusReader.readAll(corpus, options);
    double readSeconds = (System.nanoTime() - readStart) / 1e9;
    long characters = documents.stream().mapToLong(document -> document.text().length()).sum();
    DocumentSource source = DocumentSource.of(documents);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double bestCount = Double.MAX_VALUE;
    double bestInspect = Double.MAX_VALUE;
    double bestCountCpu = Double.MAX_VALUE;
    double bestInspectCpu = Double.MAX_VALUE;
    long flagged = 0;
    for (int repeat = 0; repeat < repeats; repeat++) {
      long countStart = System.nanoTime();
      long countCpuStart = threads.getCurrentThreadCpuTime();
      CorpusModel model =
          spec.needsCorpusModel() ? Scanner.countPass(source, spec, Progress.NONE) : null;
      long inspectStart = System.nanoTime();
      long inspectCpuStart = threads.getCurrentThreadCpuTime();
      List<Detector> detectors = spec.build(model);
      flagged = 0;
      try {
        for (int from = 0; from < documents.size(); from += Scanner.BATCH) {
          List<Document> batch =
              documents.subList(from, Math.min(documents.size(), from + Scanner.BATCH));
          for (Detector detector : detectors) {
            flagged += detector.inspectAll(batch).stream().filter(Verdict::flagged).count();
          }
        }
      } finally {
        detectors.forEach(Detector::close);
      }
      long end = System.nanoTime();
      long endCpu = threads.getCurrentThreadCpuTime();
      bestCountCpu = Math.min(bestCountCpu, (inspectCpuStart - countCpuStart) / 1e9);
      bestInspectCpu = Math.min(bestInspectCpu, (endCpu - inspectCpuStart) / 1e9);
      bestCount = Math.min(bestCount, (inspectStart - countStart) / 1e9);
      bestInspect = Math.min(bestInspect, (end - inspectStart) / 1e9);
    }
    return new Result(
        documents.size(),
        characters,
        readSeconds,
        bestCount,
        bestInspect,
        bestCountCpu,
        bestInspectCpu,
        flagged);
  }
}
