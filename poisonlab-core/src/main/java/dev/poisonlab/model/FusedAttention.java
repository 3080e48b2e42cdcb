/*
 * Causal attention through PyTorch's fused scaled_dot_product_attention, which DJL 0.36 does not wrap: a
 * one-method TorchScript module, written here as a zip archive and loaded through DJL, calls it. On the CPU
 * it runs the flash-attention kernel: no (B,H,T,T) scores, mask or softmax tensors, blocks above the diagonal
 * skipped, and strided q/k/v views read without copies. Dimensions: B batch, H heads, T time, D head size.
 */
package dev.poisonlab.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

public final class FusedAttention {
  /**
   * Set to "matmul" to force the explicit q·kᵀ, mask, softmax path (A/B runs, a broken libtorch).
   */
  public static final String PROPERTY = "poisonlab.attention";

  // scale=None is 1/√D, the scale of the explicit path; dropout 0, is_causal: top-left aligned, Tq
  // = Tk
  private static final String CODE =
      String.join(
          "\n",
          "class CausalAttention(Module):",
          "  __parameters__ = []",
          "  __buffers__ = []",
          "  training : bool",
          "  def forward(self: __torch__.CausalAttention, query: Tensor, key: Tensor,",
          "      value: Tensor) -> Tensor:",
          "    return torch.scaled_dot_product_attention(query, key, value, None, 0., True)",
          "");

  private FusedAttention() {}

  /**
   * Loaded on first use and never closed (one small module per process); null when this libtorch
   * refuses the archive, and then the explicit path runs.
   */
  private static final class Holder {
    static final PtSymbolBlock MODULE = load();
  }

  /** Whether whole-sequence forwards use the fused kernel: unless the property says matmul. */
  public static boolean enabled() {
    return !"matmul".equals(System.getProperty(PROPERTY)) && Holder.MODULE != null;
  }

  /**
   * softmax(q·kᵀ/√D + causal mask)·v for q, k, v (B,H,T,D) (views need not be contiguous) ->
   * (B,H,T,D), in q's manager. Differentiable under a GradientCollector like any engine op.
   */
  public static NDArray causal(NDArray query, NDArray key, NDArray value) {
    // isTrain=true only means "keep the caller's grad mode"; false would switch autograd off
    return IValueUtils.forward(Holder.MODULE, new NDList(query, key, value), true)
        .singletonOrThrow(); // (B,H,T,D)
  }

  private static PtSymbolBlock load() {
    PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
    try {
      return JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), true, false);
    } catch (IOException | EngineException e) {
      manager.close();
      String reason = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
      System.err.println("poisonlab: fused attention unavailable (" + reason + "); explicit path");
      return null;
    }
  }

  /** The TorchScript archive: the pickled module object, its code, no constants, format version. */
  static byte[] archive() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, "attention/data.pkl", moduleObject());
      stored(zip, "attention/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // ()
      stored(zip, "attention/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
      stored(zip, "attention/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, "attention/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  /** Pickle (protocol 2) of a __torch__.CausalAttention object whose state is {training: True}. */
  private static byte[] moduleObject() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80); // PROTO 2
    out.write(2);
    out.writeBytes("c__torch__\nCausalAttention\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    out.writeBytes(new byte[] {')', (byte) 0x81, '}', '('}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT MARK
    byte[] name = "training".getBytes(StandardCharsets.US_ASCII);
    out.write('X'); // BINUNICODE, 4-byte little-endian length
    out.writeBytes(new byte[] {(byte) name.length, 0, 0, 0});
    out.writeBytes(name);
    out.writeBytes(new byte[] {(byte) 0x88, 'u', 'b', '.'}); // NEWTRUE SETITEMS BUILD STOP
    return out.toByteArray();
  }

  /** libtorch's zip reader wants uncompressed records. */
  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
