/*
 * Loads a one-method TorchScript module from its source text, for the libtorch operations DJL 0.36 does not
 * wrap (FusedAttention, FusedHeadLoss): writes the archive libtorch expects (pickled module object, code, no
 * constants, format version) in memory and loads it through DJL, which then runs forward() with autograd.
 * Not a general TorchScript writer: no parameters, no buffers, no constants, one class per archive.
 */
package dev.poisonlab.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

final class TorchScriptModule {
  private TorchScriptModule() {}

  /**
   * The module {@code __torch__.className} defined by {@code code}, loaded once by the caller and
   * never closed; null (after one line on stderr naming {@code what}) when this libtorch refuses
   * it.
   */
  static PtSymbolBlock load(String className, String code, String what) {
    PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
    try {
      byte[] archive = archive(className, code);
      return JniUtils.loadModule(manager, new ByteArrayInputStream(archive), true, false);
    } catch (IOException | EngineException e) {
      manager.close();
      String reason = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
      System.err.println("poisonlab: " + what + " unavailable (" + reason + "); explicit path");
      return null;
    }
  }

  /**
   * The arguments of forward(), each as an unnamed array: DJL turns a name with a dot (a loaded
   * parameter's, "transformer.wte.weight") into a Dict[str, Tensor] argument. A same-shape reshape
   * is a view, so gradients still reach the named array; it is attached to {@code scope}, not left
   * in the parameter's manager, so it is freed with the step.
   */
  static NDList arguments(NDManager scope, NDArray... arrays) {
    NDList list = new NDList(arrays.length);
    for (NDArray array : arrays) {
      if (array.getName() == null) {
        list.add(array);
      } else {
        NDArray view = array.reshape(array.getShape());
        view.attach(scope);
        list.add(view);
      }
    }
    return list;
  }

  /** The TorchScript archive: the pickled module object, its code, no constants, format version. */
  static byte[] archive(String className, String code) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      stored(zip, "module/data.pkl", moduleObject(className));
      stored(zip, "module/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // ()
      stored(zip, "module/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
      stored(zip, "module/version", "3\n".getBytes(StandardCharsets.US_ASCII));
      stored(zip, "module/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  /** Pickle (protocol 2) of a __torch__.className object whose state is {training: True}. */
  private static byte[] moduleObject(String className) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80); // PROTO 2
    out.write(2);
    out.writeBytes(
        ("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
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
