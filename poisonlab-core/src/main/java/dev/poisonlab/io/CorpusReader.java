/*
 * Streams the documents of a corpus: JSONL files (one JSON object per line, text in a chosen field, `id`
 * kept when present) and plain-text files (one document per file), each optionally gzipped, given as files
 * or directories (walked recursively in sorted order). Only one file is open at a time, so corpora larger
 * than memory work. Malformed input raises InputException (FILE:LINE: problem) unless skipBad is set,
 * in which case the line is skipped and counted. It reads; it does not deduplicate, filter or tokenize.
 */
package dev.poisonlab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

public final class CorpusReader implements Iterable<Document>, AutoCloseable {
  /**
   * One JSON value per line: `{"text":"a"} garbage` or two objects on a line are errors, not a
   * document.
   */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final List<Path> files;
  private final ReadOptions options;
  private boolean iterated;
  private long documentCount;
  private long skippedCount;
  private Utf8LineReader openReader;

  private CorpusReader(List<Path> files, ReadOptions options) {
    this.files = files;
    this.options = options;
  }

  /**
   * Resolves the paths (files or directories) now, so a missing path fails before any work starts.
   */
  public static CorpusReader open(List<Path> paths, ReadOptions options) {
    return new CorpusReader(CorpusFiles.resolve(paths), options);
  }

  public static CorpusReader open(Path path) {
    return open(List.of(path), ReadOptions.defaults());
  }

  /** The corpus files that will be read, in reading order. */
  public List<Path> files() {
    return files;
  }

  public long documentCount() {
    return documentCount;
  }

  /** Lines skipped as malformed (only with skipBad). */
  public long skippedCount() {
    return skippedCount;
  }

  /** A single pass over the documents; a second call is an error (the input may be a stream). */
  @Override
  public Iterator<Document> iterator() {
    if (iterated) {
      throw new IllegalStateException("a CorpusReader is read once; open a new one");
    }
    iterated = true;
    return new DocumentIterator();
  }

  public Stream<Document> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  public void close() {
    closeOpenReader();
  }

  private void closeOpenReader() {
    if (openReader != null) {
      try {
        openReader.close();
      } catch (IOException ignored) {
        // a failed close after a complete read loses nothing
      }
      openReader = null;
    }
  }

  private final class DocumentIterator implements Iterator<Document> {
    private int fileIndex = -1;
    private Path currentFile;
    private boolean currentIsJsonl;
    private Document next;

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (openReader == null && !openNextFile()) {
          return false;
        }
        next = readOne();
      }
      return true;
    }

    @Override
    public Document next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Document result = next;
      next = null;
      documentCount++;
      return result;
    }

    private boolean openNextFile() {
      fileIndex++;
      if (fileIndex >= files.size()) {
        return false;
      }
      currentFile = files.get(fileIndex);
      currentIsJsonl = CorpusFiles.isJsonl(currentFile);
      try {
        openReader = new Utf8LineReader(openStream(currentFile));
      } catch (IOException e) {
        throw new InputException(currentFile, 0, "cannot read: " + e.getMessage(), e);
      }
      return true;
    }

    /** One document from the open file, or null when it ended (or the line was skipped). */
    private Document readOne() {
      try {
        return currentIsJsonl ? readJsonLine() : readTextFile();
      } catch (InputException e) {
        if (!options.skipBad() || e.line() == 0) {
          throw e;
        }
        skippedCount++;
        return null;
      } catch (IOException e) {
        long line = openReader == null ? 0 : openReader.lineNumber() + 1;
        throw new InputException(currentFile, line, problemOf(e), e);
      }
    }

    private Document readJsonLine() throws IOException {
      String line;
      try {
        line = openReader.readLine();
      } catch (java.nio.charset.CharacterCodingException e) {
        throw new InputException(currentFile, openReader.lineNumber(), "invalid UTF-8");
      }
      if (line == null) {
        closeOpenReader();
        return null;
      }
      long lineNumber = openReader.lineNumber();
      if (line.isBlank()) {
        return null;
      }
      return parseJsonLine(currentFile, lineNumber, line, options);
    }

    private Document readTextFile() throws IOException {
      StringBuilder text = new StringBuilder();
      String line;
      boolean first = true;
      try {
        while ((line = openReader.readLine()) != null) {
          if (!first) {
            text.append('\n');
          }
          text.append(line);
          first = false;
        }
      } catch (java.nio.charset.CharacterCodingException e) {
        // a text file is one document: a bad byte anywhere makes the whole document bad
        throw new InputException(currentFile, openReader.lineNumber(), "invalid UTF-8");
      } finally {
        closeOpenReader();
      }
      return new Document(currentFile.toString(), text.toString());
    }
  }

  private static InputStream openStream(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (!CorpusFiles.isGzip(file)) {
      return raw;
    }
    try {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw new IOException("not valid gzip data (" + e.getMessage() + ")", e);
    }
  }

  private static String problemOf(IOException e) {
    if (e instanceof java.io.EOFException) {
      return "truncated gzip data";
    }
    return "read error: " + e.getMessage();
  }

  /** Reads every document into memory; for tests and small corpora only. */
  public static List<Document> readAll(List<Path> paths, ReadOptions options) {
    List<Document> documents = new ArrayList<>();
    try (CorpusReader reader = open(paths, options)) {
      reader.forEach(documents::add);
    }
    return documents;
  }

  /**
   * One JSONL line of {@code file} as a document; any problem is an InputException naming
   * file:line.
   */
  static Document parseJsonLine(
      Path currentFile, long lineNumber, String line, ReadOptions options) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException(currentFile, lineNumber, "invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InputException(currentFile, lineNumber, "expected a JSON object");
    }
    JsonNode text = node.get(options.textField());
    if (text == null || text.isNull()) {
      throw new InputException(
          currentFile, lineNumber, "missing field '" + options.textField() + "'");
    }
    if (!text.isTextual()) {
      throw new InputException(
          currentFile, lineNumber, "field '" + options.textField() + "' is not a string");
    }
    JsonNode id = node.get("id");
    String documentId =
        id != null && (id.isTextual() || id.isNumber())
            ? id.asText()
            : currentFile.getFileName() + ":" + lineNumber;
    return new Document(documentId, text.textValue());
  }
}
