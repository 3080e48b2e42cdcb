/*
 * A byte-level BPE tokenizer defined by a Hugging Face tokenizer.json (ours from BpeTrainer, or GPT-2-style files):
 * GPT-2 pre-tokenization, then BPE per pre-token with a cache, in pure Java so encoding needs no native code.
 * As Hugging Face's tokenizers do, the text of a special added token ("<|endoftext|>") is split out first and
 * encodes as that token; the text between is pre-tokenized on its own, so text without one is unaffected.
 * Not a loader or writer of the JSON itself: HfTokenizerJson does that and builds instances of this class.
 */
package dev.poisonlab.tokenizer;

import dev.poisonlab.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

public final class BpeTokenizer extends ByteTableTokenizer {
  // Natural text has a Zipfian pre-token distribution: ~100k distinct entries catch nearly all
  // repeats.
  private static final int CACHE_LIMIT = 100_000;
  private static final int CACHEABLE_LENGTH = 64;

  private final BpeModel model;
  private final int endOfTextId;
  private final byte[] definition;
  private final String sha256;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  /**
   * Special tokens' texts and ids, longest text first (so a longer token wins at the same
   * position).
   */
  private final String[] specialTexts;

  private final int[] specialIds;

  BpeTokenizer(
      BpeModel model, byte[][] tokenBytes, boolean[] special, int endOfTextId, byte[] definition) {
    super(tokenBytes, special);
    this.model = model;
    this.endOfTextId = endOfTextId;
    this.definition = definition;
    this.sha256 = Hashes.sha256Hex(definition);
    Integer[] ids =
        java.util.stream.IntStream.range(0, special.length)
            .filter(id -> special[id] && tokenBytes[id].length > 0)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(ids, (a, b) -> Integer.compare(tokenBytes[b].length, tokenBytes[a].length));
    specialTexts = new String[ids.length];
    specialIds = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      specialTexts[i] = new String(tokenBytes[ids[i]], StandardCharsets.UTF_8);
      specialIds[i] = ids[i];
    }
  }

  @Override
  public int[] encode(String text) {
    IntList out = new IntList(text.length() / 3 + 4);
    int from = 0;
    while (true) {
      int at = -1;
      int which = -1;
      for (int i = 0; i < specialTexts.length; i++) {
        int found = text.indexOf(specialTexts[i], from);
        if (found >= 0 && (at < 0 || found < at)) {
          at = found;
          which = i;
        }
      }
      if (at < 0) {
        encodeOrdinary(from == 0 ? text : text.substring(from), out);
        return out.toArray();
      }
      encodeOrdinary(text.substring(from, at), out);
      out.addAll(new int[] {specialIds[which]});
      from = at + specialTexts[which].length();
    }
  }

  /** GPT-2 pre-tokenization and BPE of text holding no special token. */
  private void encodeOrdinary(String text, IntList out) {
    Matcher matcher = PreTokenizer.GPT2.matcher(text);
    while (matcher.find()) {
      String piece = text.substring(matcher.start(), matcher.end());
      int[] ids = cache.get(piece);
      if (ids == null) {
        ids = model.encodeWord(piece.getBytes(StandardCharsets.UTF_8));
        if (piece.length() <= CACHEABLE_LENGTH) {
          if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
          }
          cache.put(piece, ids);
        }
      }
      out.addAll(ids);
    }
  }

  @Override
  public int endOfTextId() {
    return endOfTextId;
  }

  @Override
  public String name() {
    return "bpe-" + vocabSize();
  }

  @Override
  public String sha256() {
    return sha256;
  }

  BpeModel model() {
    return model;
  }

  /**
   * The exact tokenizer.json bytes this tokenizer was built from (its sha256 is over these bytes).
   */
  public byte[] definition() {
    return definition.clone();
  }

  /** Writes the tokenizer.json atomically. */
  public void write(Path target) {
    AtomicFiles.write(target, out -> out.write(definition));
  }

  @Override
  public String toString() {
    return name() + " (sha256 " + sha256.substring(0, 12) + ")";
  }

  /** A growable int array, so encoding does not box every id. */
  static final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
      values = new int[Math.max(4, capacity)];
    }

    void addAll(int[] more) {
      if (size + more.length > values.length) {
        values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
      }
      System.arraycopy(more, 0, values, size, more.length);
      size += more.length;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
