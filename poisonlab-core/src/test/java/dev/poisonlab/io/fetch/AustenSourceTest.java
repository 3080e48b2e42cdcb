/*
 * The R lazy-load decoder and the Austen cleaner on a tiny database written here in R's XDR
 * serialization format (the real package's output is checked against the reference corpus, see docs):
 * chapter splitting, line unwrapping, ids.
 */
package dev.poisonlab.io.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.io.Document;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AustenSourceTest {
  private static final int STRSXP = 16, CHARSXP = 9, INTSXP = 13, VECSXP = 19, LGLSXP = 10;
  private static final int LISTSXP = 2, SYMSXP = 1, NILVALUE = 254;
  private static final int HAS_ATTRIBUTES = 1 << 9, HAS_TAG = 1 << 10, UTF8 = 1 << 15;

  @Test
  void decodesLazyLoadDataAndSplitsChapters(@TempDir Path directory) throws Exception {
    Map<String, List<String>> novels = new LinkedHashMap<>();
    novels.put(
        "emma",
        List.of(
            "EMMA",
            "",
            "By Jane Austen",
            "",
            "",
            "CHAPTER I",
            "",
            "",
            "Emma Woodhouse, handsome,",
            "clever, and rich.",
            "",
            "She was the youngest.",
            "",
            "CHAPTER II",
            "Mr. Weston was a native."));
    novels.put(
        "persuasion", List.of("Chapter 1", "", "Sir Walter Elliot, of Kellynch Hall — vain."));
    writeDatabase(directory, novels);

    List<Document> documents = AustenSource.clean(directory);

    assertEquals(
        List.of(
            new Document("emma-0", "EMMA\n\nBy Jane Austen"),
            new Document(
                "emma-1",
                "CHAPTER I\n\n\nEmma Woodhouse, handsome, clever, and rich.\n\nShe was the youngest."),
            new Document("emma-2", "CHAPTER II Mr. Weston was a native."),
            new Document(
                "persuasion-0", "Chapter 1\n\nSir Walter Elliot, of Kellynch Hall — vain.")),
        documents);
  }

  @Test
  void missingDatabaseIsUnavailable(@TempDir Path directory) {
    assertThrows(SourceUnavailableException.class, () -> AustenSource.clean(directory));
  }

  /**
   * Writes Rdata.rdx (gzip, saveRDS-style) and Rdata.rdb (length + zlib blobs) like R's
   * makeLazyLoadDB.
   */
  private static void writeDatabase(Path directory, Map<String, List<String>> variables)
      throws IOException {
    ByteArrayOutputStream database = new ByteArrayOutputStream();
    Map<String, int[]> positions = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> variable : variables.entrySet()) {
      byte[] serialized = serialize(out -> writeStrings(out, variable.getValue()));
      Deflater deflater = new Deflater();
      deflater.setInput(serialized);
      deflater.finish();
      byte[] buffer = new byte[serialized.length + 1024];
      int compressed = deflater.deflate(buffer);
      deflater.end();
      ByteArrayOutputStream blob = new ByteArrayOutputStream();
      new DataOutputStream(blob).writeInt(serialized.length);
      blob.write(buffer, 0, compressed);
      positions.put(variable.getKey(), new int[] {database.size(), blob.size()});
      database.write(blob.toByteArray());
    }
    byte[] index =
        serialize(
            out -> {
              out.writeInt(VECSXP | HAS_ATTRIBUTES);
              out.writeInt(3);
              out.writeInt(VECSXP | HAS_ATTRIBUTES);
              out.writeInt(positions.size());
              for (int[] position : positions.values()) {
                out.writeInt(INTSXP);
                out.writeInt(2);
                out.writeInt(position[0]);
                out.writeInt(position[1]);
              }
              writeNames(out, List.copyOf(positions.keySet()));
              out.writeInt(VECSXP);
              out.writeInt(0);
              out.writeInt(LGLSXP);
              out.writeInt(1);
              out.writeInt(1);
              writeNames(out, List.of("variables", "references", "compressed"));
            });
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write(index);
    }
    Files.write(directory.resolve("Rdata.rdx"), gzipped.toByteArray());
    Files.write(directory.resolve("Rdata.rdb"), database.toByteArray());
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] serialize(Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("X\n");
    out.writeInt(2);
    out.writeInt(0x040201);
    out.writeInt(0x020300);
    body.write(out);
    return bytes.toByteArray();
  }

  private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
    out.writeInt(STRSXP);
    out.writeInt(strings.size());
    for (String string : strings) {
      byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
      out.writeInt(CHARSXP | UTF8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
  }

  /** The attribute pairlist names = c(...), terminating the enclosing vector. */
  private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
    out.writeInt(LISTSXP | HAS_TAG);
    out.writeInt(SYMSXP);
    byte[] tag = "names".getBytes(StandardCharsets.US_ASCII);
    out.writeInt(CHARSXP);
    out.writeInt(tag.length);
    out.write(tag);
    writeStrings(out, names);
    out.writeInt(NILVALUE);
  }
}
