/*
 * FigureFiles removes the figure files of an earlier report that this one did not write (a-gap-vs-progress.png
 * once a second attack renames it a-gap-vs-progress-dos.png) and nothing else: a user's files, links and
 * subdirectories stay. Negative control: a figure written this run is kept. End to end: AttackReportTest.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFilesTest {
  @TempDir Path dir;

  private Path file(String name) throws IOException {
    return Files.writeString(dir.resolve(name), name);
  }

  @Test
  void removesStaleFiguresAndKeepsTheUsersFiles() throws IOException {
    file("a-gap-vs-progress.png");
    file("a-gap-vs-progress.svg");
    Path written = file("a-gap-vs-progress-dos.png");
    Path writtenSvg = file("a-gap-vs-progress-dos.svg");
    // a user's files: other extensions, other names, a letter past the report's panels, upper case
    List<String> users =
        List.of("notes.txt", "my-plot.png", "z-sketch.png", "A-GAP.PNG", "a-gap.png.bak");
    for (String name : users) {
      file(name);
    }
    Files.createDirectory(dir.resolve("b-old.png")); // a directory is never a figure file

    List<String> removed = FigureFiles.removeStale(dir, Set.of(written, writtenSvg));

    assertEquals(List.of("a-gap-vs-progress.png", "a-gap-vs-progress.svg"), removed);
    assertFalse(Files.exists(dir.resolve("a-gap-vs-progress.png")), "stale PNG");
    assertFalse(Files.exists(dir.resolve("a-gap-vs-progress.svg")), "stale SVG");
    for (String name : users) {
      assertEquals(name, Files.readString(dir.resolve(name)), "user file " + name);
    }
    assertTrue(Files.isDirectory(dir.resolve("b-old.png")));
  }

  @Test
  void negativeControlKeepsTheFiguresWrittenThisRun() throws IOException {
    Path png = file("a-gap-vs-progress.png");
    Path svg = file("a-gap-vs-progress.svg");

    assertEquals(List.of(), FigureFiles.removeStale(dir, Set.of(png, svg)));

    assertTrue(Files.exists(png), "the figure this run wrote");
    assertTrue(Files.exists(svg));
  }

  @Test
  void linksAreLeftAlone() throws IOException {
    Path target = file("notes.txt");
    Path link = Files.createSymbolicLink(dir.resolve("c-final-gap-vs-poisons.png"), target);

    assertEquals(List.of(), FigureFiles.removeStale(dir, Set.of()));

    assertTrue(Files.isSymbolicLink(link), "a link is the user's, whatever its name");
  }

  @Test
  void aMissingDirectoryHasNothingToRemove() {
    assertEquals(List.of(), FigureFiles.removeStale(dir.resolve("absent"), Set.of()));
  }
}
