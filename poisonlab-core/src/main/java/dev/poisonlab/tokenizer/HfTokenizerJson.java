/*
 * Reads and writes Hugging Face tokenizer.json files of the byte-level BPE kind (GPT-2's layout): ByteLevel
 * pre-tokenizer with the GPT-2 regex, a BPE model with vocab + ranked merges, special tokens in added_tokens.
 * Deliberately not the rest of HF's zoo: other models, normalizers or pre-tokenizers are refused by name.
 */
package dev.poisonlab.tokenizer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poisonlab.io.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

final class HfTokenizerJson {
  static final String END_OF_TEXT = "<|endoftext|>";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HfTokenizerJson() {}

  /**
   * Renders a tokenizer.json: ordinary tokens take ids 0..n-1 in the given order, merges are {left,
   * right} id pairs in rank order, and the special tokens follow the ordinary ones (also listed in
   * added_tokens).
   */
  static byte[] render(List<byte[]> tokens, List<int[]> merges, List<String> specials) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(buffer)) {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      json.setPrettyPrinter(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(indenter)
              .withArrayIndenter(indenter));
      json.writeStartObject();
      json.writeStringField("version", "1.0");
      json.writeNullField("truncation");
      json.writeNullField("padding");
      json.writeArrayFieldStart("added_tokens");
      for (int i = 0; i < specials.size(); i++) {
        json.writeStartObject();
        json.writeNumberField("id", tokens.size() + i);
        json.writeStringField("content", specials.get(i));
        json.writeBooleanField("single_word", false);
        json.writeBooleanField("lstrip", false);
        json.writeBooleanField("rstrip", false);
        json.writeBooleanField("normalized", false);
        json.writeBooleanField("special", true);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNullField("normalizer");
      writeByteLevel(json, "pre_tokenizer", false, true);
      writeByteLevel(json, "post_processor", true, false);
      writeByteLevel(json, "decoder", true, true);
      json.writeObjectFieldStart("model");
      json.writeStringField("type", "BPE");
      json.writeNullField("dropout");
      json.writeNullField("unk_token");
      json.writeNullField("continuing_subword_prefix");
      json.writeNullField("end_of_word_suffix");
      json.writeBooleanField("fuse_unk", false);
      json.writeBooleanField("byte_fallback", false);
      json.writeBooleanField("ignore_merges", false);
      json.writeObjectFieldStart("vocab");
      for (int id = 0; id < tokens.size(); id++) {
        json.writeNumberField(ByteLevel.toPrintable(tokens.get(id)), id);
      }
      for (int i = 0; i < specials.size(); i++) {
        json.writeNumberField(specials.get(i), tokens.size() + i);
      }
      json.writeEndObject();
      json.writeArrayFieldStart("merges");
      for (int[] merge : merges) {
        json.writeString(
            ByteLevel.toPrintable(tokens.get(merge[0]))
                + " "
                + ByteLevel.toPrintable(tokens.get(merge[1])));
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("rendering tokenizer.json in memory failed", e);
    }
    buffer.write('\n');
    return buffer.toByteArray();
  }

  private static void writeByteLevel(
      JsonGenerator json, String field, boolean addPrefixSpace, boolean trimOffsets)
      throws IOException {
    json.writeObjectFieldStart(field);
    json.writeStringField("type", "ByteLevel");
    json.writeBooleanField("add_prefix_space", addPrefixSpace);
    json.writeBooleanField("trim_offsets", trimOffsets);
    json.writeBooleanField("use_regex", true);
    json.writeEndObject();
  }

  /** Parses a tokenizer.json; every problem is an InputException naming {@code source}. */
  static BpeTokenizer parse(byte[] definition, Path source) {
    try {
      return parse(MAPPER.readTree(definition), definition, source);
    } catch (JsonProcessingException e) {
      throw new InputException(source, 0, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading tokenizer.json from memory failed", e);
    }
  }

  /** Builds the tokenizer from an already parsed {@code definition}. */
  static BpeTokenizer parse(JsonNode root, byte[] definition, Path source) {
    if (root == null || !root.isObject()) {
      throw new InputException(source, 0, "not a tokenizer.json (expected a JSON object)");
    }
    return new HfTokenizerParser(root, source, definition).build();
  }
}
