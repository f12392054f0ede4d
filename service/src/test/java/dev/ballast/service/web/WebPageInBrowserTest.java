package dev.ballast.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.Vm;
import dev.ballast.reports.browser.HeadlessBrowser;
import dev.ballast.reports.browser.HeadlessBrowser.Visit;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.api.Token;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.simulator.ClusterGenerator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The service's web page in a real headless chromium, served by the API server of a service on a
 * simulated cluster, on 127.0.0.1: the pages load with no console error and request nothing but
 * the service's own files; their charts are drawn; the token typed on a plan's page approves it
 * through the API, and a wrong token shows the API's refusal and changes nothing. Host, VM and job
 * names that are markup show as text. Screenshots go to target/screenshots/.
 */
class WebPageInBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String SECRET = "s3cret-for-the-page";
    /** Two jobs that each keep their plan for approval: one plan may run while the other waits. */
    private static final List<Job> JOBS = List.of(Job.onDemand("nightly", "consolidate", Mode.RECOMMEND),
            Job.onDemand("weekend", "consolidate", Mode.RECOMMEND));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final HeadlessBrowser browser = HeadlessBrowser.forEachClass();

    @TempDir
    Path dataDir;
    private SimulatedService simulated;
    private ApiServer server;

    @AfterEach
    void stop() {
        if (simulated != null) {
            simulated.gate.release();
        }
        if (server != null) {
            server.close();
        }
        if (simulated != null) {
            simulated.close();
        }
    }

    private void start(SimulatedService service) throws Exception {
        simulated = service;
        Path tokenFile = Files.writeString(dataDir.resolve("token"), SECRET + "\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private StoredPlan recommended(String job) throws Exception {
        return simulated.service.runJob(job).get().orElseThrow();
    }

    @Test
    void theFrontPageShowsTheHostsAndThePlansAndFetchesOnlyFromTheService() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        // Plans in four states, and hosts in three: one plan rejected, one run (its hosts emptied
        // are switched off), one waiting, and the evacuation plan of a host put into maintenance.
        StoredPlan rejected = recommended("weekend");
        simulated.service.reject(rejected.id(), "not this weekend");
        StoredPlan ran = recommended("nightly");
        simulated.service.approve(ran.id(), "checked by Ana");
        simulated.awaitState(ran.id(), PlanState.SUCCEEDED);
        StoredPlan waiting = recommended("nightly");
        String busiest = simulated.service.snapshot().hosts().stream().filter(Host::isActive)
                .map(Host::name).findFirst().orElseThrow();
        simulated.service.enterMaintenance(busiest, Mode.RECOMMEND).get();

        Visit visit = browser.open(URI.create(base() + "/"));
        browser.screenshot(SCREENSHOTS.resolve("web-front.png"));

        loadedCleanly(visit, "/");
        assertThat(browser.script("return document.title")).isEqualTo("Ballast: the cluster and its plans");
        Map<String, Object> chart = chart("cluster-utilisation");
        assertThat((String) chart.get("text")).contains("host-001", "host-006", "limit 85%", "in use");
        List<WebElement> hosts = rows("table.hosts-now");
        assertThat(hosts).hasSize(6);
        ClusterSnapshot now = simulated.service.snapshot();
        for (int i = 0; i < 6; i++) {
            Host host = now.hosts().get(i);
            assertThat(hosts.get(i).getText()).startsWith(host.name() + " " + host.state().key());
        }
        assertThat(hosts).anyMatch(row -> row.getText().startsWith(busiest + " maintenance"))
                .anyMatch(row -> row.getText().contains(" standby "));
        assertThat(browser.driver().findElements(By.cssSelector("table.hosts-now meter"))).hasSize(18);
        // Newest first, each linked to its page.
        List<WebElement> plans = rows("table.plans");
        assertThat(plans).extracting(WebElement::getText).satisfiesExactly(
                row -> assertThat(row).contains(" recommended maintenance relieve "),
                row -> assertThat(row).startsWith("plan " + waiting.id() + " recommended nightly consolidate"),
                row -> assertThat(row).startsWith("plan " + ran.id() + " succeeded nightly consolidate"),
                row -> assertThat(row).startsWith("plan " + rejected.id() + " rejected weekend consolidate")
                        .endsWith("not this weekend"));
        assertThat(plans.get(1).findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo(base() + "/plans/" + waiting.id());
        assertThat(rows("table.jobs")).extracting(WebElement::getText)
                .containsExactly("nightly consolidate recommend on demand", "weekend consolidate recommend on demand");
    }

    @Test
    void aPlansPageShowsItsReportItsChartsAndTheButtonsItsStateAllows() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        StoredPlan plan = recommended("nightly");

        Visit visit = browser.open(URI.create(base() + "/plans/" + plan.id()));
        browser.screenshot(SCREENSHOTS.resolve("web-plan.png"));

        loadedCleanly(visit, "/plans/" + plan.id());
        assertThat(browser.script("return document.title")).isEqualTo("Plan " + plan.id() + ": recommended");
        assertThat(text("plan-state")).isEqualTo("recommended");
        assertThat(chart("plan-utilisation").get("text").toString()).contains("host-001", "limit 85%");
        assertThat(chart("plan-progress").get("text").toString()).contains("hottest host");
        assertThat(rows("table.steps")).hasSize(plan.steps());
        assertThat(browser.driver().findElements(By.cssSelector("#actions button[data-action]")))
                .extracting(button -> button.getAttribute("data-action")).containsExactly("approve", "reject", "cancel");
        assertThat(browser.driver().findElement(By.id("token-entry")).isDisplayed()).isTrue();
    }

    @Test
    void theTokenTypedOnThePageApprovesAPlanWaitingForApprovalThroughTheApi() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        StoredPlan other = recommended("weekend");
        StoredPlan plan = recommended("nightly");
        // The other plan runs and is held in its first step: the approved plan waits behind it, approved.
        simulated.gate.hold();
        simulated.service.approve(other.id(), "approved by the test");
        assertThat(simulated.gate.awaitReached(WAIT)).as("the other plan's run reached its first step").isTrue();
        browser.open(URI.create(base() + "/plans/" + plan.id()));

        type("token", SECRET);
        click("keep-token");
        type("reason", "checked on the page");
        click(By.cssSelector("button[data-action=approve]"));
        String said = until(driver -> text("action-status").contains("Plan") ? text("action-status") : null);

        assertThat(said).isEqualTo("Plan " + plan.id() + " is approved. Reload the page to follow it.");
        StoredPlan approved = simulated.store().find(plan.id()).orElseThrow();
        assertThat(approved.state()).isEqualTo(PlanState.APPROVED);
        assertThat(approved.reason()).isEqualTo("checked on the page");
        assertThat(text("plan-state")).isEqualTo("approved");
        Visit clicked = browser.activity();
        assertThat(clicked.requests()).containsExactly(base() + "/api/v1/plans/" + plan.id() + "/approve");
        assertThat(clicked.consoleErrors()).isEmpty();
        // Kept for the tab, out of the page and its address.
        assertThat(browser.script("return sessionStorage.getItem('ballast.apiToken')")).isEqualTo(SECRET);
        assertThat((String) browser.script("return document.documentElement.outerHTML + location.href"))
                .doesNotContain(SECRET);
        assertThat(browser.driver().findElement(By.id("token-entry")).isDisplayed()).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#actions button[data-action]")))
                .allMatch(button -> !button.isEnabled());
        // Reloaded, the page shows the new state from the store, and no button approves it again.
        browser.open(URI.create(base() + "/plans/" + plan.id()));
        assertThat(text("plan-state")).isEqualTo("approved");
        assertThat(browser.driver().findElements(By.cssSelector("#actions button[data-action]")))
                .extracting(button -> button.getAttribute("data-action")).containsExactly("cancel");
    }

    @Test
    void cancellingARunningPlanFromThePageAsksItToStopBeforeItsNextStep() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        StoredPlan plan = recommended("nightly");
        simulated.gate.hold();
        simulated.service.approve(plan.id(), "approved by the test");
        assertThat(simulated.gate.awaitReached(WAIT)).as("the run reached its first step").isTrue();
        browser.open(URI.create(base() + "/plans/" + plan.id()));
        // Running: only cancel is offered.
        assertThat(browser.driver().findElements(By.cssSelector("#actions button[data-action]")))
                .extracting(button -> button.getAttribute("data-action")).containsExactly("cancel");

        type("token", SECRET);
        click("keep-token");
        type("reason", "change freeze");
        click(By.cssSelector("button[data-action=cancel]"));
        String said = until(driver -> text("action-status").contains("Plan") ? text("action-status") : null);

        assertThat(said).isEqualTo("Plan " + plan.id() + " is running, asked to stop before its next step."
                + " Reload the page to follow it.");
        assertThat(simulated.store().find(plan.id()).orElseThrow().cancelRequested()).isEqualTo("change freeze");
        simulated.gate.release();
        assertThat(simulated.awaitState(plan.id(), PlanState.STOPPED).reason()).contains("cancelled while running");
        browser.open(URI.create(base() + "/plans/" + plan.id()));
        assertThat(text("plan-state")).isEqualTo("stopped");
        assertThat(browser.driver().findElements(By.id("actions"))).isEmpty();
        assertThat(rows("table.runs")).hasSize(1);
    }

    @Test
    void aWrongTokenShowsTheApisRefusalAndChangesNothing() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        StoredPlan plan = recommended("nightly");
        browser.open(URI.create(base() + "/plans/" + plan.id()));

        type("token", "not-the-token");
        click("keep-token");
        click(By.cssSelector("button[data-action=approve]"));
        String said = until(driver -> text("action-status").contains("refused") ? text("action-status") : null);

        assertThat(said).isEqualTo("The service refused: 403 wrong token (Authorization)");
        assertThat(simulated.store().find(plan.id()).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);
        assertThat(simulated.store().find(plan.id()).orElseThrow().updatedAt()).isEqualTo(plan.updatedAt());
        assertThat(text("plan-state")).isEqualTo("recommended");
        // A refused token is dropped: the page asks for it again.
        assertThat(browser.script("return sessionStorage.getItem('ballast.apiToken')")).isNull();
        assertThat(browser.driver().findElement(By.id("token-entry")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElements(By.cssSelector("#actions button[data-action]")))
                .allMatch(WebElement::isEnabled);
    }

    @Test
    void withoutATokenTheButtonsAskForItAndSendNothing() throws Exception {
        start(new SimulatedService(dataDir, JOBS, java.time.ZoneOffset.UTC));
        StoredPlan plan = recommended("nightly");
        browser.open(URI.create(base() + "/plans/" + plan.id()));

        click(By.cssSelector("button[data-action=reject]"));

        assertThat(text("action-status")).isEqualTo("Enter the API token first.");
        assertThat(browser.activity().requests()).isEmpty();
        assertThat(simulated.store().find(plan.id()).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);
    }

    @Test
    void namesThatLookLikeMarkupShowAsTextAndNeitherRunNorFetch() throws Exception {
        String host = "<img src=x onerror=\"document.title='pwned'\">";
        String vm = "vm-<script>document.title='pwned'</script>";
        String job = "<b onmouseover=\"document.title='pwned'\">nightly</b>";
        start(new SimulatedService(dataDir, List.of(Job.onDemand(job, "consolidate", Mode.RECOMMEND)),
                renamed(ClusterGenerator.generate(new ClusterGenerator.Options(6, 40, 0.6, 0.8, 0, 7)), host, vm)));
        StoredPlan plan = recommended(job);

        for (String page : List.of("/", "/plans/" + plan.id())) {
            Visit visit = browser.open(URI.create(base() + page));

            loadedCleanly(visit, page);
            assertThat((String) browser.script("return document.title")).as(page).doesNotContain("pwned");
            assertThat(browser.script("return document.querySelectorAll('main img, main script, [onerror], [onmouseover]').length"))
                    .as(page).isEqualTo(0L);
            assertThat(browser.driver().findElement(By.tagName("main")).getText()).as(page).contains(host + "host-001");
        }
        assertThat(browser.driver().findElement(By.id("plan")).getText()).contains(job);
        browser.open(URI.create(base() + "/"));
        assertThat(rows("table.plans").get(0).getText()).contains(job);
        assertThat(rows("table.hosts-now").get(0).getText()).startsWith(host + "host-001");
    }

    /** Every host and VM named with markup in front of its own name. */
    private static ClusterSnapshot renamed(ClusterSnapshot cluster, String hostPrefix, String vmPrefix) {
        List<Host> hosts = cluster.hosts().stream().map(h -> new Host(hostPrefix + h.name(), h.state(), h.capacity(),
                h.migrationLink(), h.storage(), h.bridges(), h.cpu(), h.power(), h.libvirtUri(), h.stale())).toList();
        List<Vm> vms = cluster.vms().stream().map(v -> new Vm(vmPrefix + v.name(),
                v.host() == null ? null : hostPrefix + v.host(), v.memoryMiB(), v.vcpus(), v.demand(),
                v.dirtyRateMiBps(), v.storage(), v.bridges(), v.pinned(), v.lastMigratedAt())).toList();
        return new ClusterSnapshot(hosts, vms, cluster.groups());
    }

    /** No console error; every request to the service itself on 127.0.0.1 (or inline data), the page first. */
    private void loadedCleanly(Visit visit, String page) {
        assertThat(visit.consoleErrors()).as("console errors of " + page).isEmpty();
        assertThat(visit.requests()).as("requests of " + page).first().isEqualTo(base() + page);
        assertThat(visit.requests()).as("requests of " + page)
                .allMatch(url -> url.startsWith(base() + "/") || url.startsWith("data:"))
                .contains(base() + "/ui/page.css", base() + "/ui/page.js");
    }

    /** The chart with this id, drawn on the page with a size and shapes. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> chart(String id) {
        List<Map<String, Object>> charts = browser.charts();
        Map<String, Object> chart = charts.stream().filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow(
                () -> new AssertionError("no chart " + id + " among " + charts.stream().map(c -> c.get("id")).toList()));
        assertThat(((Number) chart.get("width")).doubleValue()).as(id + " width").isGreaterThan(300);
        assertThat(((Number) chart.get("height")).doubleValue()).as(id + " height").isGreaterThan(150);
        assertThat(((Number) chart.get("shapes")).longValue()).as(id + " shapes").isGreaterThan(10);
        return chart;
    }

    private static List<WebElement> rows(String table) {
        return browser.driver().findElements(By.cssSelector(table + " tbody tr"));
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void click(String id) {
        click(By.id(id));
    }

    private static void click(By by) {
        browser.driver().findElement(by).click();
    }

    /** Polls the page, a bounded time, until {@code condition} gives a value. */
    private static <T> T until(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser.driver(), WAIT).until(condition::apply);
    }
}
