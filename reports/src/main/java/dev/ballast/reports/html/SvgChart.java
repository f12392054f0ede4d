package dev.ballast.reports.html;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.geom.Rectangle2D;
import java.util.regex.Pattern;

/**
 * Draws a JFreeChart chart as an inline SVG element sized by the page: it has a view box and no
 * fixed size, so it takes the width of its box on screen and on paper.
 *
 * <p>Several charts share one page, so each chart's internal ids (clip paths, gradients) start
 * with the chart's own id. JFreeSVG escapes the text it draws (host names on an axis).
 */
public final class SvgChart {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    static {
        // Charts are drawn on a server or in a batch command: never on a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // Rotated labels (host names under bars) as SVG text, not as glyph outlines: a tenth of
        // the size, readable by a search or a screen reader, and escaped like any other text.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgChart() {
    }

    /**
     * The chart drawn on a canvas of {@code width} by {@code height} units (the proportions the
     * page keeps), as {@code <svg id="ID" class="chart" role="img" aria-label="LABEL" ...>}.
     *
     * @param id    unique in the page: lower-case letters, digits and dashes
     * @param label what the chart shows, for screen readers
     */
    public static Svg draw(JFreeChart chart, int width, int height, String id, String label) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a chart id is lower-case letters, digits and dashes: " + id);
        }
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(id + "-");
        // A tenth of a unit is finer than a pixel at any page width; it keeps large charts small.
        g2.setGeomDoubleConverter(SvgChart::tenths);
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        String element = g2.getSVGElement(id, false, new ViewBox(0, 0, width, height), null, null);
        return new Svg(element.replaceFirst("<svg ",
                "<svg class=\"chart\" role=\"img\" aria-label=\"" + attribute(label) + "\" "));
    }

    static String tenths(double value) {
        long tenths = Math.round(value * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : Double.toString(tenths / 10.0);
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
