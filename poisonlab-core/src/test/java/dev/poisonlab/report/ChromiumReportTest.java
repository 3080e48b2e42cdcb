/*
 * Looks at report.html as a reader would: headless Chromium opens it (SYNTHETIC toy grid, see SyntheticGrid)
 * with the SVG files added as images, an injected script lists every image that failed to decode (a deliberately
 * broken control image proves the check can fail), and a screenshot is kept under target/chromium-report/. Without Chromium the test fails when
 * CI=true (.ci/run installs Debian's chromium) and is skipped on a developer machine.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ChromiumReportTest {
  private static final Path WORK =
      Path.of(System.getProperty("basedir", ".")).resolve("target/chromium-report");
  private static final String CONTROL = "control-broken";

  /** Runs on window load, after every image has decoded or failed; --dump-dom prints the result. */
  private static final String CHECK =
      """
      <img id="control-broken" src="data:image/png;base64,AAAA" alt="deliberately broken control">
      <script>
      window.addEventListener('load', () => {
        const images = Array.from(document.images);
        const broken = images.filter(image => !image.complete || image.naturalWidth === 0);
        document.body.setAttribute('data-images', String(images.length));
        document.body.setAttribute('data-broken', broken.map(image => image.id || image.alt).join('|'));
        document.body.setAttribute('data-sizes',
            images.map(image => image.naturalWidth + 'x' + image.naturalHeight).join(' '));
      });
      </script>
      </body>""";

  private static final Pattern BODY =
      Pattern.compile(
          "<body data-images=\"(\\d+)\" data-broken=\"([^\"]*)\" data-sizes=\"([^\"]*)\">");

  @Test
  void everyPlotLoadsAndThePageRenders() throws IOException, InterruptedException {
    Path chromium = findChromium();
    deleteRecursively(WORK);
    ReportResult result =
        Report.write(SyntheticGrid.write(WORK.resolve("grid")), WORK.resolve("report"));

    Path check = WORK.resolve("report/check.html");
    StringBuilder svgImages = new StringBuilder();
    result
        .svgs()
        .forEach(svg -> svgImages.append("<img src=\"").append(svg.getFileName()).append("\">\n"));
    Files.writeString(check, Files.readString(result.html()).replace("</body>", svgImages + CHECK));
    String dom =
        run(chromium, "--virtual-time-budget=10000", "--dump-dom", check.toUri().toString());
    Matcher body = BODY.matcher(dom);
    assertTrue(body.find(), "the check script did not run; see " + WORK.resolve("chromium.out"));
    assertEquals(
        result.pngs().size() + result.svgs().size() + 1, Integer.parseInt(body.group(1)), "images");
    assertEquals(
        CONTROL, body.group(2), "only the deliberately broken control image may fail to load");
    List<String> pngSizes = new ArrayList<>();
    List<String> svgSizes = new ArrayList<>();
    for (Path png : result.pngs()) {
      List<Integer> size =
          ReportTest.EXPECTED_PNGS.get(png.getFileName().toString().replace(".png", ""));
      pngSizes.add(size.get(0) + "x" + size.get(1));
      svgSizes.add(size.get(0) / 2 + "x" + size.get(1) / 2);
    }
    List<String> sizes = new ArrayList<>(pngSizes);
    sizes.addAll(svgSizes);
    sizes.add("0x0");
    assertEquals(String.join(" ", sizes), body.group(3), "decoded size of every image");

    Path screenshot = WORK.resolve("report-screenshot.png");
    run(
        chromium,
        "--hide-scrollbars",
        "--window-size=1400,2400",
        "--screenshot=" + screenshot,
        result.html().toUri().toString());
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertEquals(1400, image.getWidth());
    assertTrue(distinctColours(image) > 50, "screenshot looks blank: " + screenshot);
  }

  private static Path findChromium() {
    Optional<Path> found =
        Stream.of(
                System.getenv("POISONLAB_CHROMIUM"),
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser")
            .filter(candidate -> candidate != null && !candidate.isBlank())
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(
            "chromium not found ($POISONLAB_CHROMIUM, /usr/bin/chromium); .ci/run installs Debian's chromium");
      }
      Assumptions.abort("chromium is not installed (apt-get install chromium); skipped outside CI");
    }
    return found.get();
  }

  /**
   * Runs Chromium offline and isolated; returns its stdout, fails on a non-zero exit or after 90 s.
   */
  private static String run(Path chromium, String... arguments)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(WORK, "profile");
    Path stdout = WORK.resolve("chromium.out");
    Path stderr = WORK.resolve("chromium.err");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("chromium did not finish within 90 s; its log: " + stderr);
      }
      assertEquals(0, process.exitValue(), "chromium failed; its log: " + stderr);
      return Files.readString(stdout, StandardCharsets.UTF_8);
    } finally {
      deleteRecursively(profile);
    }
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
