/*
 * Test helper: rebuilds GPT-2's Hugging Face tokenizer.json (byte-level vocab + 50,000 ranked merges) from the
 * r50k_base ranks inside jtokkit, the way transformers' tiktoken converter does: each token's merge is the split
 * that BPE with the lower-ranked tokens ends in. Gives a real GPT-2-format file without network access.
 */
package dev.poisonlab.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class Gpt2TokenizerJson {
  private Gpt2TokenizerJson() {}

  static byte[] build() throws Exception {
    JtokkitTokenizer gpt2 = Tokenizers.builtIn(JtokkitTokenizer.Vocabulary.R50K_BASE);
    int ordinary = gpt2.vocabSize() - 1;
    Map<String, Integer> ranks = new HashMap<>();
    for (int id = 0; id < ordinary; id++) {
      ranks.put(latin1(gpt2.tokenBytes(id)), id);
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("version", "1.0");
    ArrayNode added = root.putArray("added_tokens");
    ObjectNode endOfText = added.addObject();
    endOfText
        .put("id", ordinary)
        .put("content", "<|endoftext|>")
        .put("single_word", false)
        .put("lstrip", false)
        .put("rstrip", false)
        .put("normalized", true)
        .put("special", true);
    root.putNull("normalizer");
    root.putObject("pre_tokenizer")
        .put("type", "ByteLevel")
        .put("add_prefix_space", false)
        .put("trim_offsets", true)
        .put("use_regex", true);
    root.putObject("post_processor")
        .put("type", "ByteLevel")
        .put("add_prefix_space", true)
        .put("trim_offsets", false)
        .put("use_regex", true);
    root.putObject("decoder")
        .put("type", "ByteLevel")
        .put("add_prefix_space", true)
        .put("trim_offsets", true)
        .put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model
        .put("type", "BPE")
        .putNull("dropout")
        .putNull("unk_token")
        .put("continuing_subword_prefix", "")
        .put("end_of_word_suffix", "")
        .put("fuse_unk", false);
    ObjectNode vocab = model.putObject("vocab");
    ArrayNode merges = model.putArray("merges");
    for (int id = 0; id < ordinary; id++) {
      byte[] token = gpt2.tokenBytes(id);
      vocab.put(ByteLevel.toPrintable(token), id);
      if (token.length > 1) {
        List<String> parts = bpe(ranks, token, id);
        if (parts.size() != 2) {
          throw new IllegalStateException("token " + id + " does not split in two: " + parts);
        }
        merges.add(
            ByteLevel.toPrintable(parts.get(0).getBytes(StandardCharsets.ISO_8859_1))
                + " "
                + ByteLevel.toPrintable(parts.get(1).getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    vocab.put("<|endoftext|>", ordinary);
    return mapper.writeValueAsBytes(root);
  }

  private static List<String> bpe(Map<String, Integer> ranks, byte[] token, int maxRank) {
    List<String> parts = new ArrayList<>();
    for (byte b : token) {
      parts.add(latin1(new byte[] {b}));
    }
    while (true) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < parts.size(); i++) {
        Integer rank = ranks.get(parts.get(i) + parts.get(i + 1));
        if (rank != null && rank < bestRank) {
          best = i;
          bestRank = rank;
        }
      }
      if (best < 0 || bestRank >= maxRank) {
        return parts;
      }
      parts.set(best, parts.get(best) + parts.remove(best + 1));
    }
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
