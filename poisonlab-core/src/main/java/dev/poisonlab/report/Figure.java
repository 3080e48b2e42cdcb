/*
 * One figure of the report: a file stem, a title, a caption and one or more XChart panels laid out in a grid.
 * Rendering (PNG and SVG) is FigureRenderer's job; deciding what goes in a figure is Figures'.
 */
package dev.poisonlab.report;

import java.util.List;
import org.knowm.xchart.XYChart;

record Figure(String name, String title, String caption, List<XYChart> panels, int columns) {
  static final int PANEL_WIDTH = 600;
  static final int PANEL_HEIGHT = 480;

  Figure {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits and dashes, got " + name);
    }
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("panels must not be empty (figure " + name + ")");
    }
    panels = List.copyOf(panels);
    columns = Math.max(1, Math.min(columns, panels.size()));
  }

  int rows() {
    return (panels.size() + columns - 1) / columns;
  }

  /** Size in CSS pixels; the PNG holds FigureRenderer.PNG_SCALE times as many. */
  int width() {
    return columns * PANEL_WIDTH;
  }

  int height() {
    return rows() * PANEL_HEIGHT;
  }
}
