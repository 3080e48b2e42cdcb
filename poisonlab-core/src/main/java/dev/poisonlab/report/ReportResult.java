/*
 * What Report.write produced: the HTML page, the figure files and machine-readable tables beside it, and what
 * was left out for lack of data (figures, an empty training-controls table; with the reason), so a command can
 * print it and a test can check it.
 */
package dev.poisonlab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public record ReportResult(
    Path html,
    List<Path> pngs,
    List<Path> svgs,
    List<Path> tables,
    List<String> omitted,
    int rows) {
  public ReportResult {
    pngs = List.copyOf(pngs);
    svgs = List.copyOf(svgs);
    tables = List.copyOf(tables);
    omitted = List.copyOf(omitted);
  }

  /** A report without tables beside it (a fine-tuning grid's). */
  public ReportResult(Path html, List<Path> pngs, List<Path> svgs, List<String> omitted, int rows) {
    this(html, pngs, svgs, List.of(), omitted, rows);
  }

  /** Every file written, HTML last (it is written last). */
  public List<Path> files() {
    List<Path> files = new ArrayList<>(pngs);
    files.addAll(svgs);
    files.addAll(tables);
    files.add(html);
    return List.copyOf(files);
  }
}
