/*
 * The report entry point: reads a grid directory, draws the figures, writes PNG + SVG files (removing the
 * figures and tables of an earlier run that it no longer writes) and a self-contained report.html into the output
 * directory (a fine-tuning grid's report is SftReport's, with other fine-tuning grids (--with) compared across
 * base sizes: BaseSizes), and with other grids (--with) the training controls beside it (TrainingControls), and
 * with a rescore's effects.csv (--effects) F2 on its fixed scorer's scale (FixedScorerFindings). Everything is
 * read and validated first and every file is written atomically, so bad input leaves no partial output. Not a
 * plotting library.
 */
package dev.poisonlab.report;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.report.HtmlReport.RenderedFigure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

public final class Report {
  public static final String HTML = "report.html";

  /** Where `poisonlab report DIR` writes when no --out is given. */
  public static final String DEFAULT_SUBDIRECTORY = "report";

  private Report() {}

  /**
   * The report of a grid directory: a pretraining grid's (`grid`), or a fine-tuning grid's
   * (`finetune --grid`, recognised by its results.csv header: SftReport).
   */
  public static ReportResult write(Path gridDirectory, Path outDirectory) {
    return write(gridDirectory, outDirectory, List.of());
  }

  /**
   * The report of a pretraining grid with its runs compared against those of {@code others}
   * (`report GRID --with OTHER`: training_controls.csv and a section; TrainingControls); the
   * others' runs appear nowhere else. For a fine-tuning grid, {@code others} are fine-tuning grids
   * on other base models (base_sizes.csv, a section and a figure; BaseSizes). An empty list is the
   * report alone, byte for byte.
   */
  public static ReportResult write(Path gridDirectory, Path outDirectory, List<Path> others) {
    return write(gridDirectory, outDirectory, others, Optional.empty());
  }

  /**
   * The same, with {@code effects} (`report GRID --effects RESCORE/effects.csv`): F2 on a rescore's
   * fixed-scorer effects as well (FixedScorerFindings: sizes_findings_fixed_scorer.csv and a
   * section). Without it the report is byte for byte the one above.
   */
  public static ReportResult write(
      Path gridDirectory, Path outDirectory, List<Path> others, Optional<Path> effects) {
    if (SftGridDirectory.applies(gridDirectory)) {
      if (effects.isPresent()) {
        throw new InputException(
            gridDirectory, 0, "a fine-tuning grid; --effects reads a pretraining grid's rescore");
      }
      // --with here is other fine-tuning grids, on other base models (BaseSizes)
      return SftReport.write(gridDirectory, outDirectory, others);
    }
    GridDirectory grid = GridDirectory.read(gridDirectory);
    // read once: it names the attacks of older results.csv files and is the attacks table
    AttackRows attacks = AttackRows.of(grid, AttackFindings.read(gridDirectory));
    GridResults results = new GridResults(attacks.rows());
    // read and checked before anything is drawn or written: bad --with input leaves no output
    Optional<TrainingControls> controls =
        others.isEmpty()
            ? Optional.empty()
            : Optional.of(TrainingControls.read(grid, results, others));
    Optional<FixedScorerFindings> fixed =
        effects.map(file -> FixedScorerFindings.read(file, gridDirectory, results));
    List<RenderedFigure> rendered = new ArrayList<>();
    List<byte[]> svgs = new ArrayList<>();
    for (Figure figure : figures(attacks, results)) {
      rendered.add(
          new RenderedFigure(
              figure,
              figure.name().substring(0, 1),
              FigureRenderer.png(figure),
              figure.name() + ".svg"));
      svgs.add(FigureRenderer.svg(figure));
    }
    List<String> omitted = omitted(results);
    Optional<SizeFindings> sizes = SizeFindings.read(gridDirectory, results);
    String html =
        new HtmlReport()
            .render(
                grid,
                results,
                new Findings(
                    results,
                    TwinTestFindings.read(gridDirectory),
                    VerdictFindings.read(gridDirectory)),
                rendered,
                omitted,
                sizes,
                fixed,
                controls,
                attacks);

    FigureFiles.Written written = FigureFiles.write(outDirectory, rendered, svgs);
    List<Path> tables = new ArrayList<>();
    Optional<String> sizesCsv = sizes.flatMap(SizeFindings::csv);
    if (sizesCsv.isPresent()) {
      Path csv = outDirectory.resolve(SizeFindings.FILE);
      AtomicFiles.writeString(csv, sizesCsv.get());
      tables.add(csv);
    }
    if (fixed.isPresent()) {
      Path csv = outDirectory.resolve(FixedScorerFindings.FILE);
      AtomicFiles.writeString(csv, fixed.get().csv());
      tables.add(csv);
    }
    List<String> notes = new ArrayList<>(omitted);
    if (controls.isPresent()) {
      Path csv = outDirectory.resolve(TrainingControls.FILE);
      AtomicFiles.writeString(csv, controls.get().csv());
      tables.add(csv);
      if (controls.get().nats().isEmpty()) {
        notes.add(TrainingControlTables.empty(controls.get()));
      }
    }
    removeUnwritten(outDirectory, tables);
    Path htmlFile = outDirectory.resolve(HTML);
    AtomicFiles.writeString(htmlFile, html);
    return new ReportResult(
        htmlFile, written.pngs(), written.svgs(), tables, notes, grid.rows().size());
  }

