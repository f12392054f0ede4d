package dev.ballast.reports.html;

import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import dev.ballast.reports.PlanView;
import dev.ballast.reports.PlanView.HostView;
import dev.ballast.reports.Text;
import dev.ballast.reports.html.UtilisationChart.HostUse;
import gg.jte.Content;

import java.util.List;
import java.util.Map;

/**
 * A plan as one self-contained HTML page, for a person to review on screen or on paper: the
 * figures that judge it, each host's use before and after against the policy's limits (bars,
 * or sorted curves for a large cluster), what the plan has bought after each step against the
 * estimated time, the hosts it switches off, every step with its reason and estimate, and the
 * hosts it changes.
 *
 * <p>Renders a {@link PlanView} and works nothing out itself beyond choosing what to show: all
 * hosts up to {@link UtilisationChart#BARS_UP_TO}, else only those the plan changes; the first
 * {@link #STEPS} steps.
 */
public final class PlanHtmlRenderer {

    /**
     * Steps listed before the rest are only counted: the most valuable come first, and beyond
     * this a printed report grows by dozens of pages no one reads (the JSON plan lists them all).
     */
    public static final int STEPS = 500;

    /**
     * What the plan template ({@code plan/report.jte}) shows.
     *
     * @param utilisation  each host's use before and after
     * @param sortedCurves true when {@code utilisation} shows sorted curves rather than bars
     * @param progress     the plan's curve; null for a plan without steps
     * @param wattsKnown   true when every host gives its power, so the watts saved are measured
     * @param hostRows     the hosts listed in the table: all, or those the plan changes
     * @param hostsLeftOut the hosts not listed (unchanged hosts of a large cluster)
     */
    public record Report(PlanView view, Svg utilisation, boolean sortedCurves, Svg progress, boolean wattsKnown,
            List<HostView> hostRows, int hostsLeftOut) {

        public Report {
            hostRows = List.copyOf(hostRows);
        }

        /** What the progress chart's horizontal axis counts, in words. */
        public String progressAxis() {
            return ProgressChart.Axis.of(view.curve()).label();
        }
    }

    private PlanHtmlRenderer() {
    }

    /** The whole page. */
    public static String render(PlanView view) {
        Report report = report(view);
        return HtmlPage.render("Plan: policy " + view.header().policy(), subtitle(view),
                HtmlPage.template("plan/report.jte", Map.of("report", report)));
    }

    /**
     * The report without its page, to be put in another: the service's page of a stored plan
     * shows it under the plan's state and its buttons.
     */
    public static Content body(PlanView view) {
        return HtmlPage.template("plan/report.jte", Map.of("report", report(view)));
    }

    static Report report(PlanView view) {
        List<HostView> hosts = view.hosts();
        boolean all = !UtilisationChart.drawsCurves(hosts.size());
        List<HostView> rows = all ? hosts : hosts.stream().filter(HostView::changed).toList();
        boolean watts = view.figures().idlePower() != null;
        Svg progress = view.steps().isEmpty() ? null : ProgressChart.draw(view.curve(), watts, "plan-progress");
        return new Report(view, UtilisationChart.draw(uses(hosts), view.header().limits(), "plan-utilisation"),
                !all, progress, watts, rows, hosts.size() - rows.size());
    }

    private static List<HostUse> uses(List<HostView> hosts) {
        return hosts.stream().map(h -> new HostUse(h.name(), shares(h, true), shares(h, false))).toList();
    }

    private static Shares shares(HostView host, boolean before) {
        return new Shares(share(host, Resource.CPU, before), share(host, Resource.MEMORY, before),
                share(host, Resource.NETWORK, before));
    }

    private static double share(HostView host, Resource resource, boolean before) {
        PlanView.Use use = host.use().get(resource);
        return before ? use.before() : use.after();
    }

    /** The line under the report's title: goal, limits, hosts, score. */
    public static String subtitle(PlanView view) {
        PlanView.Header header = view.header();
        return "goal " + header.goal() + " · limits: CPU " + Text.percent(header.limits().cpu())
                + ", memory " + Text.percent(header.limits().memory())
                + ", network " + Text.percent(header.limits().network())
                + " · " + Text.count(view.hosts().size(), "host") + " · score " + header.score();
    }
}
