package dev.ballast.reports.html;

import dev.ballast.model.Resource;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.LegendItemSource;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The look every chart shares, matching the page's stylesheet: white ground, light grid, the same
 * colours for before and after, for each resource, and for a policy's limit.
 */
final class ChartStyle {

    static final Color BEFORE = new Color(0x9a, 0xa5, 0xb1);
    static final Color AFTER = new Color(0x1f, 0x6f, 0xeb);
    static final Color LIMIT = new Color(0xcf, 0x22, 0x2e);
    static final Color SAVED = new Color(0x82, 0x50, 0xdf);
    static final Color GRID = new Color(0xd8, 0xde, 0xe4);
    static final Color TEXT = new Color(0x24, 0x29, 0x2f);

    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font SMALL_TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
    static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke THIN_LINE = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    /** Each resource's colour, the same in every chart. */
    static Color of(Resource resource) {
        return switch (resource) {
            case CPU -> AFTER;
            case MEMORY -> new Color(0x1a, 0x7f, 0x37);
            case NETWORK -> new Color(0xbc, 0x4c, 0x00);
        };
    }

    /** {@code CPU}, {@code memory}, {@code network}: as an axis or a legend names them. */
    static String name(Resource resource) {
        return resource == Resource.CPU ? "CPU" : resource.key();
    }

    /** A chart of one (combined) plot with no title, and a legend at the bottom taken from {@code legend}. */
    static JFreeChart chart(Plot plot, LegendItemSource legend) {
        JFreeChart chart = new JFreeChart(null, LABELS, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 12));
        chart.setTextAntiAlias(true);
        LegendTitle title = new LegendTitle(legend);
        title.setPosition(RectangleEdge.BOTTOM);
        title.setItemFont(LABELS);
        title.setItemPaint(TEXT);
        title.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        chart.addSubtitle(title);
        return chart;
    }

    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    }

    static void style(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    }

    static void style(NumberAxis axis) {
        axis.setTickLabelFont(TICKS);
        axis.setLabelFont(LABELS);
        axis.setTickLabelPaint(TEXT);
        axis.setLabelPaint(TEXT);
        axis.setAxisLineVisible(false);
    }

    /**
     * An axis of shares of capacity, from 0 to at least 100%, higher when a value is (a host
     * asked for more than it has), with ticks every 25%.
     */
    static NumberAxis shareAxis(String label, double highest) {
        NumberAxis axis = new NumberAxis(label);
        style(axis);
        axis.setRange(0, Math.max(1.0, highest) * 1.05);
        axis.setTickUnit(new NumberTickUnit(highest > 2 ? 0.5 : 0.25, percent()));
        return axis;
    }

    static NumberFormat percent() {
        return NumberFormat.getPercentInstance(Locale.ROOT);
    }

    /** The policy's limit for one resource: a dashed red line labelled {@code limit 85%}. */
    static ValueMarker limit(double limit) {
        ValueMarker marker = new ValueMarker(limit, LIMIT, DASHED);
        marker.setLabel("limit " + percent().format(limit));
        marker.setLabelFont(SMALL_TICKS.deriveFont(Font.BOLD, 10f));
        marker.setLabelPaint(LIMIT);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }
}