  /**
   * Removes a table an earlier report wrote here that this one did not (training_controls.csv of a
   * report with --with, when this one has none): beside report.html, unlinked, it would be read as
   * this report's, as FigureFiles argues for figures. Only the report's own table names go.
   */
  private static void removeUnwritten(Path outDirectory, List<Path> written) {
    for (String name :
        List.of(SizeFindings.FILE, FixedScorerFindings.FILE, TrainingControls.FILE)) {
      Path file = outDirectory.resolve(name);
      if (!written.contains(file)) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * Every figure; in a grid of several attacks, every figure once per attack, drawn from that
   * attack's runs and the twins evaluated with its trigger (one figure with every attack's lines
   * would need more colours than a palette has).
   */
  private static List<Figure> figures(AttackRows attacks, GridResults results) {
    if (attacks.attacks().isEmpty()) {
      return new Figures(results, new GridResults(attacks.placeboRows())).all();
    }
    List<Figure> figures = new ArrayList<>();
    for (AttackRows.Attack attack : attacks.attacks()) {
      GridResults own = new GridResults(AttackRows.of(results.rows(), attack));
      GridResults placebo = new GridResults(AttackRows.of(attacks.placeboRows(), attack));
      new Figures(own, placebo)
          .all().stream().map(figure -> of(figure, attack)).forEach(figures::add);
    }
    return figures;
  }

  /** One attack's copy of a figure: its own file name, its attack and trigger in the title. */
  private static Figure of(Figure figure, AttackRows.Attack attack) {
    String slug = attack.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return new Figure(
        figure.name() + "-" + slug,
        figure.title() + " — " + attack.label(),
        figure.caption()
            + " Only the runs of "
            + attack.label()
            + " and the unpoisoned twins evaluated with that trigger.",
        figure.panels(),
        figure.columns());
  }

  /**
   * A sentence for each figure the grid has no data for, shown in the report instead of an empty
   * plot.
   */
  private static List<String> omitted(GridResults results) {
    List<String> omitted = new ArrayList<>();
    if (results.poisonCounts().isEmpty()) {
      omitted.add(
          "(a) to (d) not drawn: results.csv has no poisoned runs (every row has poisons = 0).");
    } else if (results.rows().stream().allMatch(row -> Double.isNaN(row.valLoss()))) {
      omitted.add("(d) not drawn: val_loss is empty in every row.");
    }
    if (!results.hasNearTrigger()) {
      omitted.add("(e) not drawn: no poisoned run has a near_trigger control.");
    }
    if (!results.hasContinuation()) {
      omitted.add(
          "(f) not drawn: no \"continue\" rows (persistence under clean training was not run).");
    }
    if (!results.poisonCounts().isEmpty() && !SizeFigures.applies(results)) {
      omitted.add(
          "(g) to (j) not drawn: results.csv has no log_ppl_gap values (the grid was evaluated before "
              + "the nats columns existed).");
    }
    return omitted;
  }
}
