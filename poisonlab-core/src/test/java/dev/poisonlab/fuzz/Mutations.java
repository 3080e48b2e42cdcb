/*
 * Fuzz inputs for the *FuzzTest properties: a valid document with a few random edits (delete, insert JSON-ish
 * or arbitrary characters, replace a value, duplicate, truncate), or plain random text. Edits near-valid input
 * reach deep into a parser; random text covers its first checks. Not a test: just the generators.
 */
package dev.poisonlab.fuzz;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

public final class Mutations {
  private static final String JSONISH =
      "{}[]\":,.-+eE0123456789 \t\\/ntrufalsxyz\u00e9\u4e2d\ud83d\ude00";
  private static final String[] VALUES = {
    "null",
    "true",
    "-1",
    "0",
    "2.7",
    "1e400",
    "\"2\"",
    "\"\"",
    "[]",
    "{}",
    "9223372036854775808",
    "-0.0",
    "\"NaN\"",
    "[1,2]",
    "{\"a\":1}",
    "\"\\u0000\""
  };

  private Mutations() {}

  /** Mostly edited copies of {@code valid}, sometimes random text. */
  public static Arbitrary<String> of(String valid) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.randoms().map(random -> mutate(valid, random))),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
        net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars(JSONISH).ofMaxLength(200)));
  }

  /** One to three random edits of {@code text}. */
  public static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.length());
      int span = Math.min(out.length() - at, 1 + random.nextInt(8));
      switch (random.nextInt(6)) {
        case 0 -> out.delete(at, at + span);
        case 1 -> out.insert(at, JSONISH.charAt(random.nextInt(JSONISH.length())));
        case 2 -> out.replace(at, at + span, VALUES[random.nextInt(VALUES.length)]);
        case 3 -> out.insert(at, out.substring(at, at + span));
        case 4 -> out.setLength(at);
        default -> out.insert(at, (char) random.nextInt(0x3000));
      }
    }
    return out.toString();
  }

  /** Random bytes edits of {@code bytes}: flipped, dropped and inserted bytes, or a cut. */
  public static byte[] mutate(byte[] bytes, Random random) {
    byte[] out = bytes.clone();
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && out.length > 0; i++) {
      int at = random.nextInt(out.length);
      switch (random.nextInt(3)) {
        case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> out[at] = (byte) random.nextInt(256);
        default -> out = java.util.Arrays.copyOf(out, at);
      }
    }
    return out;
  }
}
