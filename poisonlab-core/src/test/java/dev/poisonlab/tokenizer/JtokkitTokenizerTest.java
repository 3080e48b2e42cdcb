/*
 * r50k_base (GPT-2) and o200k_base through jtokkit: known token ids, special ids checked against jtokkit's own
 * special handling, reserved o200k ids marked special with no text, and our byte table agreeing with jtokkit.
 */
package dev.poisonlab.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JtokkitTokenizerTest {
  @Test
  void gpt2KnownIds() {
    Tokenizer gpt2 = Tokenizers.load("gpt2");
    assertEquals("r50k_base", gpt2.name());
    assertEquals(50257, gpt2.vocabSize());
    assertEquals(50256, gpt2.endOfTextId());
    assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
    assertEquals(" world", gpt2.decodeToken(995));
    assertTrue(gpt2.isSpecial(50256));
    for (int id = 0; id < 50256; id++) {
      assertFalse(gpt2.isSpecial(id));
    }
  }

  private static String jtokkitDecode(Encoding encoding, int id) {
    IntArrayList one = new IntArrayList();
    one.add(id);
    return encoding.decode(one);
  }

  @Test
  void specialIdsAgreeWithJtokkit() {
    // jtokkit refuses to encode special tokens, but decodes their ids
    Encoding r50k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    assertEquals("<|endoftext|>", jtokkitDecode(r50k, Tokenizers.load("r50k_base").endOfTextId()));
    Tokenizer o200 = Tokenizers.load("o200k_base");
    assertEquals("<|endoftext|>", jtokkitDecode(o200k, o200.endOfTextId()));
    assertEquals("<|endofprompt|>", jtokkitDecode(o200k, 200018));
    assertEquals("<|endofprompt|>", o200.decodeToken(200018));
  }

  @Test
  void o200kReservedIdsAreSpecialAndEmpty() {
    Tokenizer o200 = Tokenizers.load("o200k_base");
    assertEquals(200019, o200.vocabSize());
    int sampleable = 0;
    for (int id = 0; id < o200.vocabSize(); id++) {
      if (!o200.isSpecial(id)) {
        sampleable++;
        assertFalse(
            o200.decodeToken(id).isEmpty() && id < 199998, "ordinary id " + id + " has bytes");
      }
    }
    assertEquals(199998, sampleable);
    assertTrue(o200.isSpecial(199998));
    assertEquals("", o200.decodeToken(200005));
  }

  @Test
  void byteTableAgreesWithJtokkitDecoding() {
    Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    JtokkitTokenizer o200 = Tokenizers.builtIn(JtokkitTokenizer.Vocabulary.O200K_BASE);
    Random random = new Random(11);
    for (int i = 0; i < 2000; i++) {
      int id = random.nextInt(199998);
      IntArrayList one = new IntArrayList();
      one.add(id);
      assertArrayEquals(o200k.decodeBytes(one), o200.tokenBytes(id), "id " + id);
    }
  }
}
