package dev.ballast.reports.html;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.reports.browser.HeadlessBrowser;
import dev.ballast.reports.browser.HeadlessBrowser.Visit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.ballast.reports.html.Clusters.host;
import static dev.ballast.reports.html.Clusters.view;
import static dev.ballast.reports.html.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report whose host and VM names are markup, opened in a real browser: the names show as the
 * text they are, and nothing in them runs or fetches. (Reports of real plans, small and large,
 * are opened in the command line's tests: {@code PlanHtmlReportTest}.)
 */
class PlanReportInBrowserTest {

    private static final String HOST = "<img src=x onerror=\"document.title='pwned'\">";
    private static final String VM = "vm-<script>document.title='pwned'</script>";

    @RegisterExtension
    static final HeadlessBrowser browser = HeadlessBrowser.forEachClass();

    @TempDir
    Path dir;

    @Test
    void namesThatLookLikeMarkupShowAsTextAndNeitherRunNorFetch() throws IOException {
        ClusterSnapshot cluster = new ClusterSnapshot(List.of(host(HOST), host("host-b")),
                List.of(vm(VM, HOST, 8, 1), vm("vm-2", "host-b", 8, 1)), List.of());
        Path report = Files.writeString(dir.resolve("hostile.html"), PlanHtmlRenderer.render(
                view(cluster, List.of(new Migration(VM, HOST, "host-b"), new PowerOff(HOST, null)))));

        Visit visit = browser.open(report.toUri());

        assertThat(visit.consoleErrors()).isEmpty();
        assertThat(visit.requests()).containsExactly(report.toUri().toString());
        assertThat(browser.script("return document.title")).isEqualTo("Plan: policy balance");
        assertThat(browser.script("return document.querySelectorAll('main img, main script').length")).isEqualTo(0L);
        String steps = browser.driver().findElement(By.id("steps")).getText();
        assertThat(steps).contains(VM, HOST + " → host-b");
        assertThat(browser.driver().findElement(By.id("power-off")).getText()).contains(HOST);
        assertThat((String) browser.script("return document.getElementById('plan-utilisation').textContent"))
                .contains(HOST);
    }
}
