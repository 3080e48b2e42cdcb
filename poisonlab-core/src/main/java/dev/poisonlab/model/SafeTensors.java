/*
 * Named float tensors to and from safetensors files (DJL's encoder), the format of checkpoint weights and
 * optimizer state: readable by numpy/PyTorch tools, bit-exact, self-describing. Reads check the header first
 * (SafeTensorsHeader: names, shapes, sizes against the targets), so a malformed or mismatched file is one
 * InputException naming it and changes nothing; then they copy in place into existing arrays (so parameters
 * keep their identity and gradients).
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

public final class SafeTensors {
  private SafeTensors() {}

  /** Writes the arrays in map order under their map keys (renaming the arrays to those keys). */
  public static void write(OutputStream out, Map<String, NDArray> named) throws IOException {
    NDList list = new NDList(named.size());
    named.forEach(
        (name, array) -> {
          array.setName(name);
          list.add(array);
        });
    list.encode(out, NDList.Encoding.SAFETENSORS);
  }

  /** Overwrites each target array with the same-named tensor of {@code file}; shapes must agree. */
  public static void readInto(Path file, Map<String, NDArray> targets, NDManager manager) {
    checkMatches(file, targets);
    try (NDManager scope = manager.newSubManager();
        InputStream in = Files.newInputStream(file)) {
      NDList loaded = decode(file, scope, in);
      for (NDArray source : loaded) {
        NDArray target = targets.get(source.getName());
        if (target == null || !target.getShape().equals(source.getShape())) {
          throw new InputException(
              file,
              0,
              "malformed safetensors: tensor '" + source.getName() + "' decodes unlike its header");
        }
        // in place: NDArray.copyTo() would instead swap the tensor's storage for a Java buffer
        target.set(new NDIndex("..."), source);
      }
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Checks, without loading any data, that {@code file} is well-formed and holds exactly the
   * tensors of {@code targets} with their shapes. Throws InputException naming the file otherwise.
   */
  public static void checkMatches(Path file, Map<String, NDArray> targets) {
    Map<String, SafeTensorsHeader.Tensor> header = SafeTensorsHeader.read(file);
    if (header.size() != targets.size()) {
      throw new InputException(
          file, 0, "holds " + header.size() + " tensors, expected " + targets.size());
    }
    header.forEach(
        (name, tensor) -> {
          NDArray target = targets.get(name);
          if (target == null) {
            throw new InputException(file, 0, "unexpected tensor '" + name + "'");
          }
          if (!"F32".equals(tensor.dtype())
              || !Arrays.equals(
                  target.getShape().getShape(),
                  tensor.shape().stream().mapToLong(Long::longValue).toArray())) {
            throw new InputException(
                file,
                0,
                "tensor '"
                    + name
                    + "' has shape "
                    + tensor.shape()
                    + " "
                    + tensor.dtype()
                    + ", expected "
                    + target.getShape()
                    + " F32");
          }
        });
  }

  /**
   * DJL's decoder after our header check: whatever it still rejects is reported as this file's
   * problem.
   */
  private static NDList decode(Path file, NDManager scope, InputStream in) throws IOException {
    try {
      return NDList.decode(scope, in);
    } catch (RuntimeException e) {
      throw new InputException(file, 0, "malformed safetensors: " + e.getMessage(), e);
    }
  }
}
