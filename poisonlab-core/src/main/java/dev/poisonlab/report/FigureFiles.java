/*
 * Writes a report's figures (NAME.png, NAME.svg) into its output directory, then removes the figure files an
 * earlier report left there that this one did not write: when a grid's figures change (a second attack turns
 * a-gap-vs-progress into a-gap-vs-progress-dos), the old plots would stay beside report.html, unlinked, and
 * a reader browsing the directory would take them for current. Only names of the figures' own pattern go.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.report.HtmlReport.RenderedFigure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

final class FigureFiles {
  /**
   * A figure file: the panel letter of Figures, SizeFigures or SftFigures (a to j), a dash, the
   * rest of the stem (Figure's [a-z0-9-]) and .png or .svg. A user's notes.txt or plot.png never
   * matches.
   */
  static final Pattern OWNED = Pattern.compile("[a-j]-[a-z0-9-]+\\.(png|svg)");

  /** The paths written, in figure order. */
  record Written(List<Path> pngs, List<Path> svgs) {}

  private FigureFiles() {}

  /**
   * Writes each figure's PNG and SVG ({@code svgs} in the order of {@code rendered}) atomically,
   * then removes the stale figure files; the old files go only once every new one is in place.
   */
  static Written write(Path outDirectory, List<RenderedFigure> rendered, List<byte[]> svgs) {
    List<Path> pngFiles = new ArrayList<>();
    List<Path> svgFiles = new ArrayList<>();
    for (int index = 0; index < rendered.size(); index++) {
      RenderedFigure figure = rendered.get(index);
      Path png = outDirectory.resolve(figure.figure().name() + ".png");
      Path svg = outDirectory.resolve(figure.svgFileName());
      byte[] pngBytes = figure.png();
      byte[] svgBytes = svgs.get(index);
      AtomicFiles.write(png, out -> out.write(pngBytes));
      AtomicFiles.write(svg, out -> out.write(svgBytes));
      pngFiles.add(png);
      svgFiles.add(svg);
    }
    Set<Path> kept = new HashSet<>(pngFiles);
    kept.addAll(svgFiles);
    removeStale(outDirectory, kept);
    return new Written(List.copyOf(pngFiles), List.copyOf(svgFiles));
  }

  /**
   * Deletes the regular files directly in {@code directory} whose names match {@link #OWNED} and
   * that are not in {@code kept}; returns their names. Links and subdirectories are left alone.
   */
  static List<String> removeStale(Path directory, Set<Path> kept) {
    Set<String> keptNames = new HashSet<>();
    kept.forEach(path -> keptNames.add(path.getFileName().toString()));
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return removed; // no figures were written, so there is nothing of an earlier run to find
    }
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (OWNED.matcher(name).matches()
            && !keptNames.contains(name)
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(entry);
          removed.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove stale figures from " + directory, e);
    }
    return removed;
  }
}
