/*
 * Lays the report out as one self-contained HTML page: findings, figures (PNG embedded as data URIs, SVG linked
 * beside), result tables, run configs, the grid spec and command lines verbatim. Every piece of text goes
 * through escape(); no timestamps, so the same grid gives the same bytes. It computes nothing about results.
 */
package dev.poisonlab.report;

import dev.poisonlab.report.Findings.Table;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

final class HtmlReport {
  /** A rendered figure: what the page embeds and links. */
  record RenderedFigure(Figure figure, String letter, byte[] png, String svgFileName) {}

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1900px;
      padding:0 1.5rem;color:#222;line-height:1.45}
      h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}
      .meta{color:#555}figure{margin:1.5rem 0 2.5rem}figure img{width:100%;height:auto;border:1px solid #ddd}
      figcaption{max-width:1100px;color:#333;font-size:.93rem}
      table{border-collapse:collapse;margin:.8rem 0 1.4rem;font-size:.88rem}
      th,td{border:1px solid #ccc;padding:.25rem .55rem;text-align:right;vertical-align:top}
      th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}caption{text-align:left;
      caption-side:top;padding:.3rem 0;color:#444}
      pre{background:#f7f7f7;border:1px solid #ddd;padding:.8rem;overflow-x:auto;font-size:.83rem}
      .note{color:#7a4b00}
      """;

  private static final String SEVERAL_ATTACKS =
      "This grid crosses several attacks: each figure is drawn once per attack, from that attack's"
          + " runs and the unpoisoned twins evaluated with its trigger, and the tables name the attack"
          + " on each line. A twin holds no poisons, so one twin serves every attack with its trigger"
          + " and appears under each.";

  private final StringBuilder html = new StringBuilder();

  String render(
      GridDirectory grid,
      GridResults results,
      Findings findings,
      List<RenderedFigure> figures,
      List<String> omitted,
      Optional<SizeFindings> sizes,
      Optional<FixedScorerFindings> fixed,
      Optional<TrainingControls> controls,
      AttackRows attacks) {
    ResultTables tables = new ResultTables(results);
    head(grid, results);
    figureIndex(figures);
    findings(findings, tables);
    sizes.ifPresent(this::sizeFindings);
    fixed.ifPresent(this::fixedScorerFindings);
    controls.ifPresent(this::trainingControls);
    figures(figures, omitted, attacks);
    configurationResults(grid, results, tables, attacks);
    runConfigurations(grid);
    verbatim("Grid specification (grid.json)", grid.gridJson().orElse(null), GridDirectory.GRID);
    verbatim("Command lines (commands.txt)", grid.commands().orElse(null), GridDirectory.COMMANDS);
    return finish();
  }

  /**
   * The document head, the title and the grid's size in one line (rows and runs as results.csv
   * holds them: a twin shared by several attacks counts once).
   */
  private void head(GridDirectory grid, GridResults results) {
    begin("poisonlab report: " + grid.directory().getFileName());
    long runs = grid.rows().stream().map(ResultRow::runId).distinct().count();
    long seeds = grid.rows().stream().map(ResultRow::seed).distinct().count();
    element(
        "p class=\"meta\"",
        "Grid directory "
            + grid.directory()
            + ": "
            + grid.rows().size()
            + " result rows from "
            + runs
            + " runs; "
            + results.lines().size()
            + " model/data lines, poison counts "
            + results.poisonCounts()
            + ", "
            + seeds
            + " distinct seeds. Numbers below are computed from results.csv.");
  }

  /** The findings in words, the crossing tables and the verdict and twin tables. */
  private void findings(Findings findings, ResultTables tables) {
    element("h2", "Findings");
    bullets(findings.statements());
    table(tables.crossings());
    findings.verdicts().ifPresent(this::table);
    findings.twinTests().ifPresent(this::table);
    table(tables.firstCrossing());
  }

  /** F2 and F4 across model sizes: a line of verdict each, then the comparisons' tables. */
  private void sizeFindings(SizeFindings sizes) {
    element("h2 id=\"sizes\"", SizeFindings.TITLE);
    bullets(sizes.statements());
    sizes.tables().forEach(this::table);
  }

  /** F2 on a rescore's fixed-scorer effects (report --effects). */
  private void fixedScorerFindings(FixedScorerFindings fixed) {
    element("h2 id=\"fixed-scorer\"", FixedScorerFindings.TITLE);
    bullets(fixed.statements());
    fixed.tables().forEach(this::table);
  }

  /** Runs of other grids (report --with) beside this grid's: the training controls. */
  private void trainingControls(TrainingControls controls) {
    element("h2 id=\"training-controls\"", TrainingControlTables.TITLE);
    bullets(TrainingControlTables.statements(controls));
    TrainingControlTables.tables(controls).forEach(this::table);
  }

  private void figures(List<RenderedFigure> figures, List<String> omitted, AttackRows attacks) {
    element("h2", "Figures");
    if (!attacks.attacks().isEmpty()) {
      element("p class=\"note\"", SEVERAL_ATTACKS);
    }
    for (RenderedFigure rendered : figures) {
      figure(rendered);
    }
    omitted.forEach(note -> element("p class=\"note\"", note));
  }

  /** Per configuration: final results, controls, the defence and persistence where they apply. */
  private void configurationResults(
      GridDirectory grid, GridResults results, ResultTables tables, AttackRows attacks) {
    element("h2", "Final results per configuration");
    table(tables.finalResults());
    ControlTables controls = new ControlTables(results, grid.directory());
    Optional<Table> specificity = controls.specificity();
    Optional<Table> tokenization = controls.tokenization();
    if (specificity.isPresent() || tokenization.isPresent()) {
      element("h2", "Specificity controls and trigger tokenization");
      specificity.ifPresent(this::table);
      tokenization.ifPresent(this::table);
    }
    DefenseFindings defenses = new DefenseFindings(results);
    if (defenses.applies()) {
      element("h2", "Filter-then-train: the attack with and without the defence");
      bullets(defenses.statements());
      table(defenses.table());
    }
    if (attacks.table().isPresent()) {
      element("h2", "Attacks x defences: filter-then-train");
      if (!attacks.attacks().isEmpty()) {
        element("p class=\"note\"", SEVERAL_ATTACKS);
      }
      table(attacks.table().get().table());
    }
    Table persistence = tables.persistence();
    if (!persistence.rows().isEmpty()) {
      element("h2", "Persistence under continued clean training");
      table(persistence);
    }
  }

  /** The runs' config.json, as shared and varying settings and verbatim. */
  private void runConfigurations(GridDirectory grid) {
    element("h2", "Run configurations");
    if (grid.configs().isEmpty()) {
      element(
          "p class=\"note\"",
          "No runs/<run_id>/train/config.json files in the grid directory (snapshots made "
              + "before scripts/snapshot-grid.sh kept them have none).");
    } else {
      ConfigTables configs = new ConfigTables(grid.configs());
      table(configs.shared());
      table(configs.varying());
      html.append("<details><summary>Every config.json verbatim</summary>\n");
      grid.configs()
          .forEach(
              (runId, config) -> {
                element("h3", runId);
                element("pre", config.text());
              });
      html.append("</details>\n");
    }
  }

  /** The page head with {@code title} as title and first heading; other reports build on it. */
  void begin(String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    element("h1", title);
  }

  /** A bulleted list, each item escaped. */
  void bullets(List<String> items) {
    html.append("<ul>\n");
    items.forEach(item -> element("li", item));
    html.append("</ul>\n");
  }

  /** Closes the page and returns it. */
  String finish() {
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /**
   * One line per figure, linked to it, so a reader finds the plot they want without scrolling
   * through all.
   */
  void figureIndex(List<RenderedFigure> figures) {
    if (figures.isEmpty()) {
      return;
    }
    html.append("<nav><p class=\"meta\">Figures: ");
    for (int index = 0; index < figures.size(); index++) {
      RenderedFigure rendered = figures.get(index);
      html.append(index == 0 ? "" : " · ")
          .append("<a href=\"#")
          .append(escape(rendered.figure().name()))
          .append("\">(")
          .append(escape(rendered.letter()))
          .append(") ")
          .append(escape(rendered.figure().title()))
          .append("</a>");
    }
    html.append("</p></nav>\n");
  }

  void figure(RenderedFigure rendered) {
    Figure figure = rendered.figure();
    html.append("<figure id=\"").append(escape(figure.name())).append("\">\n");
    element("h3", "(" + rendered.letter() + ") " + figure.title());
    html.append("<img src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(rendered.png()))
        .append("\" width=\"")
        .append(figure.width())
        .append("\" height=\"")
        .append(figure.height())
        // fills the page width, but a one-panel figure is not blown up past 1.5x its drawn size
        .append("\" style=\"max-width:")
        .append(figure.width() * 3 / 2)
        .append("px")
        .append("\" alt=\"")
        .append(escape(figure.title()))
        .append("\">\n<figcaption>")
        .append(escape(figure.caption()))
        .append(" <a href=\"")
        .append(escape(rendered.svgFileName()))
        .append("\">SVG</a></figcaption>\n</figure>\n");
  }

  void verbatim(String title, String text, String fileName) {
    element("h2", title);
    if (text == null) {
      element("p class=\"note\"", fileName + " is not in the grid directory.");
    } else {
      element("pre", text);
    }
  }

  void table(Table table) {
    html.append("<table>\n");
    element("caption", table.caption());
    html.append("<thead><tr>");
    table.header().forEach(cell -> html.append("<th>").append(escape(cell)).append("</th>"));
    html.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table>\n");
  }

  /** {@code tag} may carry attributes ("p class=\"x\""); the text is always escaped. */
  void element(String tag, String text) {
    String name = tag.split(" ", 2)[0];
    html.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(name)
        .append(">\n");
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(ch);
      }
    }
    return escaped.toString();
  }
}
