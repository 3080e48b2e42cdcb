/*
 * The one way to obtain a Tokenizer from a user's spec: "bytes", "gpt2" / "r50k_base", "o200k_base", or a path to
 * a tokenizer.json (Hugging Face byte-level BPE, or the small marker file write() leaves for a built-in tokenizer).
 * Not a trainer: BpeTrainer makes new vocabularies.
 */
package dev.poisonlab.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class Tokenizers {
  /**
   * Field of the marker file that stands for a built-in tokenizer (bytes, r50k_base, o200k_base).
   */
  static final String BUILT_IN_FIELD = "poisonlab_builtin";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<JtokkitTokenizer.Vocabulary, JtokkitTokenizer> BUILT_IN =
      new ConcurrentHashMap<>();

  private Tokenizers() {}

  /**
   * Resolves a spec; unknown names are treated as paths, so a typo fails as a missing file naming
   * it.
   */
  public static Tokenizer load(String spec) {
    Tokenizer builtIn = builtInNamed(spec);
    return builtIn != null ? builtIn : load(Path.of(spec));
  }

  /** True when {@code spec} names a built-in tokenizer rather than a file. */
  public static boolean isBuiltIn(String spec) {
    return ByteTokenizer.NAME.equals(spec) || builtIn(spec) != null;
  }

  private static Tokenizer builtInNamed(String name) {
    if (ByteTokenizer.NAME.equals(name)) {
      return new ByteTokenizer();
    }
    JtokkitTokenizer.Vocabulary vocabulary = builtIn(name);
    return vocabulary == null ? null : builtIn(vocabulary);
  }

  public static JtokkitTokenizer builtIn(JtokkitTokenizer.Vocabulary vocabulary) {
    return BUILT_IN.computeIfAbsent(vocabulary, JtokkitTokenizer::of);
  }

  private static JtokkitTokenizer.Vocabulary builtIn(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "gpt2":
      case "r50k_base":
        return JtokkitTokenizer.Vocabulary.R50K_BASE;
      case "o200k_base":
        return JtokkitTokenizer.Vocabulary.O200K_BASE;
      default:
        return null;
    }
  }

  public static Tokenizer load(Path path) {
    byte[] definition;
    try {
      definition = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InputException(
          path,
          0,
          "no such tokenizer file (a tokenizer is bytes, gpt2, r50k_base, "
              + "o200k_base or the path of a tokenizer.json)");
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read tokenizer: " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      throw new InputException(path, 0, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(path, 0, "cannot read tokenizer: " + e.getMessage(), e);
    }
    if (root != null && root.has(BUILT_IN_FIELD)) {
      Tokenizer builtIn = builtInNamed(root.get(BUILT_IN_FIELD).asText());
      if (builtIn == null) {
        throw new InputException(
            path,
            0,
            "unknown "
                + BUILT_IN_FIELD
                + " '"
                + root.get(BUILT_IN_FIELD).asText()
                + "' (known: bytes, r50k_base, o200k_base)");
      }
      return builtIn;
    }
    return HfTokenizerJson.parse(root, definition, path);
  }

  /**
   * Writes a file that load(Path) turns back into an equal tokenizer: a BPE tokenizer's own
   * tokenizer.json, or for a built-in tokenizer a one-field marker (jtokkit's vocabularies ship
   * inside its jar).
   */
  public static void write(Tokenizer tokenizer, Path target) {
    if (tokenizer instanceof BpeTokenizer bpe) {
      bpe.write(target);
    } else if (tokenizer instanceof JtokkitTokenizer || tokenizer instanceof ByteTokenizer) {
      AtomicFiles.writeString(
          target, "{\"" + BUILT_IN_FIELD + "\": \"" + tokenizer.name() + "\"}\n");
    } else {
      throw new IllegalArgumentException(
          "cannot write a tokenizer of type " + tokenizer.getClass().getName());
    }
  }
}
