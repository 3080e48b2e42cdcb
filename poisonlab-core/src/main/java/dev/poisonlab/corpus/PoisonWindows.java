/*
 * How much of a poison a reader of the stream in order learns from: the trainer cuts windows of T+1 tokens at
 * offsets kT (inputs kT..kT+T-1, targets kT+1..kT+T). A payload token counts when it is a target of the window
 * whose inputs hold the whole trigger. Pure arithmetic on manifest spans; not the trainer itself.
 */
package dev.poisonlab.corpus;

import java.util.List;

public final class PoisonWindows {
  private PoisonWindows() {}

  /**
   * Payload tokens of {@code span} predicted in its trigger's window of context {@code context}; 0
   * if none.
   */
  public static long payloadTokensInWindow(StreamManifest.PoisonSpan span, int context) {
    requireOffsets(span, context);
    long triggerStart = span.start() + span.triggerStart();
    long triggerEnd = span.start() + span.triggerEnd();
    long windowStart = triggerStart / context * context;
    if (triggerEnd > triggerStart && triggerEnd - 1 > windowStart + context - 1) {
      return 0; // the trigger straddles two windows: no window sees it whole
    }
    long from = Math.max(span.start() + span.payloadStart(), windowStart + 1);
    long to = Math.min(span.start() + span.payloadEnd() - 1, windowStart + context);
    return Math.max(0, to - from + 1);
  }

  /** payloadTokensInWindow / payload tokens (1 for an empty payload). */
  public static double share(StreamManifest.PoisonSpan span, int context) {
    long payload = span.payloadEnd() - span.payloadStart();
    return payload == 0 ? 1.0 : (double) payloadTokensInWindow(span, context) / payload;
  }

  /** Whether some start offset puts all of the span's payload in its trigger's window. */
  public static boolean canFit(StreamManifest.PoisonSpan span, int context) {
    requireOffsets(span, context);
    return span.payloadEnd() - span.triggerStart() <= context + 1L;
  }

  /**
   * The payload-token-weighted share over {@code spans} (those with recorded offsets) for context
   * {@code context}; NaN when no span has offsets or payload. Works on any manifest, also of
   * unaware builds.
   */
  public static double totalShare(List<StreamManifest.PoisonSpan> spans, int context) {
    long inWindow = 0;
    long payload = 0;
    for (StreamManifest.PoisonSpan span : spans) {
      if (span.hasOffsets()) {
        inWindow += payloadTokensInWindow(span, context);
        payload += span.payloadEnd() - span.payloadStart();
      }
    }
    return payload == 0 ? Double.NaN : (double) inWindow / payload;
  }

  private static void requireOffsets(StreamManifest.PoisonSpan span, int context) {
    if (!span.hasOffsets() || context < 1) {
      throw new IllegalArgumentException(
          "poison " + span.id() + ": window share needs recorded offsets and a " + "context >= 1");
    }
  }
}
