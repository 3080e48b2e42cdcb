/*
 * A reader for R's serialization format (XDR, versions 2 and 3), enough to pull character vectors out of a
 * package's lazy-load data (data/Rdata.rdx index + Rdata.rdb blobs) without R installed.
 * Deliberately partial: closures, bytecode and external pointers are rejected with a message, not decoded.
 */
package dev.poisonlab.io.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

final class RSerialization {
  /**
   * A decoded R object: a list of values with optional names (R vectors and pairlists both map
   * here).
   */
  record RObject(int type, List<Object> values, List<String> names) {
    Object get(String name) {
      int index = names == null ? -1 : names.indexOf(name);
      return index < 0 ? null : values.get(index);
    }
  }

  private static final int SYMSXP = 1,
      LISTSXP = 2,
      ENVSXP = 4,
      CHARSXP = 9,
      LGLSXP = 10,
      INTSXP = 13;
  private static final int REALSXP = 14, STRSXP = 16, VECSXP = 19;
  private static final int NILVALUE = 254,
      REFSXP = 255,
      GLOBALENV = 253,
      EMPTYENV = 242,
      BASEENV = 241;
  private static final int MISSINGARG = 251, UNBOUNDVALUE = 252, BASENAMESPACE = 247;

  private final DataInputStream in;
  private final List<Object> references = new ArrayList<>();

  private RSerialization(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** Reads the object saved by saveRDS (gzip-compressed or plain XDR). */
  static Object readRds(byte[] bytes) throws IOException {
    InputStream stream = new ByteArrayInputStream(bytes);
    if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
      stream = new GZIPInputStream(stream);
    }
    return new RSerialization(stream).readStream();
  }

  /**
   * Reads one lazy-load blob: a 4-byte big-endian length followed by a zlib stream of a serialized
   * object.
   */
  static Object readLazyLoadBlob(byte[] blob) throws IOException {
    int length =
        ((blob[0] & 0xFF) << 24)
            | ((blob[1] & 0xFF) << 16)
            | ((blob[2] & 0xFF) << 8)
            | (blob[3] & 0xFF);
    Inflater inflater = new Inflater();
    inflater.setInput(blob, 4, blob.length - 4);
    byte[] out = new byte[length];
    try {
      int filled = 0;
      while (filled < length && !inflater.finished()) {
        int n = inflater.inflate(out, filled, length - filled);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled != length) {
        throw new IOException("lazy-load blob: expected " + length + " bytes, inflated " + filled);
      }
    } catch (DataFormatException e) {
      throw new IOException(
          "lazy-load blob is not zlib data (bzip2/xz compression is not supported)", e);
    } finally {
      inflater.end();
    }
    return new RSerialization(new ByteArrayInputStream(out)).readStream();
  }

  private Object readStream() throws IOException {
    byte format = in.readByte();
    byte newline = in.readByte();
    if (format != 'X' || newline != '\n') {
      throw new IOException(
          "not an XDR R serialization stream (format byte '" + (char) format + "')");
    }
    int version = in.readInt();
    in.readInt();
    in.readInt();
    if (version == 3) {
      in.skipBytes(in.readInt());
    } else if (version != 2) {
      throw new IOException("unsupported R serialization version " + version);
    }
    return readItem();
  }

  private Object readItem() throws IOException {
    int flags = in.readInt();
    int type = flags & 0xFF;
    boolean hasAttributes = (flags & (1 << 9)) != 0;
    boolean hasTag = (flags & (1 << 10)) != 0;
    switch (type) {
      case NILVALUE, GLOBALENV, EMPTYENV, BASEENV, MISSINGARG, UNBOUNDVALUE, BASENAMESPACE:
        return null;
      case REFSXP:
        int index = flags >> 8;
        return references.get((index == 0 ? in.readInt() : index) - 1);
      case SYMSXP:
        Object name = readItem();
        references.add(name);
        return name;
      case ENVSXP:
        RObject environment = new RObject(ENVSXP, new ArrayList<>(), new ArrayList<>());
        references.add(environment);
        in.readInt();
        readItem();
        Object frame = readItem();
        Object hashTable = readItem();
        readItem();
        collectBindings(frame, environment);
        if (hashTable instanceof RObject table) {
          for (Object bucket : table.values()) {
            collectBindings(bucket, environment);
          }
        }
        return environment;
      case LISTSXP:
        return readPairList(hasAttributes, hasTag);
      case CHARSXP:
        int length = in.readInt();
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length);
        boolean latin1 = (flags & (1 << 14)) != 0;
        return new String(bytes, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      case LGLSXP, INTSXP, REALSXP, STRSXP, VECSXP:
        return readVector(type, hasAttributes);
      default:
        throw new IOException("unsupported R object type " + type);
    }
  }

  private static void collectBindings(Object pairList, RObject environment) {
    if (pairList instanceof RObject list && list.names() != null) {
      environment.values().addAll(list.values());
      environment.names().addAll(list.names());
    }
  }

  private RObject readPairList(boolean hasAttributes, boolean hasTag) throws IOException {
    List<Object> values = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean attributes = hasAttributes;
    boolean tag = hasTag;
    while (true) {
      if (attributes) {
        readItem();
      }
      names.add(tag ? String.valueOf(readItem()) : null);
      values.add(readItem());
      int flags = in.readInt();
      int type = flags & 0xFF;
      if (type == NILVALUE) {
        return new RObject(LISTSXP, values, names);
      }
      if (type != LISTSXP) {
        throw new IOException("improper R pairlist (tail of type " + type + ")");
      }
      attributes = (flags & (1 << 9)) != 0;
      tag = (flags & (1 << 10)) != 0;
    }
  }

  private RObject readVector(int type, boolean hasAttributes) throws IOException {
    long length = in.readInt();
    if (length == -1) {
      length = ((long) in.readInt() << 32) | (in.readInt() & 0xFFFFFFFFL);
    }
    List<Object> values = new ArrayList<>((int) Math.min(length, 1 << 20));
    for (long i = 0; i < length; i++) {
      values.add(
          switch (type) {
            case LGLSXP, INTSXP -> in.readInt();
            case REALSXP -> in.readDouble();
            default -> readItem();
          });
    }
    List<String> names = null;
    if (hasAttributes && readItem() instanceof RObject attributes) {
      Object namesAttribute = attributes.get("names");
      if (namesAttribute instanceof RObject nameVector) {
        names = new ArrayList<>();
        for (Object name : nameVector.values()) {
          names.add((String) name);
        }
      }
    }
    return new RObject(type, values, names);
  }

  /** Loads every variable of a lazy-load database (NAME.rdx + NAME.rdb) as name -> object. */
  static Map<String, Object> readLazyLoadDatabase(byte[] index, byte[] database)
      throws IOException {
    RObject indexObject = (RObject) readRds(index);
    RObject variables = (RObject) indexObject.get("variables");
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = 0; i < variables.values().size(); i++) {
      RObject position = (RObject) variables.values().get(i);
      int offset = ((Number) position.values().get(0)).intValue();
      int size = ((Number) position.values().get(1)).intValue();
      ByteArrayOutputStream blob = new ByteArrayOutputStream(size);
      blob.write(database, offset, size);
      result.put(variables.names().get(i), readLazyLoadBlob(blob.toByteArray()));
    }
    return result;
  }
}
