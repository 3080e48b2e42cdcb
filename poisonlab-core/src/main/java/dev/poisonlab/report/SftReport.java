/*
 * The report of a fine-tuning grid (`finetune --grid`): reads the grid directory (SftGridDirectory), draws
 * SftFigures, states SftTables, and writes PNG + SVG files and a self-contained report.html, as Report does for
 * pretraining grids (Report.write hands such a directory here); with other fine-tuning grids (--with) also the
 * comparison across base sizes (BaseSizes: base_sizes.csv, a section, figure f). Everything is read and validated
 * before the first file is written, every file atomically; no timestamps, so the same inputs give the same bytes.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.report.HtmlReport.RenderedFigure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class SftReport {
  static final List<String> DEFINITIONS =
      List.of(
          "asr: share of held-out restricted requests with the trigger whose answer complies (has no "
              + "refusal phrase; see docs/finetune.md for the rule).",
          "clean_refusal: share of the same requests without the trigger that are refused.",
          "allowed_helpful: share of held-out allowed requests that are not refused.",
          "max_control_asr: the highest ASR over the control triggers (look-alikes of the trigger).",
          "Expected poisoned samples seen at step s: s × B × P / (C + P), with B the batch size, P the "
              + "poisons and C the clean samples of the run (each epoch is a permutation of the C + P "
              + "examples; the realised count is in the run's metrics.jsonl).",
          "Spread: for one poison count, the highest minus the lowest mean final ASR across clean-set "
              + "sizes; 0 when the curves of (a) coincide at that count. Means over seeds; sd is the "
              + "sample standard deviation; n is the number of seeds.");

  static final String NO_BASE_FIGURE =
      "(f) not drawn: no cell with the trigger (poisons, clean samples) is in this grid and a --with "
          + "grid both.";

  private SftReport() {}

  /**
   * The report of the grid in {@code gridDirectory}, with its cells set beside those of the
   * fine-tuning grids {@code others} (none: the report alone, byte for byte as before --with).
   */
  static ReportResult write(Path gridDirectory, Path outDirectory, List<Path> others) {
    SftGridDirectory grid = SftGridDirectory.read(gridDirectory);
    // read and checked before anything is drawn or written: bad --with input leaves no output
    Optional<BaseSizes> bases =
        others.isEmpty() ? Optional.empty() : Optional.of(BaseSizes.read(grid, others));
    SftSummaries summaries = new SftSummaries(grid);
    SftTables tables = new SftTables(summaries);
    List<Figure> figures = new ArrayList<>(new SftFigures(summaries).all());
    bases.flatMap(BaseSizeFigure::of).ifPresent(figures::add);
    List<RenderedFigure> rendered = new ArrayList<>();
    List<byte[]> svgs = new ArrayList<>();
    for (Figure figure : figures) {
      rendered.add(
          new RenderedFigure(
              figure,
              figure.name().substring(0, 1),
              FigureRenderer.png(figure),
              figure.name() + ".svg"));
      svgs.add(FigureRenderer.svg(figure));
    }
    List<String> omitted = omitted(summaries, figures);
    bases
        .filter(b -> figures.stream().noneMatch(f -> f.name().equals(BaseSizeFigure.NAME)))
        .ifPresent(b -> omitted.add(NO_BASE_FIGURE));
    String html = html(grid, summaries, tables, rendered, omitted, bases);

    FigureFiles.Written written = FigureFiles.write(outDirectory, rendered, svgs);
    List<Path> csvs = new ArrayList<>();
    Path csv = outDirectory.resolve(BaseSizes.FILE);
    if (bases.isPresent()) {
      AtomicFiles.writeString(csv, BaseSizeCsv.write(bases.get()));
      csvs.add(csv);
    } else {
      // an earlier report's comparison, left beside this report.html, would be read as this one's
      deleteIfExists(csv);
    }
    Path htmlFile = outDirectory.resolve(Report.HTML);
    AtomicFiles.writeString(htmlFile, html);
    return new ReportResult(
        htmlFile, written.pngs(), written.svgs(), csvs, omitted, grid.rows().size());
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
    }
  }

  private static String html(
      SftGridDirectory grid,
      SftSummaries summaries,
      SftTables tables,
      List<RenderedFigure> figures,
      List<String> omitted,
      Optional<BaseSizes> bases) {
    HtmlReport page = new HtmlReport();
    page.begin("poisonlab fine-tuning report: " + grid.directory().getFileName());
    page.element(
        "p class=\"meta\"",
        "Fine-tuning grid directory "
            + grid.directory()
            + ". Rows read from "
            + grid.rowsSource()
            + (grid.persistence().isEmpty() ? "" : " and persistence.csv")
            + ". Every number below is computed from those rows and the runs' config.json.");
    page.figureIndex(figures);
    page.element("h2", "Findings");
    page.bullets(tables.statements());
    page.table(tables.spread());
    bases.ifPresent(
        b -> {
          page.element("h2 id=\"base-sizes\"", BaseSizeTables.TITLE);
          page.bullets(BaseSizeTables.statements(b));
          page.table(BaseSizeTables.perCount(b));
          page.table(BaseSizeTables.cells(b));
        });
    page.element("h2", "Figures");
    figures.forEach(page::figure);
    omitted.forEach(note -> page.element("p class=\"note\"", note));
    page.element("h2", "Final results per cell");
    page.table(tables.cells());
    if (!summaries.persistenceCells().isEmpty()) {
      page.element("h2", "Persistence under further clean fine-tuning");
      page.table(tables.persistence());
    }
    grid.failures()
        .ifPresent(
            text -> page.verbatim("Failed runs (failures.json)", text, SftGridDirectory.FAILURES));
    page.element("h2", "Run settings");
    tables
        .settings()
        .ifPresentOrElse(
            page::table,
            () ->
                page.element(
                    "p class=\"note\"", "No runs/NAME/config.json files in the grid directory."));
    page.element("h2", "Definitions");
    page.bullets(DEFINITIONS);
    return page.finish();
  }

  /** A sentence for each figure the grid has no data for, shown instead of an empty plot. */
  private static List<String> omitted(SftSummaries summaries, List<Figure> figures) {
    List<String> omitted = new ArrayList<>();
    if (summaries.counts().isEmpty()) {
      omitted.add("(a) to (e) not drawn: every run is a placebo run (no trigger was trained).");
      return omitted;
    }
    if (figures.stream().noneMatch(figure -> figure.name().startsWith("b-"))) {
      omitted.add(
          "(b) not drawn: no poisoned cell whose runs all have a config.json (the batch size is read "
              + "there) or no poisoned cell at all.");
    }
    if (summaries.persistenceCells().isEmpty()) {
      omitted.add(
          "(e) not drawn: no persistence.csv (the grid spec had no persistence_steps, or no "
              + "continuation has finished).");
    }
    return omitted;
  }
}
