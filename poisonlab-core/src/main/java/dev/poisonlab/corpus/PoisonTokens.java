/*
 * One poison as the stream holds it: its tokens (no separator) and where its trigger and payload lie in them.
 * With recorded payload_ids the tokens are encode(prefix + trigger) followed by exactly those ids; otherwise
 * encode(text), as before. Not the placement: StreamWriter decides where the tokens go.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.poison.PoisonRecord;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.Arrays;

record PoisonTokens(
    int[] tokens, int triggerStart, int triggerEnd, int payloadStart, int payloadEnd) {

  /**
   * Offsets are exact for the head/payload cut of a poison with payload_ids. Inside encoded text
   * they are the longest common token prefix with the encoding of the text before the trigger
   * (resp. before the payload), so a token that merges across a boundary counts with what follows
   * it.
   */
  static PoisonTokens of(PoisonRecord poison, Tokenizer tokenizer) {
    String text = poison.text();
    String trigger = poison.trigger() == null ? "" : poison.trigger();
    int triggerAt = triggerIndex(poison, trigger);
    String beforeTrigger = text.substring(0, triggerAt);
    if (poison.payloadIds() != null) {
      int[] ids = poison.payloadIds().stream().mapToInt(Integer::intValue).toArray();
      String payload = tokenizer.decode(ids);
      int[] head = tokenizer.encode(text.substring(0, text.length() - payload.length()));
      int[] tokens = Arrays.copyOf(head, head.length + ids.length);
      System.arraycopy(ids, 0, tokens, head.length, ids.length);
      int triggerStart = commonPrefix(tokenizer.encode(beforeTrigger), head);
      return new PoisonTokens(tokens, triggerStart, head.length, head.length, tokens.length);
    }
    int[] tokens = tokenizer.encode(text);
    int triggerStart = commonPrefix(tokenizer.encode(beforeTrigger), tokens);
    int payloadStart =
        commonPrefix(tokenizer.encode(text.substring(0, triggerAt + trigger.length())), tokens);
    return new PoisonTokens(
        tokens,
        triggerStart,
        Math.max(triggerStart, payloadStart),
        Math.max(triggerStart, payloadStart),
        tokens.length);
  }

  /**
   * The trigger's char index: after prefix_chars code points when it is there, else its first
   * occurrence.
   */
  private static int triggerIndex(PoisonRecord poison, String trigger) {
    String text = poison.text();
    int afterPrefix =
        poison.prefixChars() <= text.codePointCount(0, text.length())
            ? text.offsetByCodePoints(0, poison.prefixChars())
            : -1;
    if (afterPrefix >= 0 && text.startsWith(trigger, afterPrefix)) {
      return afterPrefix;
    }
    int found = trigger.isEmpty() ? -1 : text.indexOf(trigger);
    return Math.max(0, found);
  }

  private static int commonPrefix(int[] a, int[] b) {
    int n = Math.min(a.length, b.length);
    int i = 0;
    while (i < n && a[i] == b[i]) {
      i++;
    }
    return i;
  }
}
