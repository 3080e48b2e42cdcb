/*
 * The one way to obtain a Tokenizer from a user's spec: "gpt2" / "r50k_base", "o200k_base", or a path to a
 * tokenizer.json (Hugging Face byte-level BPE, or the small marker file write() leaves for a jtokkit vocabulary).
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
  /** Field of the marker file that stands for a jtokkit vocabulary inside a stream directory. */
  static final String TIKTOKEN_FIELD = "poisonlab_tiktoken";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<JtokkitTokenizer.Vocabulary, JtokkitTokenizer> BUILT_IN = new ConcurrentHashMap<>();

  private Tokenizers() {}

  /** Resolves a spec; unknown names are treated as paths, so a typo fails as a missing file naming it. */
  public static Tokenizer load(String spec) {
    JtokkitTokenizer.Vocabulary builtIn = builtIn(spec);
    return builtIn != null ? builtIn(builtIn) : load(Path.of(spec));
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
      throw new InputException(path, 0, "no such tokenizer file (a tokenizer is gpt2, r50k_base, o200k_base "
          + "or the path of a tokenizer.json)");
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
    if (root != null && root.has(TIKTOKEN_FIELD)) {
      JtokkitTokenizer.Vocabulary vocabulary = builtIn(root.get(TIKTOKEN_FIELD).asText());
      if (vocabulary == null) {
        throw new InputException(path, 0, "unknown " + TIKTOKEN_FIELD + " '" + root.get(TIKTOKEN_FIELD).asText()
            + "' (known: r50k_base, o200k_base)");
      }
      return builtIn(vocabulary);
    }
    return HfTokenizerJson.parse(root, definition, path);
  }

  /**
   * Writes a file that load(Path) turns back into an equal tokenizer: a BPE tokenizer's own tokenizer.json,
   * or for a jtokkit vocabulary a one-field marker (the vocabulary itself ships in the jtokkit jar).
   */
  public static void write(Tokenizer tokenizer, Path target) {
    if (tokenizer instanceof BpeTokenizer bpe) {
      bpe.write(target);
    } else if (tokenizer instanceof JtokkitTokenizer jtokkit) {
      AtomicFiles.writeString(target, "{\"" + TIKTOKEN_FIELD + "\": \"" + jtokkit.name() + "\"}\n");
    } else {
      throw new IllegalArgumentException("cannot write a tokenizer of type " + tokenizer.getClass().getName());
    }
  }
}
