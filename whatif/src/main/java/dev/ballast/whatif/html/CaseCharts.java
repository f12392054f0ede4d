package dev.ballast.whatif.html;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.reports.html.Svg;
import dev.ballast.reports.html.SvgChart;
import dev.ballast.reports.html.UtilisationChart;
import dev.ballast.whatif.Answer;
import dev.ballast.whatif.HostLoss;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One chart per case, drawn as inline SVG by the reports module's {@link SvgChart}; the same
 * colours as the plan report's charts. Every chart reads at 1,000 hosts: hosts are sorted into
 * curves, never given a bar each beyond {@link UtilisationChart#BARS_UP_TO}.
 */
final class CaseCharts {

    private static final Color OK = new Color(0x1a, 0x7f, 0x37);
    private static final Color NOT_OK = new Color(0xcf, 0x22, 0x2e);
    private static final Color MAIN = new Color(0x1f, 0x6f, 0xeb);
    private static final Color MUTED = new Color(0x9a, 0xa5, 0xb1);
    private static final Color GRID = new Color(0xd8, 0xde, 0xe4);
    private static final Color TEXT = new Color(0x24, 0x29, 0x2f);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int WIDTH = 1000;

    private CaseCharts() {
    }

    /** The case's chart, or null when it has nothing to draw. */
    static Svg of(Answer answer, ClusterSnapshot snapshot, Policy policy, String id) {
        if (answer instanceof Answer.Fail fail) {
            return fail.hosts().isEmpty() ? null : failure(fail, snapshot, policy, id);
        }
        if (answer instanceof Answer.Maintenance m) {
            return m.plan() == null ? null : UtilisationChart.draw(Loads.uses(snapshot, snapshot, m.plan().placement(),
                    Set.of()), policy.limits(), id);
        }
        if (answer instanceof Answer.Fit fit) {
            Placement after = fit.plan() != null ? fit.plan().placement() : fit.changed().currentPlacement();
            return UtilisationChart.draw(Loads.uses(snapshot, fit.changed(), after, Set.of()), policy.limits(), id);
        }
        if (answer instanceof Answer.FitMore more) {
            return fitMore(more, snapshot, id);
        }
        return compare((Answer.Compare) answer, id);
    }

    /**
     * Each failed host's VMs against the free room the others have left, as a share of that room
     * in the scarcest resource, hosts sorted from the hardest loss to the easiest; green where
     * the VMs restart, red where they cannot. Above 100% no placement exists; below it, a red
     * point is a loss that rules or fragmented room prevent.
     */
    private static Svg failure(Answer.Fail fail, ClusterSnapshot snapshot, Policy policy, String id) {
        Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);
        Map<String, Resources> free = new HashMap<>();
        Resources total = Resources.ZERO;
        for (Host host : snapshot.hosts()) {
            if (host.isActive() && !host.isStale()) {
                Resources left = host.capacity().scaledBy(policy.limits()).minus(load.getOrDefault(host.name(), Resources.ZERO));
                left = new Resources(Math.max(0, left.cpu()), Math.max(0, left.memoryMiB()), Math.max(0, left.networkMbps()));
                free.put(host.name(), left);
                total = total.plus(left);
            }
        }
        Set<String> failed = new HashSet<>();
        fail.hosts().forEach(h -> failed.add(h.host()));
        Resources others = total;
        if (!fail.any()) {
            for (String host : failed) {
                others = others.minus(free.getOrDefault(host, Resources.ZERO));
            }
        }
        List<double[]> points = new ArrayList<>();
        for (HostLoss loss : fail.hosts()) {
            Resources room = fail.any() ? total.minus(free.getOrDefault(loss.host(), Resources.ZERO)) : others;
            Resources need = load.getOrDefault(loss.host(), Resources.ZERO);
            double share = 0;
            for (Resource resource : Resource.values()) {
                double roomOf = room.get(resource);
                if (need.get(resource) > 0) {
                    share = Math.max(share, roomOf <= 0 ? 10 : need.get(resource) / roomOf);
                }
            }
            points.add(new double[] {share, loss.absorbable() ? 1 : 0});
        }
        points.sort(Comparator.comparingDouble((double[] p) -> -p[0]));
        XYSeries absorbed = new XYSeries("VMs restart elsewhere", false, true);
        XYSeries stranded = new XYSeries("some VMs stranded", false, true);
        double highest = 0;
        for (int i = 0; i < points.size(); i++) {
            (points.get(i)[1] > 0 ? absorbed : stranded).add(i + 1, points.get(i)[0]);
            highest = Math.max(highest, points.get(i)[0]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(absorbed);
        data.addSeries(stranded);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        double radius = points.size() > 200 ? 2 : 3.5;
        Ellipse2D dot = new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
        dots.setSeriesShape(0, dot);
        dots.setSeriesShape(1, dot);
        dots.setSeriesPaint(0, OK);
        dots.setSeriesPaint(1, NOT_OK);
        NumberAxis rank = axis(fail.any() ? "failed host, from the hardest loss to the easiest (" + points.size() + ")"
                : "failed host (" + points.size() + ")");
        rank.setRange(0.5, Math.max(1.5, points.size() + 0.5));
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis share = axis("its VMs' share of the room left");
        share.setRange(0, Math.max(1.2, Math.min(highest, 3)) * 1.05);
        share.setTickUnit(new NumberTickUnit(highest > 1.5 ? 0.5 : 0.25, NumberFormat.getPercentInstance(Locale.ROOT)));
        XYPlot plot = new XYPlot(data, rank, share, dots);
        style(plot);
        ValueMarker all = new ValueMarker(1.0, NOT_OK, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        all.setLabel("all the room left");
        all.setLabelFont(TICKS);
        all.setLabelPaint(NOT_OK);
        all.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        all.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(all);
        return SvgChart.draw(chart(plot), WIDTH, 320, id,
                "Each failed host's VMs as a share of the room the other hosts have left, sorted, by whether they restart");
    }

    /** How many more VMs of the shape each host takes, hosts sorted from the most to the fewest. */
    private static Svg fitMore(Answer.FitMore more, ClusterSnapshot snapshot, String id) {
        List<Integer> counts = new ArrayList<>();
        for (Host host : snapshot.hosts()) {
            if (host.state() == HostState.ACTIVE && !host.isStale()) {
                counts.add(more.perHost().getOrDefault(host.name(), 0));
            }
        }
        counts.sort(Comparator.reverseOrder());
        XYSeries series = new XYSeries("VMs of the shape each host takes (" + more.count() + " in all)", false, true);
        for (int i = 0; i < counts.size(); i++) {
            series.add(i + 1, counts.get(i));
        }
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, counts.size() <= 60);
        line.setDrawSeriesLineAsPath(true);
        line.setSeriesPaint(0, MAIN);
        line.setSeriesStroke(0, new BasicStroke(2f));
        NumberAxis rank = axis("active hosts, from the roomiest to the fullest (" + counts.size() + ")");
        rank.setRange(0.5, Math.max(1.5, counts.size() + 0.5));
        rank.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis count = axis("VMs that fit");
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        count.setLowerBound(0);
        count.setUpperBound(Math.max(1, counts.isEmpty() ? 1 : counts.get(0)) * 1.1);
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), rank, count, line);
        style(plot);
        return SvgChart.draw(chart(plot), WIDTH, 300, id,
                "How many more VMs of the shape each active host takes, sorted");
    }

    /** Each policy's plan side by side: migrations, hosts in use after, hosts switched off. */
    private static Svg compare(Answer.Compare compare, String id) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Answer.PolicyResult result : compare.policies()) {
            boolean made = result.figures() != null;
            data.addValue(made ? result.figures().migrations() : 0, "migrations", result.policy());
            data.addValue(made ? result.figures().hostsUsedAfter() : 0, "hosts in use after", result.policy());
            data.addValue(made ? result.figures().hostsToPowerOff() : 0, "hosts switched off", result.policy());
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.05);
        bars.setSeriesPaint(0, MAIN);
        bars.setSeriesPaint(1, MUTED);
        bars.setSeriesPaint(2, OK);
        CategoryAxis policies = new CategoryAxis("policy");
        policies.setTickLabelFont(LABELS);
        policies.setLabelFont(LABELS);
        NumberAxis value = axis("count");
        value.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CategoryPlot plot = new CategoryPlot(data, policies, value, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        JFreeChart chart = new JFreeChart(null, LABELS, plot, false);
        legend(chart, plot);
        return SvgChart.draw(chart, WIDTH, 300, id, "Each policy's plan: migrations, hosts in use after, hosts switched off");
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setTickLabelFont(TICKS);
        axis.setLabelFont(LABELS);
        axis.setTickLabelPaint(TEXT);
        axis.setLabelPaint(TEXT);
        axis.setAxisLineVisible(false);
        return axis;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    private static JFreeChart chart(XYPlot plot) {
        JFreeChart chart = new JFreeChart(null, LABELS, plot, false);
        legend(chart, plot);
        return chart;
    }

    private static void legend(JFreeChart chart, org.jfree.chart.LegendItemSource source) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 12));
        chart.setTextAntiAlias(true);
        LegendTitle legend = new LegendTitle(source);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(LABELS);
        legend.setItemPaint(TEXT);
        legend.setFrame(BlockBorder.NONE);
        chart.addSubtitle(legend);
    }
}
