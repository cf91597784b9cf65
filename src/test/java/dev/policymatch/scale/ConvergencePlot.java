package dev.policymatch.scale;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scale driver's plots: report-convergence time (or memory) against estate size as a line chart
 * PNG for {@code docs/}, so that growth is visible at a glance. Any number of series (measured
 * cold start, restart, a target line).
 *
 * <pre>{@code
 * ConvergencePlot.render(Path.of("docs/convergence.png"), "Cold start: all reports written",
 *         List.of(new Series("cold start", List.of(new Point(1_000, 4.2), new Point(10_000, 38.0))),
 *                 Series.constant("target (60 s)", 60, 1_000, 10_000)));
 * }</pre>
 */
public final class ConvergencePlot {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /**
     * One measurement: endpoints in the estate and a value, seconds until every report was written (or every
     * endpoint reconciled), or whatever the chart's y axis says.
     */
    public record Point(int endpoints, double value) {
    }

    public record Series(String name, List<Point> points) {
        public Series {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("series " + name + " has no points");
            }
            points = List.copyOf(points);
        }

        /** A horizontal line, e.g. a target, from one estate size to another. */
        public static Series constant(String name, double value, int fromEndpoints, int toEndpoints) {
            return new Series(name, List.of(new Point(fromEndpoints, value), new Point(toEndpoints, value)));
        }
    }

    private ConvergencePlot() {
    }

    /** Writes the chart of times to {@code png} ({@link #WIDTH} x {@link #HEIGHT}), creating parent directories. */
    public static Path render(Path png, String title, List<Series> series) {
        return render(png, title, "seconds to convergence", series);
    }

    /** As {@link #render(Path, String, List)}, with another y axis: MiB of memory, say. */
    public static Path render(Path png, String title, String yAxisTitle, List<Series> series) {
        // No display in CI or in a container: draw off-screen.
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("endpoints in the estate (one report each)").yAxisTitle(yAxisTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setAntiAlias(true);
        for (Series s : series) {
            double[] x = s.points().stream().mapToDouble(Point::endpoints).toArray();
            double[] y = s.points().stream().mapToDouble(Point::value).toArray();
            XYSeries line = chart.addSeries(s.name(), x, y);
            line.setMarker(s.points().size() == 2 && y[0] == y[1] ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // BitmapEncoder.saveBitmap(chart, String, ...) appends ".png" to the name; a stream keeps the path.
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }
}
