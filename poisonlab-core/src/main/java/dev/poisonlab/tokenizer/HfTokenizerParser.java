/*
 * Validates a parsed tokenizer.json and builds the BpeTokenizer it defines. Only what our encoder reproduces
 * exactly is accepted (byte-level BPE, no normalizer, GPT-2 regex); anything else fails naming the field.
 * Not a general HF loader: non-special added tokens are kept as vocabulary but not split out of text.
 */
package dev.poisonlab.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poisonlab.io.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;

final class HfTokenizerParser {
  private final JsonNode root;
  private final Path source;
  private final byte[] definition;

  HfTokenizerParser(JsonNode root, Path source, byte[] definition) {
    this.root = root;
    this.source = source;
    this.definition = definition;
  }

  BpeTokenizer build() {
    JsonNode model = root.path("model");
    String type = model.path("type").asText("");
    if (!type.equals("BPE")) {
      throw fail(
          "unsupported tokenizer model type '" + type + "' (only byte-level BPE is supported)");
    }
    checkPipeline();
    checkModelOptions(model);

    Map<String, Integer> vocab = new HashMap<>();
    int maxId = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      int id = requireId(entry.getValue(), "model.vocab['" + entry.getKey() + "']");
      vocab.put(entry.getKey(), id);
      maxId = Math.max(maxId, id);
    }
    if (vocab.isEmpty()) {
      throw fail("model.vocab is missing or empty");
    }
    for (JsonNode added : root.path("added_tokens")) {
      maxId = Math.max(maxId, requireId(added.path("id"), "added_tokens id"));
    }

    int vocabSize = maxId + 1;
    byte[][] tokenBytes = new byte[vocabSize][];
    boolean[] special = new boolean[vocabSize];
    for (JsonNode added : root.path("added_tokens")) {
      int id = added.path("id").asInt();
      String content = added.path("content").asText();
      tokenBytes[id] = content.getBytes(StandardCharsets.UTF_8);
      special[id] = added.path("special").asBoolean(false);
    }
    for (Map.Entry<String, Integer> entry : vocab.entrySet()) {
      int id = entry.getValue();
      if (tokenBytes[id] != null) {
        continue; // an added token: its text is its content, already set
      }
      byte[] bytes = ByteLevel.toBytes(entry.getKey());
      if (bytes == null) {
        throw fail("model.vocab token '" + entry.getKey() + "' is not in the byte-level alphabet");
      }
      tokenBytes[id] = bytes;
    }
    if (vocab.size() != new HashSet<>(vocab.values()).size()) {
      throw fail("model.vocab gives one id to two tokens");
    }
    for (int id = 0; id < vocabSize; id++) {
      if (tokenBytes[id] == null) {
        throw fail(
            "token ids are not dense: id "
                + id
                + " is missing (vocabulary size "
                + vocabSize
                + ")");
      }
    }

    int[] byteToId = new int[256];
    for (int b = 0; b < 256; b++) {
      Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
      if (id == null) {
        throw fail(
            String.format(
                "model.vocab lacks the byte token for 0x%02X, so some text cannot be encoded", b));
      }
      byteToId[b] = id;
    }
    BpeModel bpe = new BpeModel(byteToId, readMerges(model.path("merges"), vocab));
    Integer endOfText = findEndOfText(vocab);
    return new BpeTokenizer(bpe, tokenBytes, special, endOfText, definition);
  }

  private MergeTable readMerges(JsonNode merges, Map<String, Integer> vocab) {
    if (!merges.isArray()) {
      throw fail("model.merges is missing or not an array");
    }
    MergeTable table = new MergeTable(merges.size());
    int rank = 0;
    for (JsonNode merge : merges) {
      String left;
      String right;
      if (merge.isTextual()) {
        String[] parts = merge.asText().split(" ", -1);
        if (parts.length != 2) {
          throw fail(
              "model.merges["
                  + rank
                  + "] '"
                  + merge.asText()
                  + "' is not two tokens separated by one space");
        }
        left = parts[0];
        right = parts[1];
      } else if (merge.isArray() && merge.size() == 2) {
        left = merge.get(0).asText();
        right = merge.get(1).asText();
      } else {
        throw fail("model.merges[" + rank + "] is neither \"a b\" nor [\"a\", \"b\"]");
      }
      table.put(
          lookup(vocab, left, rank),
          lookup(vocab, right, rank),
          rank,
          lookup(vocab, left + right, rank));
      rank++;
    }
    return table;
  }

  private int lookup(Map<String, Integer> vocab, String token, int rank) {
    Integer id = vocab.get(token);
    if (id == null) {
      throw fail("model.merges[" + rank + "] uses '" + token + "', which is not in model.vocab");
    }
    return id;
  }

  private Integer findEndOfText(Map<String, Integer> vocab) {
    for (JsonNode added : root.path("added_tokens")) {
      if (HfTokenizerJson.END_OF_TEXT.equals(added.path("content").asText())) {
        return added.path("id").asInt();
      }
    }
    Integer id = vocab.get(HfTokenizerJson.END_OF_TEXT);
    if (id == null) {
      throw fail(
          "has no "
              + HfTokenizerJson.END_OF_TEXT
              + " token (poisonlab separates documents with it)");
    }
    return id;
  }

  private void checkPipeline() {
    if (!root.path("normalizer").isNull() && !root.path("normalizer").isMissingNode()) {
      throw fail(
          "unsupported normalizer "
              + root.path("normalizer").path("type").asText("?")
              + " (only none)");
    }
    JsonNode pre = root.path("pre_tokenizer");
    if (!pre.path("type").asText("").equals("ByteLevel")) {
      throw fail(
          "unsupported pre_tokenizer '" + pre.path("type").asText("none") + "' (only ByteLevel)");
    }
    if (pre.path("add_prefix_space").asBoolean(false) || !pre.path("use_regex").asBoolean(true)) {
      throw fail(
          "unsupported ByteLevel pre_tokenizer options (need add_prefix_space false, use_regex true)");
    }
    JsonNode decoder = root.path("decoder");
    if (!decoder.isNull()
        && !decoder.isMissingNode()
        && !decoder.path("type").asText("").equals("ByteLevel")) {
      throw fail("unsupported decoder '" + decoder.path("type").asText("?") + "' (only ByteLevel)");
    }
  }

  private void checkModelOptions(JsonNode model) {
    if (model.path("dropout").asDouble(0) != 0) {
      throw fail("BPE dropout is not supported (encoding would not be deterministic)");
    }
    if (!model.path("continuing_subword_prefix").asText("").isEmpty()
        || !model.path("end_of_word_suffix").asText("").isEmpty()) {
      throw fail("BPE continuing_subword_prefix / end_of_word_suffix are not supported");
    }
    if (model.path("byte_fallback").asBoolean(false)
        || model.path("ignore_merges").asBoolean(false)) {
      throw fail("BPE byte_fallback / ignore_merges are not supported");
    }
  }

  private int requireId(JsonNode node, String what) {
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 0) {
      throw fail(what + " is not a non-negative integer id");
    }
    return node.asInt();
  }

  private InputException fail(String problem) {
    return new InputException(source, 0, problem);
  }
}
