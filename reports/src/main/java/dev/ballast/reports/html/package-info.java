/**
 * Reports as self-contained HTML pages: styles inline, charts as inline SVG, no script, nothing
 * fetched when the page is opened, readable printed.
 *
 * <p>Two parts. The reusable one, for any page Ballast renders (a plan's report, a what-if
 * report, the service's web page): {@link dev.ballast.reports.html.HtmlPage}, the layout and
 * stylesheet every page shares ({@code src/main/jte/layout/page.jte}); {@link
 * dev.ballast.reports.html.SvgChart}, which draws a JFreeChart chart as an {@link
 * dev.ballast.reports.html.Svg} element; and the charts themselves,
 * {@link dev.ballast.reports.html.UtilisationChart} (hosts before and after, bars or sorted curves)
 * and {@link dev.ballast.reports.html.ProgressChart} (a plan's figures after each step). Then one
 * renderer per report: {@link dev.ballast.reports.html.PlanHtmlRenderer} and its templates under
 * {@code src/main/jte/plan/}.
 *
 * <p>The templates are jte, compiled into {@code dev.ballast.reports.html.templates} with the
 * module; every value they print is escaped for where it goes, and an {@code Svg} is the only
 * markup they take as it is.
 */
package dev.ballast.reports.html;
