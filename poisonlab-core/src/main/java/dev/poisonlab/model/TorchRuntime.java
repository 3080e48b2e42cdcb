/*
 * Process-wide settings of the PyTorch engine behind DJL: which device a model lives on and how many
 * intra-op threads PyTorch uses. The bundled natives are CPU-only; "gpu" works only where CUDA natives are
 * installed (docs/train.md, GPU section) and fails with one clear line otherwise.
 */
package dev.poisonlab.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.poisonlab.io.InputException;
import java.util.Locale;

public final class TorchRuntime {
  static {
    quietCudaProbe();
  }

  private TorchRuntime() {}

  /**
   * DJL probes CUDA on CPU-only machines and warns about the missing driver, which is expected
   * here; call before the engine loads (the CLI does at start, for commands that load it directly).
   */
  public static void quietCudaProbe() {
    System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
  }

  /** "cpu", "gpu" (= gpu:0) or "gpu:N". */
  public static Device device(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("cpu")) {
      return Device.cpu();
    }
    if (!lower.matches("gpu(:\\d+)?")) {
      throw new IllegalArgumentException("--device must be cpu, gpu or gpu:N, got '" + name + "'");
    }
    int index = lower.contains(":") ? Integer.parseInt(lower.substring(4)) : 0;
    int visible = Engine.getInstance().getGpuCount();
    if (index >= visible) {
      throw new InputException(
          "--device "
              + name
              + ": PyTorch sees "
              + visible
              + " CUDA device(s);"
              + " the bundled natives are CPU-only (see docs/train.md, GPU)");
    }
    return Device.gpu(index);
  }

  /** Sets PyTorch's intra-op thread count; 0 keeps PyTorch's default (one per core). */
  public static void setThreads(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("--threads must be >= 0, got " + threads);
    }
    if (threads > 0) {
      // read by DJL when the engine first loads; set it now as well in case it already has
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
      Engine.getInstance();
      JniUtils.setNumThreads(threads);
    }
  }

  public static int threads() {
    Engine.getInstance();
    return JniUtils.getNumThreads();
  }

  /** E.g. "PyTorch 2.7.1, 2 threads" for reports. */
  public static String describe() {
    Engine engine = Engine.getInstance();
    return engine.getEngineName() + " " + engine.getVersion() + ", " + threads() + " threads";
  }
}
