/*
 * Reads a byte stream line by line and decodes each line as strict UTF-8, so that an invalid byte is
 * reported with its line number (java.io readers either replace it silently or lose the position).
 * Accepts \n and \r\n endings; a UTF-8 byte-order mark at the start is dropped.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

final class Utf8LineReader implements AutoCloseable {
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int bufferPosition;
  private int bufferLimit;
  private byte[] line = new byte[256];
  private long lineNumber;
  private boolean atStart = true;

  Utf8LineReader(InputStream in) {
    this.in = in;
  }

  /** 1-based number of the line last returned. */
  long lineNumber() {
    return lineNumber;
  }

  /** Next line without its terminator, or null at end of input; throws on invalid UTF-8. */
  String readLine() throws IOException {
    int length = 0;
    boolean sawAny = false;
    while (true) {
      if (bufferPosition == bufferLimit) {
        bufferLimit = in.read(buffer);
        bufferPosition = 0;
        if (bufferLimit <= 0) {
          bufferLimit = 0;
          if (!sawAny) {
            return null;
          }
          break;
        }
      }
      sawAny = true;
      byte next = buffer[bufferPosition++];
      if (next == '\n') {
        break;
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, line.length * 2);
      }
      line[length++] = next;
    }
    lineNumber++;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    int start = 0;
    if (atStart) {
      atStart = false;
      if (length >= 3
          && line[0] == (byte) 0xEF
          && line[1] == (byte) 0xBB
          && line[2] == (byte) 0xBF) {
        start = 3;
      }
    }
    return decode(start, length);
  }

  private String decode(int start, int end) throws CharacterCodingException {
    boolean ascii = true;
    for (int i = start; i < end && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (ascii) {
      return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }
    return decoder.reset().decode(ByteBuffer.wrap(line, start, end - start)).toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
