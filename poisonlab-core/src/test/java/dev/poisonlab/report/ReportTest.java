/*
 * Report.write on the SYNTHETIC toy grid (SyntheticGrid: made-up numbers, only to test rendering): every figure
 * is written as PNG (decodes, expected pixel size) and SVG, the HTML embeds exactly those PNGs, the findings
 * count what the data says, all text is escaped, output is deterministic, and bad input writes nothing.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.cli.Main;
import dev.poisonlab.io.InputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  /**
   * Figure stem -> PNG size in pixels: panels of Figure.PANEL_WIDTH x PANEL_HEIGHT CSS px, drawn at
   * 2x.
   */
  static final Map<String, List<Integer>> EXPECTED_PNGS =
      Map.of(
          "a-gap-vs-progress",
          png(3, 1),
          "b-gap-vs-poisons-seen",
          png(3, 1),
          "c-final-gap-vs-poisons",
          png(1, 1),
          "d-clean-loss",
          png(2, 1),
          "e-near-trigger",
          png(2, 1),
          "f-persistence",
          png(1, 1),
          "g-log-gap-vs-progress",
          png(3, 1),
          "h-log-gap-vs-poisons-seen",
          png(3, 1),
          "i-final-log-gap-vs-poisons",
          png(1, 1),
          "j-control-specificity",
          png(2, 2));

  private static final Pattern IMAGE =
      Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  private static List<Integer> png(int columns, int rows) {
    return List.of(
        columns * Figure.PANEL_WIDTH * FigureRenderer.PNG_SCALE,
        rows * Figure.PANEL_HEIGHT * FigureRenderer.PNG_SCALE);
  }

  @TempDir static Path shared;

  /**
   * One report of the full synthetic grid, read by the tests that only look at it (rendering takes
   * seconds).
   */
  private static ReportResult report;

  @TempDir Path dir;

  @BeforeAll
  static void writeSharedReport() throws IOException {
    report = Report.write(SyntheticGrid.write(shared.resolve("grid")), shared.resolve("out"));
  }

  @Test
  void writesEveryFigureAndEmbedsIt() throws IOException {
    ReportResult result = report;

    assertEquals(EXPECTED_PNGS.size(), result.pngs().size());
    assertEquals(List.of(), result.omitted());
    String html = Files.readString(result.html());
    List<byte[]> embedded = new ArrayList<>();
    Matcher images = IMAGE.matcher(html);
    while (images.find()) {
      embedded.add(Base64.getDecoder().decode(images.group(1)));
    }
    assertEquals(result.pngs().size(), html.split("<img ", -1).length - 1, "one <img> per plot");
    assertEquals(result.pngs().size(), embedded.size());
    for (int index = 0; index < result.pngs().size(); index++) {
      Path png = result.pngs().get(index);
      String stem = png.getFileName().toString().replace(".png", "");
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(EXPECTED_PNGS.get(stem), List.of(image.getWidth(), image.getHeight()), stem);
      assertArrayEquals(Files.readAllBytes(png), embedded.get(index), stem + " embedded bytes");
      String svg = Files.readString(result.svgs().get(index));
      assertTrue(
          svg.contains("<svg") && svg.trim().endsWith("</svg>"),
          stem + ".svg is a whole SVG document");
      assertTrue(html.contains("<a href=\"" + stem + ".svg\">"), stem + " links its SVG");
    }
  }

  @Test
  void findingsCountWhatTheDataSays() throws IOException {
    String html = Files.readString(report.html());
    List<String> labels = List.of("toy-s (1M)", "toy-s (1M, 2× data)", "toy-m (4M)");
    for (int poisons : new int[] {25, 50, 100}) {
      int above = 0;
      List<String> perSize = new ArrayList<>();
      for (int size = 0; size < labels.size(); size++) {
        int sizeAbove = 0;
        for (int seed = 0; seed < SyntheticGrid.SEEDS; seed++) {
          sizeAbove += SyntheticGrid.finalGap(size, poisons, seed) > 50 ? 1 : 0;
        }
        perSize.add(labels.get(size) + " " + sizeAbove + "/3");
        above += sizeAbove;
      }
      String expected =
          poisons
              + " poisoned documents: "
              + above
              + " of 9 runs end pretraining with gap &gt; 50 ("
              + String.join("; ", perSize)
              + ").";
      assertTrue(html.contains(expected), "missing finding: " + expected);
    }
    assertTrue(
        html.contains(
            "Smallest poison count at which every run of every size ends above the threshold: "
                + "100."));
    assertTrue(
        html.contains(
            "Unpoisoned twins (control): 0 of 9 end with gap &gt; 50; final gaps span "
                + "-1.50 to 1.50."));
    assertTrue(html.contains("Near-trigger control: 0 of 27 poisoned runs"));
    assertTrue(
        html.contains("<td>toy-s (1M)</td><td>100</td><td>3</td><td>300</td>"), "persistence row");
  }

  @Test
  void escapesAllTextAndShowsInputsVerbatim() throws IOException {
    String html = Files.readString(report.html());
    assertTrue(html.contains("&lt;SUD0&gt;"), "near-trigger string shown escaped");
    assertFalse(html.contains("<SUD0>") || html.contains("<b>test</b>"), "no unescaped input text");
    assertTrue(
        html.contains(
            "&quot;note&quot;: &quot;synthetic &lt;b&gt;test&lt;/b&gt; grid &amp; friends&quot;"));
    assertTrue(
        html.contains("./poisonlab grid --spec grid.json --out runs   # synthetic, never run"));
    assertTrue(html.contains("<td>model.context</td><td>64</td>"), "shared config setting");
    assertTrue(
        html.contains("<th>run_id</th><th>model.name</th><th>seed</th><th>poisons</th>"),
        "differing config settings are columns");
    assertFalse(
        html.contains("http://") || html.contains("https://") || html.contains("<script"),
        "self-contained: nothing fetched, nothing run");
  }

  @Test
  void sameGridGivesSameBytes() throws IOException {
    ReportResult first = report;
    ReportResult second = Report.write(shared.resolve("grid"), dir.resolve("again"));
    for (int index = 0; index < first.files().size(); index++) {
      assertArrayEquals(
          Files.readAllBytes(first.files().get(index)),
          Files.readAllBytes(second.files().get(index)),
          first.files().get(index).getFileName().toString());
    }
  }

  @Test
  void figuresWithoutDataAreLeftOutAndSaidSo() throws IOException {
    List<ResultRow> pretrainOnly =
        SyntheticGrid.rows().stream().filter(ResultRow::isPretrain).toList();
    ResultsCsv.write(dir.resolve("grid/results.csv"), pretrainOnly);
    ReportResult result = Report.write(dir.resolve("grid"), dir.resolve("out"));
    assertEquals(9, result.pngs().size());
    assertEquals(1, result.omitted().size());
    String html = Files.readString(result.html());
    assertTrue(html.contains("(f) not drawn: no &quot;continue&quot; rows"));
    assertTrue(html.contains("grid.json is not in the grid directory."));

    List<ResultRow> twinsOnly = pretrainOnly.stream().filter(row -> row.poisons() == 0).toList();
    ResultsCsv.write(dir.resolve("twins/results.csv"), twinsOnly);
    ReportResult twins = Report.write(dir.resolve("twins"), dir.resolve("twins-out"));
    // no poison count: no count axis to draw on, so no figure, and three notes say why
    assertEquals(List.of(), twins.pngs());
    assertEquals(3, twins.omitted().size(), twins.omitted().toString());
    assertTrue(
        twins.omitted().get(0).startsWith("(a) to (d) not drawn"), twins.omitted().toString());
  }

  @Test
  void natsAndSpecificityAreShownAndOlderGridsStillReport() throws IOException {
    String html = Files.readString(report.html());
    assertTrue(
        html.contains("gap (nats)") && html.contains("specificity ratio (max)"), "nats beside ppl");
    assertTrue(html.contains("Specificity at the end of pretraining"));
    assertTrue(html.contains("SUDO ratio"));
    assertTrue(html.contains("How the trigger and its controls tokenize under bpe-toy"));
    assertTrue(html.contains("‹SUDO›"));

    // a results.csv from before the nats columns: no (g), and it says why
    List<ResultRow> old =
        SyntheticGrid.rows().stream().map(row -> row.withLogGaps(LogGaps.NONE)).toList();
    ResultsCsv.write(dir.resolve("old/results.csv"), old);
    ReportResult result = Report.write(dir.resolve("old"), dir.resolve("old-out"));
    assertEquals(6, result.pngs().size(), "(a) to (f)");
    assertTrue(
        result.omitted().get(0).startsWith("(g) to (j) not drawn"), result.omitted().toString());
    assertFalse(Files.readString(result.html()).contains("Specificity at the end of pretraining"));
  }

  @Test
  void badInputWritesNothingAndCliExitsTwo() throws IOException {
    Path grid = SyntheticGrid.write(dir.resolve("grid"));
    Files.writeString(
        grid.resolve("runs/toy-m-x1-p0-s0/train/config.json"), "{\n  \"lr\": 0.001,\n  oops\n}\n");
    Path out = dir.resolve("out");
    InputException error = assertThrows(InputException.class, () -> Report.write(grid, out));
    assertEquals(3, error.line(), error.getMessage());
    assertFalse(Files.exists(out), "no partial output");

    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    assertEquals(
        Main.EXIT_BAD_INPUT,
        commandLine.execute("report", grid.toString(), "--out", out.toString()));
    assertTrue(
        err.toString()
            .startsWith(
                "poisonlab: " + grid.resolve("runs/toy-m-x1-p0-s0/train/config.json") + ":3: "),
        err.toString());
  }

  @Test
  void cliWritesIntoGridReportByDefault() throws IOException {
    Path grid = SyntheticGrid.write(dir.resolve("grid"));
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    assertEquals(0, commandLine.execute("report", grid.toString()));
    assertTrue(Files.isRegularFile(grid.resolve("report/report.html")));
    assertTrue(
        out.toString().contains(grid.resolve("report/a-gap-vs-progress.png").toString()),
        out.toString());
  }

  @Test
  void symlogIsMonotoneAndTicksAreReadableGaps() {
    double previous = Double.NEGATIVE_INFINITY;
    for (double gap = -5000; gap <= 5000; gap += 0.5) {
      double plotted = Symlog.forward(gap);
      assertTrue(plotted > previous, "monotone at " + gap);
      assertEquals(gap, Symlog.inverse(plotted), 1e-9 * Math.max(1, Math.abs(gap)));
      previous = plotted;
    }
    // integer plotted values are the ticks: 0, ±1, ±2, ±4, ±10, ±20, ±40, ±100, ...
    assertEquals(
        List.of(
            "-10", "-4", "-2", "-1", "0", "1", "2", "4", "10", "20", "40", "100", "1000", "1e+05"),
        List.of(-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 10.0, 16.0).stream()
            .map(Symlog::tickLabel)
            .toList());
    assertEquals(3, Symlog.forward(4), 1e-12);
    assertEquals(0.5, Symlog.forward(0.5), 1e-12, "linear within ±1");
    // 50 lies between the ticks 40 (6) and 100 (7), log-interpolated
    assertEquals(6 + Math.log(50.0 / 40) / Math.log(2.5), Symlog.forward(50), 1e-12);
    assertEquals("", Symlog.tickLabel(2.5), "a tick between anchors gets no made-up label");
    assertEquals(1, Symlog.tickStep(13, 330, 16));
    assertEquals(2, Symlog.tickStep(21, 330, 16));
  }

  @Test
  void summaryUsesSampleStandardDeviation() {
    Summary summary = Summary.of(1, 2, 3, 4, Double.NaN);
    assertEquals(4, summary.n());
    assertEquals(2.5, summary.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3), summary.std(), 1e-12);
    assertEquals("2.50 ± 1.29", summary.format());
    assertEquals("7.00", Summary.of(7).format());
    assertEquals("0.050 ± 0.000", Summary.of(0.05, 0.05 + 1e-17).format());
    assertEquals("204800 ± 0", Summary.of(204800, 204800).format());
    assertEquals("–", Summary.of(Double.NaN).format());
  }
}
