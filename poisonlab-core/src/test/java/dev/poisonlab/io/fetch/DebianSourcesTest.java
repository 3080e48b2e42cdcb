/*
 * The Debian-package cleaners (kjv output, fortunes, wordnet, gcide) and the Maven europarl cleaner on
 * small inline fixtures written to a temp directory: numbering, filters and exact texts.
 */
package dev.poisonlab.io.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.poisonlab.io.Document;
import dev.poisonlab.io.fetch.CorpusSource.CleanedFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianSourcesTest {
  @Test
  void kjvOneDocumentPerChapterVersesJoinedVerbatim() throws Exception {
    String output =
        "\nGenesis 1\n\n  1 In the beginning God created the heaven and the earth.\n"
            + "  2 And the earth was without form, and void. \n\n1 Samuel 3\n\n  1 And the child Samuel ministered.\n";
    List<Document> documents = KjvSource.parse(output);
    assertEquals(2, documents.size());
    assertEquals("kjv:Genesis 1", documents.get(0).id());
    assertEquals(
        "In the beginning God created the heaven and the earth. And the earth was without form, and void. ",
        documents.get(0).text());
    assertEquals(
        new Document("kjv:1 Samuel 3", "And the child Samuel ministered."), documents.get(1));
    assertThrows(SourceUnavailableException.class, () -> KjvSource.parse("\n\n"));
  }

  @Test
  void fortunesNumberNonEmptyFortunesAndDropShortOnes(@TempDir Path directory) throws Exception {
    Files.writeString(
        directory.resolve("art"),
        "A \"critic\" is a man who creates nothing.\n%\nToo short.\n%\n%\nWho is John Galt, and why is he here?\n");
    Files.writeString(directory.resolve("art.dat"), "binary index");
    Files.createSymbolicLink(directory.resolve("art.u8"), directory.resolve("art"));
    List<Document> documents = FortunesSource.clean(directory);
    // "%\n%\n" splits as "\n%\n" then a leading "%": the reference corpus keeps that quirk, and so
    // do we
    assertEquals(
        List.of(
            new Document("fortune:art:0", "A \"critic\" is a man who creates nothing."),
            new Document("fortune:art:2", "%\nWho is John Galt, and why is he here?")),
        documents);
  }

  @Test
  void wordnetGlossesWithWordsAndMinimumLength(@TempDir Path directory) throws Exception {
    String header = "  1 This software and database is being provided to you, the LICENSEE\n";
    Files.writeString(
        directory.resolve("data.noun"),
        header
            + "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived or known\n"
            + "00134391 04 n 01 swat 0 001 @ 00133851 n 0000 | a sharp blow  \n");
    Files.writeString(
        directory.resolve("data.adj"),
        header
            + "00001740 00 a 02 able(a) 0 capable 0 000 | (usually followed by `to') having the means\n");
    Files.writeString(directory.resolve("data.verb"), header);
    Files.writeString(directory.resolve("data.adv"), header);
    List<Document> documents = WordnetSource.clean(directory);
    assertEquals(
        List.of(
            new Document("wn:noun:00001740", "entity: that which is perceived or known"),
            new Document(
                "wn:adj:00001740", "able, capable: (usually followed by `to') having the means")),
        documents);
  }

  @Test
  void gcideKeepsIndentedQuotationsFollowedByAMarker() {
    String dictionary =
        "Abandon \\A*ban\"don\\, v. t.\n   1. To cast or drive out.\n      [1913 Webster]\n\n"
            + "            That he might . . . abandon them from him.\n"
            + "                                                  --Udall.\n      [1913 Webster]\n\n"
            + "            Enforced the kingdom to aband.        --Spenser.\n      [1913 Webster]\n\n"
            + "            This dictionary was derived from the\n         Webster's Revised Unabridged\n";
    List<Document> documents = GcideQuotesSource.clean(dictionary);
    assertEquals(
        List.of(new Document("gcide:0", "That he might . . . abandon them from him. --Udall.")),
        documents);
  }

  @Test
  void europarlSplitsEnglishAndGermanByFunctionWords() throws Exception {
    String lines =
        "Debate\t1998-11-05\tWe should remember that education is the key to the future of Europe.   It is.\n"
            + "Aussprache\t1997-01-15\tIch freue mich, daß der Kollege hier ist und wir das nicht vergessen.\n"
            + "Débat\t2004-03-30\tNous devons nous souvenir de cette question importante pour tous.\n"
            + "Vote\t2007-06-19\tis the end.\n"
            + "Debate\t2001-05-02\tThis is the report of the committee on the\u00a0\u00a0budget.\n";
    List<CleanedFile> files =
        EuroparlSource.clean(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
    assertEquals("europarl_en", files.get(0).name());
    assertEquals(
        List.of(
            new Document(
                "europarl:0:1998-11-05",
                "We should remember that education is the key to the future of Europe.\nIt is."),
            new Document(
                "europarl:2:2001-05-02", "This is the report of the committee on the\nbudget.")),
        files.get(0).documents());
    assertEquals("foreign", files.get(1).split());
    assertEquals(
        List.of("europarl_de:0:1997-01-15"),
        files.get(1).documents().stream().map(Document::id).toList());
  }
}
