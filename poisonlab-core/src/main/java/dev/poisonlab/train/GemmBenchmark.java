/*
 * The fp32 GEMM peak of this machine as the training engine sees it: square n x n matrix products through
 * DJL's PyTorch (the same MKL that training calls), median GFLOP/s per size, the best size's median as the
 * peak. It is the yardstick `bench train` divides by, so "fraction of peak" compares like with like. A
 * benchmark, not a test; not a BLAS survey (one shape family, one dtype).
 */
package dev.poisonlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.poisonlab.model.TorchRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class GemmBenchmark {
  /**
   * Each timed sample runs enough products to last about this long, so that timer noise is small.
   */
  private static final double SAMPLE_SECONDS = 0.2;

  private GemmBenchmark() {}

  /**
   * What to measure: square sizes (n for an n x n @ n x n product), timed samples per size (the
   * median is kept) and PyTorch intra-op threads (0 = PyTorch's default, one per core).
   */
  public record Request(List<Integer> sizes, int repeats, int threads) {
    public static final List<Integer> DEFAULT_SIZES = List.of(256, 512, 1024, 2048);

    public Request {
      sizes = List.copyOf(sizes);
      if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 16 || n > 8192)) {
        throw new IllegalArgumentException("--sizes must be 16..8192, got " + sizes);
      }
      if (repeats < 1 || threads < 0) {
        throw new IllegalArgumentException("--repeats must be >= 1 and --threads >= 0");
      }
    }

    public static Request defaults(int threads) {
      return new Request(DEFAULT_SIZES, 5, threads);
    }
  }

  /** One size: the median and best of its timed samples, in GFLOP/s (2 n^3 FLOP per product). */
  public record SizeResult(int size, double medianGflops, double bestGflops) {}

  /** All sizes; {@code peakGflops} is the largest median, the figure other benchmarks divide by. */
  public record Result(int threads, List<SizeResult> sizes, double peakGflops, String runtime) {
    public Result {
      sizes = List.copyOf(sizes);
    }
  }

  public static Result run(Request request) {
    TorchRuntime.setThreads(request.threads());
    List<SizeResult> results = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      manager.getEngine().setRandomSeed(1);
      for (int size : request.sizes()) {
        results.add(measure(manager, size, request.repeats()));
      }
    }
    double peak = results.stream().mapToDouble(SizeResult::medianGflops).max().orElseThrow();
    return new Result(TorchRuntime.threads(), results, peak, TorchRuntime.describe());
  }

  private static SizeResult measure(NDManager parent, int n, int repeats) {
    try (NDManager manager = parent.newSubManager()) {
      NDArray a = manager.randomNormal(new Shape(n, n), DataType.FLOAT32); // (n, n)
      NDArray b = manager.randomNormal(new Shape(n, n), DataType.FLOAT32); // (n, n)
      double flops = 2.0 * n * n * (double) n;
      double once = timeProducts(manager, a, b, 2) / 2; // warm-up, and a first estimate
      int perSample = (int) Math.max(1, Math.ceil(SAMPLE_SECONDS / Math.max(once, 1e-6)));
      double[] gflops = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        gflops[i] = flops * perSample / timeProducts(manager, a, b, perSample) / 1e9;
      }
      Arrays.sort(gflops);
      return new SizeResult(n, median(gflops), gflops[repeats - 1]);
    }
  }

  /** Seconds for {@code count} products; each result is freed at once so memory stays flat. */
  private static double timeProducts(NDManager parent, NDArray a, NDArray b, int count) {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      try (NDManager step = parent.newSubManager()) {
        NDArray c = a.matMul(b); // (n, n), computed eagerly by PyTorch
        c.attach(step);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(double[] sorted) {
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
