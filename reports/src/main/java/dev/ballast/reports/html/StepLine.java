package dev.ballast.reports.html;

import org.jfree.data.xy.XYSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure that holds until the next step ends and then jumps, as the points of a line: two
 * points at each change (the old value and the new), none where nothing changes.
 *
 * <p>A plan of thousands of steps would draw more corners than a chart has pixels: the line is
 * then thinned to an envelope, keeping in each of {@link #COLUMNS} columns of the horizontal axis
 * its first, lowest, highest and last points, in order. Every peak and trough stays; only detail
 * finer than a column is lost.
 */
final class StepLine {

    /** Columns of the envelope: about three pixels each across a page-wide chart. */
    static final int COLUMNS = 300;

    private final List<double[]> points = new ArrayList<>();
    private double last = Double.NaN;
    private double lastX = Double.NaN;

    /** The figure is {@code value} from {@code x} on; samples come in order of {@code x}. */
    StepLine add(double x, double value) {
        if (Double.compare(value, last) != 0) {
            if (!points.isEmpty()) {
                points.add(new double[] {x, last});
            }
            points.add(new double[] {x, value});
            last = value;
        }
        lastX = x;
        return this;
    }

    /** The line up to the last sample, thinned to an envelope when it has more corners than columns. */
    XYSeries series(String name) {
        List<double[]> line = new ArrayList<>(points);
        if (!line.isEmpty() && line.get(line.size() - 1)[0] < lastX) {
            line.add(new double[] {lastX, last});
        }
        XYSeries series = new XYSeries(name, false, true);
        for (double[] point : line.size() > 4 * COLUMNS ? envelope(line) : line) {
            series.add(point[0], point[1]);
        }
        return series;
    }

    private static List<double[]> envelope(List<double[]> line) {
        double from = line.get(0)[0];
        double width = Math.max(line.get(line.size() - 1)[0] - from, Double.MIN_NORMAL) / COLUMNS;
        List<double[]> kept = new ArrayList<>();
        int start = 0;
        while (start < line.size()) {
            long column = column(line.get(start), from, width);
            int end = start;
            int lowest = start;
            int highest = start;
            while (end + 1 < line.size() && column(line.get(end + 1), from, width) == column) {
                end++;
                lowest = line.get(end)[1] < line.get(lowest)[1] ? end : lowest;
                highest = line.get(end)[1] > line.get(highest)[1] ? end : highest;
            }
            keepInOrder(kept, line, start, lowest, highest, end);
            start = end + 1;
        }
        return kept;
    }

    private static long column(double[] point, double from, double width) {
        return (long) Math.floor((point[0] - from) / width);
    }

    private static void keepInOrder(List<double[]> kept, List<double[]> line, int... indexes) {
        java.util.Arrays.sort(indexes);
        int previous = -1;
        for (int index : indexes) {
            if (index != previous) {
                kept.add(line.get(index));
                previous = index;
            }
        }
    }
}
