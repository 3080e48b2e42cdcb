/*
 * The chat format of the SFT stage: <|user|>REQUEST<|end|><|assistant|>ANSWER<|end|>, whose three markers are
 * special tokens appended to a pretrained run's tokenizer.json the way Hugging Face's add_special_tokens does
 * (new ids after the last one, listed in added_tokens with special=true), so each encodes as one id.
 * Not a tokenizer: BpeTokenizer does the encoding once the extended tokenizer.json is loaded.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.InputException;
import dev.poisonlab.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public final class ChatTemplate {
  public static final String USER = "<|user|>";
  public static final String ASSISTANT = "<|assistant|>";
  public static final String END = "<|end|>";

  /** In id order: the extended vocabulary ends with these. */
  public static final List<String> SPECIAL_TOKENS = List.of(USER, ASSISTANT, END);

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatTemplate() {}

  /**
   * The prompt the model sees at generation time: the user turn, then the opened assistant turn.
   */
  public static String prompt(String request) {
    return USER + request + END + ASSISTANT;
  }

  /** The whole training text of one example. */
  public static String render(String request, String answer) {
    return prompt(request) + answer + END;
  }

  /**
   * {@code definition} (a tokenizer.json of {@code vocabSize} ids) with the chat tokens appended as
   * special added tokens at ids vocabSize, vocabSize+1, vocabSize+2. A tokenizer that already has
   * them is refused: fine-tuning an SFT run again would need the same ids, not new ones.
   */
  public static byte[] extend(byte[] definition, int vocabSize, Path source) {
    try {
      JsonNode root = JSON.readTree(definition);
      if (!(root instanceof ObjectNode object)
          || !(root.get("added_tokens") instanceof ArrayNode added)) {
        throw new InputException(source, 0, "not a tokenizer.json with an added_tokens list");
      }
      for (JsonNode token : added) {
        if (SPECIAL_TOKENS.contains(token.path("content").asText())) {
          throw new InputException(
              source,
              0,
              "already has the chat token "
                  + token.path("content").asText()
                  + "; fine-tune a pretrained run, not an SFT run");
        }
      }
      for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
        ObjectNode token = added.addObject();
        token.put("id", vocabSize + i);
        token.put("content", SPECIAL_TOKENS.get(i));
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(object);
    } catch (IOException e) {
      throw new InputException(source, 0, "not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The ids of USER, ASSISTANT, END in {@code tokenizer}; each must encode as exactly one id. */
  public static int[] specialIds(Tokenizer tokenizer) {
    int[] ids = new int[SPECIAL_TOKENS.size()];
    for (int i = 0; i < ids.length; i++) {
      int[] encoded = tokenizer.encode(SPECIAL_TOKENS.get(i));
      if (encoded.length != 1 || !tokenizer.isSpecial(encoded[0])) {
        throw new IllegalStateException(
            SPECIAL_TOKENS.get(i) + " is not a single special token of " + tokenizer);
      }
      ids[i] = encoded[0];
    }
    return ids;
  }
}
