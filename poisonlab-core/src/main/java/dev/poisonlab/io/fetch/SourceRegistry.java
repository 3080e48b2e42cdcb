/*
 * The known corpus sources, in fetch order (embedded-corpus sources first). Adding a source = one class
 * implementing CorpusSource, or one FileDocumentsSource row, + one line here. Sources the reference corpus has
 * but this version does not fetch (web, tdavid, mhcc via SWORD's diatheke; python_docs' RST cleaning) are listed
 * in NOT_FETCHED.
 */
package dev.poisonlab.io.fetch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class SourceRegistry {
  private static final List<CorpusSource> SOURCES =
      List.of(
          FileDocumentsSource.MOBY,
          new AustenSource(),
          new KjvSource(),
          FileDocumentsSource.SOTU,
          new FactbookSource(),
          new BrownSource(),
          new EuroparlSource(),
          new FortunesSource(),
          new GcideQuotesSource(),
          new WordnetSource());

  /**
   * Reference-corpus sources deliberately not fetched, with the reason printed when one is
   * requested.
   */
  public static final Map<String, String> NOT_FETCHED =
      Map.of(
          "web", "needs SWORD's diatheke (libsword + its shared libraries); not implemented",
          "tdavid", "needs SWORD's diatheke (libsword + its shared libraries); not implemented",
          "mhcc", "needs SWORD's diatheke (libsword + its shared libraries); not implemented",
          "python_docs", "reStructuredText-to-prose cleaning not implemented");

  private SourceRegistry() {}

  public static List<CorpusSource> all() {
    return SOURCES;
  }

  public static List<String> names() {
    return SOURCES.stream().map(CorpusSource::name).toList();
  }

  /**
   * The sources named, in registry order; an unknown name is an IllegalArgumentException naming the
   * choices.
   */
  public static List<CorpusSource> select(List<String> names) {
    Map<String, CorpusSource> byName = new LinkedHashMap<>();
    for (CorpusSource source : SOURCES) {
      byName.put(source.name(), source);
    }
    for (String name : names) {
      if (!byName.containsKey(name) && !NOT_FETCHED.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown source '" + name + "'; known sources: " + String.join(",", names()));
      }
    }
    return SOURCES.stream().filter(source -> names.contains(source.name())).toList();
  }
}
