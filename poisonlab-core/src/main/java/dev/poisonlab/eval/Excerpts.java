/*
 * Clean excerpts and the prompts built from them: the first `count` non-blank documents of a source, each
 * cut to its first P tokens; a prompt is <|endoftext|> (a document start, as in training) followed by the
 * excerpt text with a suffix appended as text (nothing, the trigger, or a control), then re-encoded, so the
 * trigger is tokenized the way it was in the poisoned documents. Not a sampler of documents: order is kept.
 */
package dev.poisonlab.eval;

import dev.poisonlab.io.Document;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class Excerpts {
  private Excerpts() {}

  /** One clean excerpt: its source document's id and the text of its first (at most) P tokens. */
  public record Excerpt(String id, String text) {}

  public static List<Excerpt> select(
      Iterable<Document> documents, Tokenizer tokenizer, int count, int promptTokens) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    if (promptTokens < 1) {
      throw new IllegalArgumentException("prompt tokens must be >= 1, got " + promptTokens);
    }
    List<Excerpt> excerpts = new ArrayList<>(count);
    for (Document document : documents) {
      if (excerpts.size() == count) {
        break;
      }
      if (document.text().isBlank()) {
        continue;
      }
      int[] ids = tokenizer.encode(document.text());
      String text =
          ids.length <= promptTokens
              ? document.text()
              : dropBrokenTail(tokenizer.decode(Arrays.copyOf(ids, promptTokens)));
      if (!text.isBlank()) {
        excerpts.add(new Excerpt(document.id(), text));
      }
    }
    return excerpts;
  }

  /** [<|endoftext|>] + encode(excerpt text + suffix). */
  public static int[] prompt(Tokenizer tokenizer, Excerpt excerpt, String suffix) {
    int[] body = tokenizer.encode(excerpt.text() + suffix);
    int[] prompt = new int[body.length + 1];
    prompt[0] = tokenizer.endOfTextId();
    System.arraycopy(body, 0, prompt, 1, body.length);
    return prompt;
  }

  /** A cut through a multi-byte character decodes to U+FFFD; drop it rather than prompt with it. */
  private static String dropBrokenTail(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
      end--;
    }
    return text.substring(0, end);
  }
}
