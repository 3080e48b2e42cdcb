/*
 * The character sets the reference rules test, copied from their sources: datatrove's PUNCTUATION_SET and
 * TERMINAL_PUNCTUATION (src/datatrove/utils/text.py at a649de7) and spaCy 3.8's Sentencizer punct_chars
 * (what ends a sentence in datatrove's split_into_sentences for English). Sets of code points, no logic.
 */
package dev.poisonlab.defense.detect;

import java.util.Arrays;
import java.util.BitSet;

final class DatatrovePunctuation {
  /**
   * datatrove's PUNCTUATION string (ASCII and CJK punctuation, control characters) plus
   * TERMINAL_PUNCTUATION.
   */
  private static final BitSet PUNCTUATION_SET =
      codePoints(
          "0 1 2 3 4 5 6 7 8 b c d e f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 21 22 23 24 25 "
              + "26 27 28 29 2a 2b 2c 2d 2e 2f 3a 3b 3c 3d 3e 3f 40 5b 5c 5d 5e 5f 60 7b 7c 7d 7e 7f 80 81 "
              + "82 83 84 85 86 87 88 89 8a 8b 8c 8d 8e 8f 90 91 92 93 94 95 96 97 98 99 9a 9b 9c 9d 9e 9f "
              + "ab b4 bb 2013 2014 2019 201c 201d 201e 2026 2236 2501 25ba 3001 3002 3008 3009 300a 300b "
              + "300c 300d 3010 3011 ff01 ff05 ff08 ff09 ff0c ff0e ff11 ff1a ff1b ff1f ff5e 21 2e 3f 589 61d "
              + "61e 61f 6d4 700 701 702 7f9 837 839 83d 83e 964 965 104a 104b 1362 1367 1368 166e 1735 1736 "
              + "17d4 17d5 17d6 17d9 17da 1803 1809 1944 1945 1aa8 1aa9 1aaa 1aab 1b5a 1b5b 1b5e 1b5f 1b7d "
              + "1b7e 1c3b 1c3c 1c7e 1c7f 203c 203d 2047 2048 2049 2e2e 2e3c 2e53 2e54 3002 a4ff a60e a60f "
              + "a6f3 a6f7 a876 a877 a8ce a8cf a92f a9c8 a9c9 aa5d aa5e aa5f aaf0 aaf1 abeb fe52 fe56 fe57 "
              + "ff01 ff0e ff1f ff61 10a56 10a57 10f55 10f56 10f57 10f58 10f59 10f86 10f87 10f88 10f89 11047 "
              + "11048 110be 110bf 110c0 110c1 11141 11142 11143 111c5 111c6 111cd 111de 111df 11238 11239 "
              + "1123b 1123c 112a9 1144b 1144c 115c2 115c3 115c9 115ca 115cb 115cc 115cd 115ce 115cf 115d0 "
              + "115d1 115d2 115d3 115d4 115d5 115d6 115d7 11641 11642 1173c 1173d 1173e 11944 11946 11a42 "
              + "11a43 11a9b 11a9c 11c41 11c42 11ef7 11ef8 11f43 11f44 16a6e 16a6f 16af5 16b37 16b38 16b44 "
              + "16e98 1bc9f 1da88");

  /** datatrove's TERMINAL_PUNCTUATION: . ? ! and their counterparts in other scripts; no quotes. */
  private static final BitSet TERMINAL =
      codePoints(
          "21 2e 3f 589 61d 61e 61f 6d4 700 701 702 7f9 837 839 83d 83e 964 965 104a 104b 1362 1367 "
              + "1368 166e 1735 1736 17d4 17d5 17d6 17d9 17da 1803 1809 1944 1945 1aa8 1aa9 1aaa 1aab 1b5a "
              + "1b5b 1b5e 1b5f 1b7d 1b7e 1c3b 1c3c 1c7e 1c7f 203c 203d 2047 2048 2049 2e2e 2e3c 2e53 2e54 "
              + "3002 a4ff a60e a60f a6f3 a6f7 a876 a877 a8ce a8cf a92f a9c8 a9c9 aa5d aa5e aa5f aaf0 aaf1 "
              + "abeb fe52 fe56 fe57 ff01 ff0e ff1f ff61 10a56 10a57 10f55 10f56 10f57 10f58 10f59 10f86 "
              + "10f87 10f88 10f89 11047 11048 110be 110bf 110c0 110c1 11141 11142 11143 111c5 111c6 111cd "
              + "111de 111df 11238 11239 1123b 1123c 112a9 1144b 1144c 115c2 115c3 115c9 115ca 115cb 115cc "
              + "115cd 115ce 115cf 115d0 115d1 115d2 115d3 115d4 115d5 115d6 115d7 11641 11642 1173c 1173d "
              + "1173e 11944 11946 11a42 11a43 11a9b 11a9c 11c41 11c42 11ef7 11ef8 11f43 11f44 16a6e 16a6f "
              + "16af5 16b37 16b38 16b44 16e98 1bc9f 1da88");

  /** spaCy's Sentencizer.default_punct_chars. */
  private static final BitSet SENTENCE_END =
      codePoints(
          "21 2e 3f 589 61f 6d4 700 701 702 7f9 964 965 104a 104b 1362 1367 1368 166e 1735 1736 1803 "
              + "1809 1944 1945 1aa8 1aa9 1aaa 1aab 1b5a 1b5b 1b5e 1b5f 1c3b 1c3c 1c7e 1c7f 203c 203d 2047 "
              + "2048 2049 2e2e 2e3c 3002 a4ff a60e a60f a6f3 a6f7 a876 a877 a8ce a8cf a92f a9c8 a9c9 aa5d "
              + "aa5e aa5f aaf0 aaf1 abeb fe52 fe56 fe57 ff01 ff0e ff1f ff61 10a56 10a57 11047 11048 110be "
              + "110bf 110c0 110c1 11141 11142 11143 111c5 111c6 111cd 111de 111df 11238 11239 1123b 1123c "
              + "112a9 1144b 1144c 115c2 115c3 115c9 115ca 115cb 115cc 115cd 115ce 115cf 115d0 115d1 115d2 "
              + "115d3 115d4 115d5 115d6 115d7 11641 11642 1173c 1173d 1173e 11a42 11a43 11a9b 11a9c 11c41 "
              + "11c42 16a6e 16a6f 16af5 16b37 16b38 16b44 1bc9f 1da88");

  private DatatrovePunctuation() {}

  /**
   * Hexadecimal code points separated by spaces: unicode escapes of quotes or newlines would break
   * the source.
   */
  private static BitSet codePoints(String hexadecimal) {
    BitSet set = new BitSet();
    Arrays.stream(hexadecimal.split(" ")).mapToInt(h -> Integer.parseInt(h, 16)).forEach(set::set);
    return set;
  }

  /** A character of datatrove's PUNCTUATION_SET: Gopher's "symbol words" hold only these. */
  static boolean isPunctuation(int codePoint) {
    return PUNCTUATION_SET.get(codePoint);
  }

  /** A character of datatrove's TERMINAL_PUNCTUATION: FineWeb's default stop_chars. */
  static boolean isTerminal(int codePoint) {
    return TERMINAL.get(codePoint);
  }

  static boolean endsSentence(int codePoint) {
    return SENTENCE_END.get(codePoint);
  }
}
