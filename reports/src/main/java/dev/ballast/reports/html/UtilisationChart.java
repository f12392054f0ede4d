package dev.ballast.reports.html;

import dev.ballast.model.Limits;
import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Each host's use of CPU, memory and network, before and after a change, with the policy's
 * limits marked: one panel per resource.
 *
 * <p>Up to {@link #BARS_UP_TO} hosts, one pair of bars per host, named. Beyond that, bars would be
 * thinner than a pixel and their names unreadable, so the chart shows <em>sorted curves</em>: the
 * hosts' shares sorted from the most used to the least, before and after as two lines. How many
 * hosts run over a limit, how even the load is and how many hosts end up empty all read off
 * the curves, whatever the cluster's size.
 */
public final class UtilisationChart {

    /** Clusters up to this many hosts get one pair of bars per host. */
    public static final int BARS_UP_TO = 60;

    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 150;

    /**
     * One host's shares of its capacity in use.
     *
     * @param after null when there is no "after" (a cluster as it is now): one series only
     */
    public record HostUse(String host, Shares before, Shares after) {

        public HostUse {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(before, "before");
        }
    }

    private UtilisationChart() {
    }

    /** Bars per host or sorted curves, whichever reads better for this many hosts. */
    public static Svg draw(List<HostUse> hosts, Limits limits, String id) {
        return drawsCurves(hosts.size()) ? sortedCurves(hosts, limits, id) : bars(hosts, limits, id);
    }

    /** True when {@link #draw} shows sorted curves for this many hosts. */
    public static boolean drawsCurves(int hosts) {
        return hosts > BARS_UP_TO;
    }

    /** One pair of bars per host, in the given order, named under the bottom panel. */
    public static Svg bars(List<HostUse> hosts, Limits limits, String id) {
        CategoryAxis hostAxis = new CategoryAxis();
        hostAxis.setTickLabelFont(hosts.size() > 30 ? ChartStyle.SMALL_TICKS : ChartStyle.TICKS);
        hostAxis.setTickLabelPaint(ChartStyle.TEXT);
        hostAxis.setCategoryLabelPositions(hosts.size() > 12 ? CategoryLabelPositions.UP_90 : CategoryLabelPositions.STANDARD);
        hostAxis.setMaximumCategoryLabelWidthRatio(hosts.size() > 12 ? 0.6f : 1.5f);
        hostAxis.setLowerMargin(0.01);
        hostAxis.setUpperMargin(0.01);
        hostAxis.setCategoryMargin(0.25);
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(hostAxis);
        plot.setGap(14);
        CategoryPlot first = null;
        for (Resource resource : Resource.values()) {
            CategoryPlot panel = barPanel(hosts, resource, limits.get(resource));
            plot.add(panel);
            first = first == null ? panel : first;
        }
        JFreeChart chart = ChartStyle.chart(plot, first);
        int labels = hosts.size() > 12 ? 90 : 30;
        return SvgChart.draw(chart, WIDTH, 3 * PANEL_HEIGHT + labels + 40, id,
                "CPU, memory and network of each host, before and after, with the policy's limits");
    }

    private static CategoryPlot barPanel(List<HostUse> hosts, Resource resource, double limit) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String first = firstSeries(hosts);
        for (HostUse host : hosts) {
            data.addValue(host.before().get(resource), first, host.host());
            if (host.after() != null) {
                data.addValue(host.after().get(resource), "after", host.host());
            }
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.0);
        bars.setSeriesPaint(0, hosts.stream().anyMatch(h -> h.after() != null) ? ChartStyle.BEFORE : ChartStyle.AFTER);
        bars.setSeriesPaint(1, ChartStyle.AFTER);
        CategoryPlot panel = new CategoryPlot(data, null, ChartStyle.shareAxis(ChartStyle.name(resource), highest(hosts, resource)), bars);
        ChartStyle.style(panel);
        panel.addRangeMarker(ChartStyle.limit(limit));
        return panel;
    }

    /** The hosts' shares sorted from the most used down, before and after as two lines. */
    public static Svg sortedCurves(List<HostUse> hosts, Limits limits, String id) {
        NumberAxis rank = new NumberAxis("hosts, from the most used to the least (" + hosts.size() + ")");
        ChartStyle.style(rank);
        rank.setRange(1, Math.max(2, hosts.size()));
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(rank);
        plot.setGap(14);
        XYPlot first = null;
        for (Resource resource : Resource.values()) {
            XYPlot panel = curvePanel(hosts, resource, limits.get(resource));
            plot.add(panel);
            first = first == null ? panel : first;
        }
        return SvgChart.draw(ChartStyle.chart(plot, first), WIDTH, 3 * PANEL_HEIGHT + 90, id,
                "CPU, memory and network of the hosts sorted from the most used to the least, before and after,"
                        + " with the policy's limits");
    }

    private static XYPlot curvePanel(List<HostUse> hosts, Resource resource, double limit) {
        XYSeriesCollection data = new XYSeriesCollection();
        boolean withAfter = hosts.stream().anyMatch(h -> h.after() != null);
        data.addSeries(descending(firstSeries(hosts), hosts.stream().mapToDouble(h -> h.before().get(resource)).toArray()));
        if (withAfter) {
            data.addSeries(descending("after", hosts.stream().filter(h -> h.after() != null)
                    .mapToDouble(h -> h.after().get(resource)).toArray()));
        }
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        // One path per line rather than one element per segment: a tenth of the size at 1,000 hosts.
        lines.setDrawSeriesLineAsPath(true);
        lines.setSeriesPaint(0, withAfter ? ChartStyle.BEFORE : ChartStyle.AFTER);
        lines.setSeriesStroke(0, withAfter ? ChartStyle.THIN_LINE : ChartStyle.LINE);
        lines.setSeriesPaint(1, ChartStyle.AFTER);
        lines.setSeriesStroke(1, ChartStyle.LINE);
        XYPlot panel = new XYPlot(data, null, ChartStyle.shareAxis(ChartStyle.name(resource), highest(hosts, resource)), lines);
        ChartStyle.style(panel);
        panel.addRangeMarker(ChartStyle.limit(limit));
        return panel;
    }

    /** The legend of the first series: {@code before}, or {@code in use} when there is no "after". */
    private static String firstSeries(List<HostUse> hosts) {
        return hosts.stream().anyMatch(h -> h.after() != null) ? "before" : "in use";
    }

    private static XYSeries descending(String name, double[] shares) {
        double[] descending = Arrays.stream(shares).map(s -> -s).sorted().map(s -> -s).toArray();
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < descending.length; i++) {
            series.add(i + 1, descending[i]);
        }
        return series;
    }

    private static double highest(List<HostUse> hosts, Resource resource) {
        return hosts.stream()
                .mapToDouble(h -> Math.max(h.before().get(resource), h.after() == null ? 0 : h.after().get(resource)))
                .max().orElse(0);
    }
}
