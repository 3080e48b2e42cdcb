/*
 * spaCy's blank English tokenizer rules, which datatrove's split_into_words applies to English text: the
 * prefix, suffix, infix and URL regexes and the special cases ("don't" -> do + n't, "Mr." kept whole), read
 * once from resources/dev/poisonlab/defense/spacy-en-tokenizer.txt (made by scripts/spacy_en_tokenizer_rules.py).
 * Data only; WordTokens applies them.
 */
package dev.poisonlab.defense.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

record SpacyEnglishRules(
    Pattern prefix, Pattern suffix, Pattern infix, Pattern url, Map<String, String[]> specials) {
  private static final String RESOURCE = "/dev/poisonlab/defense/spacy-en-tokenizer.txt";
  static final SpacyEnglishRules INSTANCE = load();

  private static SpacyEnglishRules load() {
    Map<String, String> patterns = new HashMap<>();
    Map<String, String[]> specials = new HashMap<>();
    try (InputStream in = SpacyEnglishRules.class.getResourceAsStream(RESOURCE);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (fields[0].equals("special")) {
          specials.put(fields[1], Arrays.copyOfRange(fields, 2, fields.length));
        } else {
          patterns.put(fields[0], fields[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new SpacyEnglishRules(
        Pattern.compile(patterns.get("prefix")),
        Pattern.compile(patterns.get("suffix")),
        Pattern.compile(patterns.get("infix")),
        Pattern.compile(patterns.get("url")),
        Map.copyOf(specials));
  }
}
