package dev.ballast.reports.html;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * One chart as an inline {@code <svg>} element, ready to go into a page as it is. The only markup
 * a page takes unescaped: it is made by {@link SvgChart} alone (the constructor is not public),
 * which escapes every label it draws, so operator input never reaches a page unescaped.
 */
public final class Svg implements Content {

    private final String markup;

    Svg(String markup) {
        this.markup = markup;
    }

    /** The {@code <svg>} element. */
    public String markup() {
        return markup;
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(markup);
    }

    @Override
    public String toString() {
        return markup;
    }
}
