/*
 * OpenAI's published vocabularies through jtokkit, which ships them in its jar (works offline): r50k_base
 * (GPT-2's 50,257 tokens) and o200k_base (200,019 ids, some of them reserved) for paper-faithful runs.
 * Encoding is jtokkit's; per-token bytes come from the same .tiktoken table so decodeToken needs no jtokkit.
 */
package dev.poisonlab.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

public final class JtokkitTokenizer extends ByteTableTokenizer {
  private static final byte[] NO_BYTES = new byte[0];

  /**
   * The vocabularies offered, with tiktoken's special-token ids (tiktoken_ext/openai_public.py).
   */
  public enum Vocabulary {
    R50K_BASE(EncodingType.R50K_BASE, 50257, Map.of("<|endoftext|>", 50256)),
    O200K_BASE(
        EncodingType.O200K_BASE,
        200019,
        Map.of("<|endoftext|>", 199999, "<|endofprompt|>", 200018));

    final EncodingType type;
    final int vocabSize;
    final Map<String, Integer> specials;

    Vocabulary(EncodingType type, int vocabSize, Map<String, Integer> specials) {
      this.type = type;
      this.vocabSize = vocabSize;
      this.specials = specials;
    }

    public String tiktokenName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Vocabulary vocabulary;
  private final Encoding encoding;
  private final String sha256;

  private JtokkitTokenizer(Vocabulary vocabulary) {
    super(new byte[vocabulary.vocabSize][], new boolean[vocabulary.vocabSize]);
    this.vocabulary = vocabulary;
    this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(vocabulary.type);
    byte[] table = readRanks(vocabulary);
    for (Map.Entry<String, Integer> entry : vocabulary.specials.entrySet()) {
      tokenBytes[entry.getValue()] = entry.getKey().getBytes(StandardCharsets.UTF_8);
      special[entry.getValue()] = true;
    }
    for (int id = 0; id < tokenBytes.length; id++) {
      if (tokenBytes[id] == null) {
        // reserved ids (o200k has 18 between its specials) decode to nothing and must never be
        // sampled
        tokenBytes[id] = NO_BYTES;
        special[id] = true;
      }
    }
    this.sha256 =
        Hashes.sha256Hex(vocabulary.tiktokenName().getBytes(StandardCharsets.UTF_8), table);
  }

  public static JtokkitTokenizer of(Vocabulary vocabulary) {
    return new JtokkitTokenizer(vocabulary);
  }

  /**
   * Reads "base64-token rank" lines into tokenBytes and returns the table's raw bytes (for the
   * hash).
   */
  private byte[] readRanks(Vocabulary vocabulary) {
    String resource = "com/knuddels/jtokkit/" + vocabulary.tiktokenName() + ".tiktoken";
    try (InputStream in = Encoding.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("jtokkit jar lacks " + resource);
      }
      byte[] raw = in.readAllBytes();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(
                  new java.io.ByteArrayInputStream(raw), StandardCharsets.US_ASCII))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          int space = line.indexOf(' ');
          if (space > 0) {
            tokenBytes[Integer.parseInt(line.substring(space + 1))] =
                Base64.getDecoder().decode(line.substring(0, space));
          }
        }
      }
      return raw;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jtokkit jar", e);
    }
  }

  @Override
  public int[] encode(String text) {
    return encoding.encodeOrdinary(text).toArray();
  }

  @Override
  public int endOfTextId() {
    return vocabulary.specials.get(HfTokenizerJson.END_OF_TEXT);
  }

  @Override
  public String name() {
    return vocabulary.tiktokenName();
  }

  @Override
  public String sha256() {
    return sha256;
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public String toString() {
    return name();
  }
}
