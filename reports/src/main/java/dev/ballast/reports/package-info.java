/**
 * What a plan's reports show, apart from how they show it: {@link dev.ballast.reports.PlanView}
 * works out a plan's figures once (hosts before and after, summary, steps with estimates, the
 * running totals), and each rendering reads that view. {@link dev.ballast.reports.PlanTextRenderer}
 * is the text for a terminal, {@link dev.ballast.reports.html.PlanHtmlRenderer} one HTML page with
 * charts.
 *
 * <p>Knows only the model (a plan, the snapshot it was made for and its policy), and for HTML a
 * template runtime (jte) and a chart library (JFreeChart, drawn into SVG by JFreeSVG).
 */
package dev.ballast.reports;
