package dev.ballast.reports.html;

import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import dev.ballast.reports.PlanView.CurvePoint;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a plan has bought if it stops after each step, against the estimated time it has run (or
 * the step number when no migration is estimated): the watts saved (hosts in use when the hosts
 * do not give their power), the hottest host, and the spread of the hosts' use, per resource.
 * Steps, not slopes: a figure changes when a step ends (see {@link StepLine}).
 */
public final class ProgressChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 520;
    /** Plans shorter than this are timed in seconds, longer ones in minutes. */
    private static final double MINUTES_FROM = 120;

    /** What the horizontal axis counts. */
    public enum Axis {
        SECONDS("estimated time (s)", 1), MINUTES("estimated time (min)", 60), STEPS("steps done", 0);

        private final String label;
        private final double secondsPerUnit;

        Axis(String label, double secondsPerUnit) {
            this.label = label;
            this.secondsPerUnit = secondsPerUnit;
        }

        public String label() {
            return label;
        }

        /** Time when some migration is estimated, in minutes for a long plan; else steps. */
        public static Axis of(List<CurvePoint> curve) {
            double seconds = curve.isEmpty() ? 0 : curve.get(curve.size() - 1).elapsedSeconds();
            return seconds <= 0 ? STEPS : seconds < MINUTES_FROM ? SECONDS : MINUTES;
        }

        double x(CurvePoint point) {
            return this == STEPS ? point.step() : point.elapsedSeconds() / secondsPerUnit;
        }
    }

    private ProgressChart() {
    }

    /**
     * The curve of a plan: step 0 (now), then each step.
     *
     * @param watts true to show the watts saved, false to show the hosts in use (when the hosts
     *              do not all give their power, the watts are assumed and mean little)
     */
    public static Svg draw(List<CurvePoint> curve, boolean watts, String id) {
        Axis axis = Axis.of(curve);
        NumberAxis time = new NumberAxis(axis.label());
        ChartStyle.style(time);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(14);
        plot.add(watts ? single(curve, axis, "watts saved (W)", CurvePoint::wattsSaved)
                : single(curve, axis, "hosts in use", CurvePoint::hostsUsed), 2);
        XYPlot hottest = perResource(curve, axis, "hottest host", CurvePoint::hottest);
        plot.add(hottest, 3);
        plot.add(perResource(curve, axis, "spread (stddev)", CurvePoint::spread), 2);
        return SvgChart.draw(ChartStyle.chart(plot, hottest), WIDTH, HEIGHT, id,
                (watts ? "Watts saved" : "Hosts in use") + ", hottest host and spread after each step, against "
                        + axis.label());
    }

    private static XYPlot single(List<CurvePoint> curve, Axis axis, String label, ToDoubleFunction<CurvePoint> figure) {
        XYSeriesCollection data = new XYSeriesCollection(steps(label, curve, axis, figure));
        XYLineAndShapeRenderer line = lines();
        line.setSeriesPaint(0, ChartStyle.SAVED);
        line.setSeriesStroke(0, ChartStyle.LINE);
        line.setSeriesVisibleInLegend(0, false);
        NumberAxis values = new NumberAxis(label);
        ChartStyle.style(values);
        values.setAutoRangeIncludesZero(true);
        XYPlot panel = new XYPlot(data, null, values, line);
        ChartStyle.style(panel);
        return panel;
    }

    private static XYPlot perResource(List<CurvePoint> curve, Axis axis, String label,
            java.util.function.Function<CurvePoint, Shares> shares) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer lines = lines();
        double highest = 0;
        for (Resource resource : Resource.values()) {
            data.addSeries(steps(ChartStyle.name(resource), curve, axis, p -> shares.apply(p).get(resource)));
            int series = resource.ordinal();
            lines.setSeriesPaint(series, ChartStyle.of(resource));
            lines.setSeriesStroke(series, ChartStyle.LINE);
            highest = Math.max(highest, curve.stream().mapToDouble(p -> shares.apply(p).get(resource)).max().orElse(0));
        }
        NumberAxis values = new NumberAxis(label);
        ChartStyle.style(values);
        values.setNumberFormatOverride(ChartStyle.percent());
        values.setRange(0, Math.max(0.05, highest * 1.1));
        XYPlot panel = new XYPlot(data, null, values, lines);
        ChartStyle.style(panel);
        return panel;
    }

    /** Lines drawn as one path each: a tenth of the size of a segment per step in a long plan. */
    private static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDrawSeriesLineAsPath(true);
        return lines;
    }

    private static XYSeries steps(String name, List<CurvePoint> curve, Axis axis, ToDoubleFunction<CurvePoint> figure) {
        StepLine line = new StepLine();
        curve.forEach(point -> line.add(axis.x(point), figure.applyAsDouble(point)));
        return line.series(name);
    }
}
