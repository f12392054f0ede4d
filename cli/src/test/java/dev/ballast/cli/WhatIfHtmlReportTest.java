package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.reports.browser.HeadlessBrowser;
import dev.ballast.reports.browser.HeadlessBrowser.Visit;
import dev.ballast.simulator.ClusterGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The what-if report opened in a real headless browser (Debian's chromium): it loads with no
 * console error and fetches nothing beyond its own file, every case has its chart drawn with a
 * size and shapes, and a 1,000-host cluster reads as sorted curves. Screenshots are kept in
 * {@code target/screenshots}.
 */
class WhatIfHtmlReportTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final HeadlessBrowser browser = HeadlessBrowser.forEachClass();

    @TempDir
    Path dir;

    @Test
    void everyCaseHasItsVerdictAndAChart() {
        Path snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(10, 90, 3));
        Path scenario = TestFiles.write(dir.resolve("scenario.yaml"), WhatIfCommandTest.EVERY_CASE);
        Path report = dir.resolve("what-if.html");

        Run run = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", scenario.toString(),
                "--time-limit", "1s", "--seed", "1", "--format", "html", "--output", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Visit visit = browser.open(report.toUri());
        browser.screenshot(SCREENSHOTS.resolve("what-if.png"));
        loadedCleanly(visit, report);
        assertThat(browser.driver().findElements(By.cssSelector("table.verdicts tbody tr"))).hasSize(7);
        assertThat(browser.driver().findElement(By.cssSelector("table.verdicts")).getText())
                .contains("lose-any-host", "weekend", "growth", "new-tenant", "capacity", "compare");
        for (int i = 1; i <= 7; i++) {
            chart("case-" + i + "-chart");
        }
        assertThat((String) chart("case-7-chart").get("text")).contains("relieve", "balance", "consolidate");
        assertThat(browser.driver().findElements(By.cssSelector("table.compare tbody tr"))).hasSize(3);
    }

    @Test
    void aThousandHostClusterReadsAsSortedCurves() {
        Path snapshot = TestFiles.snapshot(dir, "large.yaml", ClusterGenerator.mixed(1_000, 5_000, 11));
        Path scenario = TestFiles.write(dir.resolve("large-scenario.yaml"), """
                apiVersion: ballast/v1
                kind: WhatIf
                cases:
                  - {name: lose-any-host, fail: any}
                  - {name: capacity, fitMore: {vcpus: 8, memoryMiB: 32768, demand: {cpu: 2}}}
                """);
        Path report = dir.resolve("large.html");

        long started = System.nanoTime();
        Run run = Run.ballast("what-if", "--snapshot", snapshot.toString(), "--scenario", scenario.toString(),
                "--time-limit", "2s", "--format", "html", "--output", report.toString());
        System.out.printf("what-if fail: any + fitMore over 1,000 hosts and 5,000 VMs: %.1f s%n",
                (System.nanoTime() - started) / 1e9);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Visit visit = browser.open(report.toUri());
        browser.screenshot(SCREENSHOTS.resolve("what-if-1000-hosts.png"));
        loadedCleanly(visit, report);
        assertThat((String) chart("case-1-chart").get("text")).contains("from the hardest loss to the easiest (1000)")
                .doesNotContain("host-001");
        assertThat((String) chart("case-2-chart").get("text")).contains("from the roomiest to the fullest (1000)");
    }

    private static void loadedCleanly(Visit visit, Path report) {
        assertThat(visit.consoleErrors()).as("console errors").isEmpty();
        assertThat(visit.requestsBeyondFiles()).as("requests beyond the report's file").isEmpty();
        assertThat(visit.requests()).containsExactly(report.toUri().toString());
        assertThat(browser.script("return document.title")).asString().startsWith("What if: ");
    }

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
}
