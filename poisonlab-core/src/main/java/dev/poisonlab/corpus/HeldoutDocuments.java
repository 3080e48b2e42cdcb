/*
 * Which clean documents a stream holds out of training, and writing them verbatim to heldout.jsonl. The choice
 * depends on the corpus and the build seed alone (poison sources skipped), so a poisoned stream and its twin
 * hold out the same documents. How many is HeldoutSplit's rule; the stream builder calls both steps.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.JsonlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

final class HeldoutDocuments {
  private HeldoutDocuments() {}

  /**
   * Held-out documents: the first of the non-empty documents in a seeded order, skipping poison
   * sources. The order and the count depend on the corpus and the seed alone, so a poisoned run and
   * its twin hold out the same documents but for the few that are poison sources (drawing the
   * sample from the non-source documents, as before, made the two splits almost disjoint and their
   * validation losses incomparable).
   */
  static BitSet choose(TokenizedCorpus corpus, HeldoutSplit split, long seed) {
    int[] candidates =
        IntStream.range(0, corpus.documentCount()).filter(i -> corpus.length(i) > 0).toArray();
    int count = split.resolve(candidates.length);
    int[] order = PoisonLayout.shuffled(candidates.length, new SplittableRandom(seed ^ 0x4E1D0C5L));
    BitSet heldout = new BitSet();
    for (int i = 0, taken = 0; i < order.length && taken < count; i++) {
      int document = candidates[order[i]];
      if (!corpus.isPoisonSource(document)) {
        heldout.set(document);
        taken++;
      }
    }
    return heldout;
  }

  /**
   * Re-reads the corpus to write held-out documents verbatim, in corpus order; returns their ids.
   */
  static List<String> write(Path file, BuildConfig config, BitSet heldout) {
    List<String> ids = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(config.corpus(), config.readOptions());
        JsonlWriter writer = new JsonlWriter(file)) {
      int index = 0;
      for (Document document : reader) {
        if (heldout.get(index++)) {
          writer.write(document);
          ids.add(document.id());
        }
      }
      writer.commit();
    }
    return ids;
  }
}
