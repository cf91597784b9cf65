package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.scale.ConvergencePlot.Point;
import dev.policymatch.scale.ConvergencePlot.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvergencePlotTest {

    @Test
    void writesAPngThatDecodesWithTheExpectedSize(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("plots/convergence.png");
        Series measured = new Series("cold start", List.of(new Point(1_000, 3.1), new Point(2_000, 6.0),
                new Point(5_000, 15.2), new Point(10_000, 31.9)));
        Series target = Series.constant("target (60 s)", 60, 1_000, 10_000);

        assertThat(ConvergencePlot.render(png, "Reports written after a cold start", List.of(measured, target)))
                .isEqualTo(png);

        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ConvergencePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ConvergencePlot.HEIGHT);
        // Not a blank canvas: the lines and text use more than a handful of colours.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(10);
    }

    @Test
    void anotherYAxisGivesAnotherPicture(@TempDir Path dir) throws Exception {
        List<Series> series = List.of(new Series("peak RSS", List.of(new Point(10_000, 800), new Point(25_000, 900))));

        Path seconds = ConvergencePlot.render(dir.resolve("a.png"), "Operator memory", series);
        Path mebibytes = ConvergencePlot.render(dir.resolve("b.png"), "Operator memory", "MiB", series);

        assertThat(ImageIO.read(mebibytes.toFile()).getWidth()).isEqualTo(ConvergencePlot.WIDTH);
        assertThat(Files.readAllBytes(mebibytes)).isNotEqualTo(Files.readAllBytes(seconds));
    }

    @Test
    void aSeriesNeedsPoints() {
        assertThatThrownBy(() -> new Series("empty", List.of())).hasMessageContaining("empty");
    }
}
