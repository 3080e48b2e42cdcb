/*
 * Streams token ids into a TokenFile (uint16 or int32, little-endian) through a temp file that is renamed
 * into place on commit(); close() without commit() (an exception inside try-with-resources) leaves no output.
 * count() is the number of tokens written so far, i.e. the offset the next token will get.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Path;

public final class TokenFileWriter extends AtomicFileWriter {
  private final TokenFile.Dtype dtype;

  public TokenFileWriter(Path target, TokenFile.Dtype dtype) {
    super(target, 1 << 20);
    this.dtype = dtype;
  }

  public void write(int tokenId) {
    if (tokenId < 0 || (dtype == TokenFile.Dtype.UINT16 && tokenId > 0xFFFF)) {
      throw new IllegalArgumentException(
          "token id " + tokenId + " does not fit " + dtype.jsonName());
    }
    try {
      out.write(tokenId & 0xFF);
      out.write((tokenId >>> 8) & 0xFF);
      if (dtype == TokenFile.Dtype.INT32) {
        out.write((tokenId >>> 16) & 0xFF);
        out.write((tokenId >>> 24) & 0xFF);
      }
      counted();
    } catch (IOException e) {
      throw writeFailure(e);
    }
  }

  public void write(int[] tokenIds) {
    for (int id : tokenIds) {
      write(id);
    }
  }
}
