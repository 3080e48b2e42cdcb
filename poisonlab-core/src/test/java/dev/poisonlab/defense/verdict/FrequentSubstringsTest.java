/*
 * The substring counting under trigger discovery and the confirmed verdict: counts are per document and stop
 * at a window's cut, the frequent set is prefix-closed (what SubstringIndex's early stop relies on), and the
 * index finds exactly what String.indexOf finds (property over random texts), hash collisions or not.
 */
package dev.poisonlab.defense.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrequentSubstringsTest {
  private static FrequentSubstrings.Window cut(String text, int cut) {
    return new FrequentSubstrings.Window(text, cut);
  }

  @Test
  void countsDocumentsNotOccurrencesAndOnlyStartsBeforeTheCut() {
    List<List<FrequentSubstrings.Window>> documents =
        List.of(
            List.of(cut("abab xy", 7), cut("abab", 4)), // two windows, one document
            List.of(cut("xy ab", 2)), // "ab" starts after the cut: not counted
            List.of(cut("zab", 3)));
    Map<String, Integer> counts = FrequentSubstrings.count(documents, 2);
    assertEquals(2, counts.get("ab"), "once per document, not per occurrence or window");
    assertEquals(2, counts.get("xy"), "a string may run past the cut if it starts before it");
    assertNull(counts.get("ba"), "one document holds it: below the minimum");
    assertNull(counts.get(" x"), "no string starts with whitespace");
    assertThrows(IllegalArgumentException.class, () -> cut("abc", 4));
  }

  @Test
  void frequentStringsArePrefixClosedAndTheIndexFindsWhatIndexOfFinds() {
    Random random = new Random(5);
    List<List<FrequentSubstrings.Window>> documents = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      String text = (i % 2 == 0 ? "<SUDO> " : "") + Fixtures.cleanText(random, 3);
      texts.add(text);
      documents.add(List.of(FrequentSubstrings.Window.whole(text)));
    }
    Map<String, Integer> frequent = FrequentSubstrings.count(documents, 5);
    assertEquals(40, frequent.get("<SUDO>"));
    for (String text : frequent.keySet()) {
      for (int length = FrequentSubstrings.MIN_LENGTH; length < text.length(); length++) {
        assertTrue(frequent.containsKey(text.substring(0, length)), text + " prefix " + length);
      }
    }
    List<String> marked =
        frequent.keySet().stream()
            .filter(text -> !Character.isWhitespace(text.charAt(text.length() - 1)))
            .sorted()
            .toList();
    SubstringIndex index = new SubstringIndex(frequent.keySet(), marked);
    for (String text : texts) {
      int limit = text.length() / 2;
      boolean[] seen = new boolean[marked.size()];
      index.forEachStart(text, limit, i -> seen[i] = true);
      for (int i = 0; i < marked.size(); i++) {
        String string = marked.get(i);
        int at = text.indexOf(string);
        boolean expected = false;
        while (at >= 0 && !expected) {
          expected = at < limit;
          at = text.indexOf(string, at + 1);
        }
        assertEquals(expected, seen[i], "'" + string + "' in '" + text + "' before " + limit);
      }
    }
    boolean[] none = new boolean[marked.size()];
    index.forEachStart("qqqq zzzz", 9, i -> none[i] = true);
    for (boolean hit : none) {
      assertFalse(hit, "negative control: no marked string in unrelated text");
    }
  }
}
