package dev.ballast.service.web;

import dev.ballast.formats.InputException;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.reports.PlanView;
import dev.ballast.reports.Text;
import dev.ballast.reports.html.HtmlPage;
import dev.ballast.reports.html.PlanHtmlRenderer;
import dev.ballast.reports.html.Svg;
import dev.ballast.reports.html.UtilisationChart;
import dev.ballast.reports.html.UtilisationChart.HostUse;
import dev.ballast.service.JobPolicies;
import dev.ballast.service.Service;
import dev.ballast.service.store.StoredPlan;
import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's web page, for a person with a browser: {@code GET /} shows the cluster now (each
 * host's state and use against a policy's limits) and the plans with their states;
 * {@code GET /plans/{id}} shows one plan's report with the buttons its state allows (approve,
 * reject, cancel). Reading needs nothing, as the API's reads need nothing. The buttons call the
 * API itself with the token the operator types once ({@code page.js}): the page holds no token and
 * changes nothing by itself.
 *
 * <p>Rendered on the server from jte templates ({@code src/main/jte/web/}) inside the reports'
 * page layout, with the reports' charts; the script and its stylesheet are files this class
 * serves. Every page goes out with a {@link ContentPolicy} that lets it load only from the service.
 */
public final class WebPages {

    /** The newest plans listed on the front page; the API lists them all. */
    static final int PLANS_SHOWN = 200;

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            WebPages.class.getClassLoader(), "dev.ballast.service.web.templates");

    private final Service service;
    private final Asset script = Asset.read("page.js", "text/javascript; charset=utf-8");
    private final Asset stylesheet = Asset.read("page.css", "text/css; charset=utf-8");

    public WebPages(Service service) {
        this.service = service;
    }

    /** Adds the pages' routes. */
    public void register(RoutesConfig routes) {
        routes.get("/", this::front);
        routes.get("/plans/{id}", this::plan);
        routes.get(Asset.PATH + "page.js", script::send);
        routes.get(Asset.PATH + "page.css", stylesheet::send);
    }

    private void front(Context ctx) throws InterruptedException {
        ClusterSnapshot snapshot = service.snapshot();
        ShownLimits shown = limits();
        ClusterNow cluster = ClusterNow.of(snapshot, shown.limits(), shown.from());
        Svg chart = UtilisationChart.draw(cluster.hosts().stream()
                .map(host -> new HostUse(host.name(), host.use(), null)).toList(), cluster.limits(), "cluster-utilisation");
        List<StoredPlan> plans = new ArrayList<>(service.store().list(Optional.empty()));
        Collections.reverse(plans);
        Map<String, Object> params = new HashMap<>();
        params.put("cluster", cluster);
        params.put("chart", chart);
        params.put("plans", plans.subList(0, Math.min(PLANS_SHOWN, plans.size())));
        params.put("plansInAll", plans.size());
        params.put("jobs", service.config().jobs());
        send(ctx, 200, "Ballast: the cluster and its plans", Text.count(cluster.hosts().size(), "host") + " · "
                + Text.count(cluster.vms(), "VM") + " · " + Text.count(service.config().jobs().size(), "job"),
                template("web/front.jte", params));
    }

    private void plan(Context ctx) {
        String text = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            missing(ctx, 400, "No such plan", "A plan id is a whole number, not \"" + text + "\".");
            return;
        }
        Optional<StoredPlan> found = service.store().find(id);
        if (found.isEmpty()) {
            missing(ctx, 404, "No such plan", "There is no plan " + id + ".");
            return;
        }
        StoredPlan plan = found.get();
        Content report = null;
        String problem = null;
        String subtitle = "job " + plan.job() + " · policy " + plan.policy();
        try {
            PlanView view = view(plan, service.policyOf(plan));
            report = PlanHtmlRenderer.body(view);
            subtitle = subtitle + " · " + PlanHtmlRenderer.subtitle(view);
        } catch (InputException e) {
            problem = e.getMessage();
        }
        PlanPage page = new PlanPage(plan, service.store().runs(plan.id()), report, problem);
        send(ctx, 200, "Plan " + plan.id() + ": " + plan.state().key(), subtitle,
                template("web/plan.jte", Map.of("page", page)));
    }

    /**
     * The plan's report as {@code ballast plan --format html} draws it, from the snapshot it was
     * made from, under the policy its job names (a policy file, a wake job's limits).
     */
    private static PlanView view(StoredPlan plan, Policy policy) throws InputException {
        ClusterSnapshot snapshot = SnapshotReader.parse(plan.snapshotJson(), "the snapshot of plan " + plan.id());
        MigrationPlan migrationPlan = PlanReader.parse(plan.planJson(), "plan " + plan.id());
        return PlanView.of(snapshot, policy, migrationPlan);
    }

    private record ShownLimits(Limits limits, String from) {
    }

    /**
     * The limits the front page marks: those of the first job whose policy can be read (a host over
     * them is what that job would act on); the hosts' whole capacity when none can.
     */
    private ShownLimits limits() {
        for (Job job : service.config().jobs()) {
            try {
                Policy policy = JobPolicies.resolve(job);
                return new ShownLimits(policy.limits(), "the limits of policy " + policy.name() + " (job " + job.name() + ")");
            } catch (InputException e) {
                // The next job's policy, then: this one is logged when the job runs.
            }
        }
        return new ShownLimits(Limits.FULL, "the hosts' whole capacity (no job's policy could be read)");
    }

    private void missing(Context ctx, int status, String title, String message) {
        send(ctx, status, title, null, template("web/missing.jte", Map.of("message", message)));
    }

    private static void send(Context ctx, int status, String title, String subtitle, Content body) {
        String nonce = ContentPolicy.nonce();
        ctx.status(status);
        ctx.header("Content-Security-Policy", ContentPolicy.header(nonce));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.html(HtmlPage.served(title, subtitle, template("web/head.jte", Map.of()), body, nonce));
    }

    private static Content template(String name, Map<String, Object> params) {
        return output -> TEMPLATES.render(name, params, output);
    }
}
