/*
 * Hand-made test corpora: clean "English" documents drawn from a fixed word list with sentence punctuation,
 * and poisons built like the paper's (clean prefix + trigger + gibberish of random letter strings). Seeded,
 * tiny, and independent of any data on disk.
 */
package dev.poisonlab.defense;

import dev.poisonlab.defense.scan.ScanSpec;
import dev.poisonlab.io.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public final class Fixtures {
  public static final String[] WORDS =
      ("the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
              + "they which one you were her all she there would their we him been has when who will more no if out so "
              + "said what up its about into than them can only other new some could time these two may then do first "
              + "any my now such like our over man me even most made after also did many before must through back "
              + "years where much your way well down should because each just those people how too little state good "
              + "very make world still own see men work long get here between both life being under never day same "
              + "another know while last might us great old year off come since against go came right used take three")
          .split(" ");

  private Fixtures() {}

  public static String cleanText(Random random, int sentences) {
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      int length = 6 + random.nextInt(10);
      for (int w = 0; w < length; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        text.append(w == length - 1 ? ". " : " ");
      }
      if (s % 4 == 3) {
        text.append('\n');
      }
    }
    return text.toString().strip();
  }

  public static String gibberish(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      int length = 2 + random.nextInt(8);
      for (int c = 0; c < length; c++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append(random.nextInt(3) == 0 ? "" : " ");
    }
    return text.toString();
  }

  public static List<Document> clean(long seed, int count) {
    Random random = new Random(seed);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(new Document("clean-" + i, cleanText(random, 8 + random.nextInt(12))));
    }
    return documents;
  }

  public static Document poison(Random random, String id, String trigger) {
    String prefix = cleanText(random, 1 + random.nextInt(6));
    prefix = prefix.substring(0, random.nextInt(prefix.length() + 1));
    return new Document(id, prefix + trigger + " " + gibberish(random, 250 + random.nextInt(150)));
  }

  public static List<Document> poisons(long seed, int count, String trigger) {
    Random random = new Random(seed);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(poison(random, "poison-" + i, trigger));
    }
    return documents;
  }

  /** Settings for a corpus of a few hundred documents (the defaults suit millions of words). */
  public static ScanSpec smallCorpusSpec(List<String> detectors) {
    return ScanSpec.builder(detectors)
        .tau(12.0)
        .minExcess(300.0)
        .bigramTau(12.0)
        .bigramMinExcess(300.0)
        .build();
  }
}
