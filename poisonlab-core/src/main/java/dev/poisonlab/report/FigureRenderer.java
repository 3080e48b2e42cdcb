/*
 * Paints a Figure's panels side by side into a PNG (Java2D, headless, at twice CSS resolution for sharp text)
 * or an SVG (VectorGraphics2D, which XChart already depends on). Returns bytes; writing files is Report's job.
 */
package dev.poisonlab.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;

final class FigureRenderer {
  static final int PNG_SCALE = 2;

  static {
    // plots are drawn off-screen; without this a JVM with a DISPLAY set would try to open it
    System.setProperty("java.awt.headless", "true");
  }

  private FigureRenderer() {}

  static byte[] png(Figure figure) {
    BufferedImage image =
        new BufferedImage(
            figure.width() * PNG_SCALE, figure.height() * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
      graphics.scale(PNG_SCALE, PNG_SCALE);
      paint(figure, graphics);
    } finally {
      graphics.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] svg(Figure figure) {
    VectorGraphics2D graphics = new VectorGraphics2D();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, figure.width(), figure.height());
    paint(figure, graphics);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      new SVGProcessor()
          .getDocument(graphics.getCommands(), new PageSize(0, 0, figure.width(), figure.height()))
          .writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Each panel gets its own child Graphics, so the clip and transform one panel sets never leak to
   * the next.
   */
  private static void paint(Figure figure, Graphics2D graphics) {
    for (int index = 0; index < figure.panels().size(); index++) {
      int x = (index % figure.columns()) * Figure.PANEL_WIDTH;
      int y = (index / figure.columns()) * Figure.PANEL_HEIGHT;
      Graphics2D panel =
          (Graphics2D) graphics.create(x, y, Figure.PANEL_WIDTH, Figure.PANEL_HEIGHT);
      try {
        XYChart chart = figure.panels().get(index);
        chart.paint(panel, Figure.PANEL_WIDTH, Figure.PANEL_HEIGHT);
      } finally {
        panel.dispose();
      }
    }
  }
}
