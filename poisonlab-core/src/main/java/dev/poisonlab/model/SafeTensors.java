/*
 * Named float tensors to and from safetensors files (DJL's encoder), the format of checkpoint weights and
 * optimizer state: readable by numpy/PyTorch tools, bit-exact, self-describing. Reads copy in place into
 * existing arrays (so parameters keep their identity and gradients) and insist the name sets match.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

public final class SafeTensors {
  private SafeTensors() {}

  /** Writes the arrays in map order under their map keys (renaming the arrays to those keys). */
  public static void write(OutputStream out, Map<String, NDArray> named) throws IOException {
    NDList list = new NDList(named.size());
    named.forEach((name, array) -> {
      array.setName(name);
      list.add(array);
    });
    list.encode(out, NDList.Encoding.SAFETENSORS);
  }

  /** Overwrites each target array with the same-named tensor of {@code file}; shapes must agree. */
  public static void readInto(Path file, Map<String, NDArray> targets, NDManager manager) {
    try (NDManager scope = manager.newSubManager(); InputStream in = Files.newInputStream(file)) {
      NDList loaded = NDList.decode(scope, in);
      if (loaded.size() != targets.size()) {
        throw new InputException(file, 0, "holds " + loaded.size() + " tensors, expected " + targets.size());
      }
      for (NDArray source : loaded) {
        NDArray target = targets.get(source.getName());
        if (target == null) {
          throw new InputException(file, 0, "unexpected tensor '" + source.getName() + "'");
        }
        if (!target.getShape().equals(source.getShape())) {
          throw new InputException(file, 0, "tensor '" + source.getName() + "' has shape "
              + source.getShape() + ", expected " + target.getShape());
        }
        // in place: NDArray.copyTo() would instead swap the tensor's storage for a Java buffer
        target.set(new NDIndex("..."), source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
