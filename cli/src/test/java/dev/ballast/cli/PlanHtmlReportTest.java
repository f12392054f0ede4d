package dev.ballast.cli;

import dev.ballast.reports.browser.HeadlessBrowser;
import dev.ballast.reports.browser.HeadlessBrowser.Visit;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast plan --format html} end to end: real plans of the demo cluster (36 hosts) and
 * of 1,000 hosts, written as reports and opened in a real headless chromium. The page must load
 * with no console error and fetch nothing but its own file; its charts must be drawn; its hosts
 * and steps must be there. A screenshot of each report goes to target/screenshots/.
 */
class PlanHtmlReportTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Of one chart, the shapes filled or stroked in one colour: how many, and the widest one's
     * width as a share of the chart's.
     */
    private static final String IN_COLOUR = """
            const svg = document.getElementById(arguments[0]);
            const shapes = [...svg.querySelectorAll('path, rect, line')].filter(s => !s.closest('defs'))
                .filter(s => { const style = getComputedStyle(s);
                               return style.fill === arguments[1] || style.stroke === arguments[1]; })
                .map(s => s.getBBox()).filter(b => b.width > 0 && b.height > 0);
            return {count: shapes.length,
                    widest: Math.max(0, ...shapes.map(b => b.width)) / svg.viewBox.baseVal.width};""";

    /** The colours of the charts (reports' ChartStyle): before, after, watts saved. */
    private static final String BEFORE = "rgb(154, 165, 177)";
    private static final String AFTER = "rgb(31, 111, 235)";
    private static final String SAVED = "rgb(130, 80, 223)";

    @RegisterExtension
    static final HeadlessBrowser browser = HeadlessBrowser.forEachClass();

    @TempDir
    Path dir;

    @Test
    void theDemoClustersReportShowsABarPerHostAndEveryStep() throws IOException {
        Path snapshot = TestFiles.snapshot(dir, "demo.yaml", ClusterGenerator.demo());
        Path report = dir.resolve("demo.html");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "consolidate",
                "--time-limit", "2s", "--seed", "1", "--format", "html", "--output", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).matches(report + ": HTML report of policy consolidate's plan, \\d+ steps, \\d+ KiB\n");
        Visit visit = browser.open(report.toUri());
        browser.screenshot(SCREENSHOTS.resolve("plan-demo.png"));
        loadedCleanly(visit, report);

        Map<String, Object> bars = chart("plan-utilisation");
        assertThat((String) bars.get("text")).contains("host-001", "host-036", "limit 85%", "limit 95%", "limit 80%");
        // Every host holds VMs before the plan: a grey CPU and memory bar each, and the legend's swatch.
        assertThat(count(inColour("plan-utilisation", BEFORE))).isGreaterThanOrEqualTo(2 * 36 + 1);
        // The hosts still in use after it: a blue CPU and memory bar each at least.
        int inUse = Integer.parseInt(figure("hosts in use").replaceAll(".*→ ", ""));
        assertThat(count(inColour("plan-utilisation", AFTER))).isGreaterThanOrEqualTo(2 * inUse + 1);
        Map<String, Object> progress = chart("plan-progress");
        assertThat((String) progress.get("text")).contains("watts saved (W)", "hottest host", "spread (stddev)");
        // The watts saved run across the chart, not as a dot.
        assertThat(widest(inColour("plan-progress", SAVED))).isGreaterThan(0.8);

        List<WebElement> steps = browser.driver().findElements(By.cssSelector("table.steps tbody tr"));
        assertThat(steps).hasSize(Integer.parseInt(heading("steps").replaceAll("\\D", "")));
        assertThat(steps.get(0).getText()).startsWith("1 vm-").contains(" → host-", " GiB", " ms pause");
        assertThat(browser.driver().findElements(By.cssSelector("table.hosts tbody tr"))).hasSize(36);
        assertThat(browser.driver().findElements(By.cssSelector("#power-off li"))).isNotEmpty();
    }

    @Test
    void aThousandHostReportShowsSortedCurves() throws IOException {
        Path snapshot = TestFiles.snapshot(dir, "large.yaml", ClusterGenerator.mixed(1_000, 5_000, 11));
        Path report = dir.resolve("large.html");

        // relieve moves VMs off the few hot hosts only: most hosts are left as they are.
        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "relieve",
                "--time-limit", "1s", "--seed", "1", "--format", "html", "--output", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Visit visit = browser.open(report.toUri());
        browser.screenshot(SCREENSHOTS.resolve("plan-1000-hosts.png"));
        loadedCleanly(visit, report);

        Map<String, Object> curves = chart("plan-utilisation");
        assertThat((String) curves.get("text")).contains("hosts, from the most used to the least (1000)")
                .doesNotContain("host-001");
        // The "after" curve of each of the three panels runs across the chart; the "before" too.
        Map<String, Object> after = inColour("plan-utilisation", AFTER);
        assertThat(count(after)).isGreaterThanOrEqualTo(3);
        assertThat(widest(after)).isGreaterThan(0.8);
        assertThat(widest(inColour("plan-utilisation", BEFORE))).isGreaterThan(0.8);
        assertThat(browser.driver().findElement(By.id("utilisation")).getText()).contains("1000 hosts: too many for a bar each");
        String hosts = heading("hosts");
        assertThat(hosts).matches("Hosts the plan changes \\(\\d+ of 1000\\)");
        assertThat(browser.driver().findElements(By.cssSelector("table.hosts tbody tr")))
                .hasSize(Integer.parseInt(hosts.replaceAll(".*\\((\\d+) of.*", "$1")));
        assertThat(browser.driver().findElements(By.cssSelector("table.steps tbody tr"))).hasSizeBetween(1, 500);
        assertThat(chart("plan-progress")).isNotNull();
    }

    @Test
    void withoutOutputTheReportGoesToStdout() {
        Path snapshot = TestFiles.snapshot(dir, "small.yaml", ClusterGenerator.mixed(6, 40, 3));

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance",
                "--time-limit", "1s", "--seed", "1", "--format", "html");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("<h1>Plan: policy balance</h1>").endsWith("</html>\n");
    }

    private static void loadedCleanly(Visit visit, Path report) {
        assertThat(visit.consoleErrors()).as("console errors").isEmpty();
        assertThat(visit.requestsBeyondFiles()).as("requests beyond the report's file").isEmpty();
        assertThat(visit.requests()).containsExactly(report.toUri().toString());
        assertThat(browser.script("return document.title")).asString().startsWith("Plan: policy ");
    }

    /** The chart with this id, drawn on the page with a size. */
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inColour(String chart, String colour) {
        return (Map<String, Object>) browser.script(IN_COLOUR, chart, colour);
    }

    private static long count(Map<String, Object> shapes) {
        return ((Number) shapes.get("count")).longValue();
    }

    private static double widest(Map<String, Object> shapes) {
        return ((Number) shapes.get("widest")).doubleValue();
    }

    /** The value of a key figure: {@code 36 → 16}. */
    private static String figure(String name) {
        return browser.driver().findElement(By.xpath("//dl[@class='figures']/div[dt='" + name + "']/dd")).getText();
    }

    private static String heading(String section) {
        return browser.driver().findElement(By.cssSelector("#" + section + " h2")).getText();
    }
}
