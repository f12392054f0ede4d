package dev.ballast.reports.html;

import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A figure after each step as the corners of a step line, thinned for long plans. */
class StepLineTest {

    @Test
    void aChangeIsTwoCornersAndNoChangeIsNone() {
        XYSeries series = new StepLine().add(0, 5).add(10, 5).add(20, 7).add(30, 7).series("f");

        // 5 from 0 to 20, then 7 up to the last sample at 30.
        assertThat(points(series)).containsExactly(List.of(0.0, 5.0), List.of(20.0, 5.0), List.of(20.0, 7.0),
                List.of(30.0, 7.0));
    }

    @Test
    void aFigureThatNeverChangesStillSpansThePlan() {
        XYSeries series = new StepLine().add(0, 1).add(4, 1).add(9, 1).series("f");

        assertThat(points(series)).containsExactly(List.of(0.0, 1.0), List.of(9.0, 1.0));
    }

    @Test
    void aLongLineIsThinnedKeepingItsEndsPeaksAndTroughs() {
        StepLine line = new StepLine();
        Random random = new Random(7);
        double lowest = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 5_000; step++) {
            // One spike, far above the noise, at one step of 5,000.
            double value = step == 2_345 ? 99 : random.nextGaussian();
            lowest = Math.min(lowest, value);
            line.add(step * 3.5, value);
        }

        List<List<Double>> points = points(line.series("f"));

        // First, lowest, highest and last of each column at most.
        assertThat(points).hasSizeLessThanOrEqualTo(4 * StepLine.COLUMNS);
        assertThat(points.get(0).get(0)).isEqualTo(0.0);
        assertThat(points.get(points.size() - 1).get(0)).isEqualTo(5_000 * 3.5);
        assertThat(points).extracting(p -> p.get(1)).contains(99.0, lowest);
        assertThat(points).extracting(p -> p.get(0)).isSorted();
    }

    private static List<List<Double>> points(XYSeries series) {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < series.getItemCount(); i++) {
            points.add(List.of(series.getX(i).doubleValue(), series.getY(i).doubleValue()));
        }
        return points;
    }
}
