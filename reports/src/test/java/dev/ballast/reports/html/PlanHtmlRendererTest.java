package dev.ballast.reports.html;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Reason;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.ballast.reports.html.Clusters.host;
import static dev.ballast.reports.html.Clusters.view;
import static dev.ballast.reports.html.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a plan as markup: what it shows, what it leaves out of a large plan, and
 * that it is one self-contained page. How a browser takes it is in {@code PlanReportInBrowserTest}.
 */
class PlanHtmlRendererTest {

    /** host-a is hot (30 of 32 cores, over the 85% limit); host-c holds one small VM and can be emptied. */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("host-a"), host("host-b"), host("host-c")),
            List.of(vm("vm-1", "host-a", 8, 20), vm("vm-2", "host-a", 16, 10), vm("vm-3", "host-b", 4, 1),
                    vm("vm-4", "host-c", 8, 1), vm("vm-5", null, 2, 1)),
            List.of());

    private static final List<Step> STEPS = List.of(
            new Migration("vm-1", "host-a", "host-b", false, new MigrationEstimate(12.34, 45.4, 3, true))
                    .withReason(new Reason("relieves host-a: cpu 93.8% -> 31.3% (limit 85%)", List.of())),
            new Migration("vm-4", "host-c", "host-b", false, new MigrationEstimate(30, 1210, 30, false)),
            new StartVm("vm-5", "host-a", null),
            new PowerOff("host-c", new Reason("switches host-c off: 120 W", List.of())));

    @Test
    void theFiguresJudgeThePlan() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        assertThat(html).contains("<h1>Plan: policy balance</h1>");
        assertThat(html).contains("goal balance · limits: CPU 85.0%, memory 95.0%, network 80.0% · 3 hosts");
        assertThat(html).containsPattern("<dt>hosts in use</dt><dd>3 → 2</dd>");
        // host-a runs 30 of 32 cores before, 10 + 1 after; nothing else is over a limit.
        assertThat(html).containsPattern("<dt>hosts over a limit</dt><dd>1 → 0</dd>");
        assertThat(html).contains("<dt>idle power of the hosts in use</dt><dd>360 W → 240 W").contains("saves 120 W");
        assertThat(html).contains("<dt>memory to move</dt><dd>16.0 GiB</dd>");
        assertThat(html).contains("and 1 new VM placed");
        assertThat(html).contains("1 migration would not converge by plain pre-copy");
    }

    @Test
    void theStepsAreListedInOrderWithTheirEstimatesAndReasons() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        assertThat(html).contains("<h2>Steps (4, in order)</h2>");
        assertThat(html).contains("<tr><td>1</td><td>vm-1</td><td>host-a → host-b</td><td>8.0 GiB</td>"
                + "<td>~12.3 s, 45 ms pause</td><td>12.3 s</td><td>relieves host-a: cpu 93.8% -&gt; 31.3% (limit 85%)</td></tr>");
        // The second migration's estimate is added to the first's: done by 42.3 s.
        assertThat(html).contains("<td>~30.0 s, 1210 ms pause</td><td>42.3 s</td>"
                + "<td><span class=\"badge warn\">does not converge: needs auto-converge or post-copy</span></td>");
        assertThat(html).contains("<tr><td>3</td><td>vm-5</td><td>start on host-a</td><td>2.0 GiB</td>");
        assertThat(html).contains("<tr><td>4</td><td>host-c</td><td>power off</td><td></td><td></td><td>42.3 s</td>"
                + "<td>switches host-c off: 120 W</td></tr>");
    }

    @Test
    void theHostsToSwitchOffAreNamed() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        assertThat(html).contains("<h2>Hosts to switch off (1)</h2>").contains("<li>host-c</li>");
        assertThat(html).contains("<td>host-c</td><td>active</td><td>1 → 0</td>")
                .contains("<span class=\"badge off\">switched off</span>");
    }

    @Test
    void aShareOverTheLimitIsMarked() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        // host-a: 30 of 32 cores before, over the 85% limit; 11 after.
        assertThat(html).contains("<td>host-a</td><td>active</td><td>2 → 2</td><td><b class=\"over\">93.8%</b> → 34.4%</td>");
    }

    @Test
    void eachHostHasItsBarsAndEachResourceItsLimit() {
        String svg = svg(PlanHtmlRenderer.render(view(CLUSTER, STEPS)), "plan-utilisation");

        assertThat(svg).contains(">host-a</text>", ">host-b</text>", ">host-c</text>");
        assertThat(svg).contains(">limit 85%</text>", ">limit 95%</text>", ">limit 80%</text>");
        assertThat(svg).contains(">before</text>", ">after</text>");
    }

    @Test
    void theCurveShowsWhatThePlanHasBoughtAgainstTime() {
        String svg = svg(PlanHtmlRenderer.render(view(CLUSTER, STEPS)), "plan-progress");

        assertThat(svg).contains(">estimated time (s)</text>", ">watts saved (W)</text>", ">hottest host</text>",
                ">spread (stddev)</text>");
    }

    @Test
    void sixtyHostsGetABarEachAndSixtyOneSortedCurves() {
        String sixty = PlanHtmlRenderer.render(view(cluster(60), List.of(new Migration("vm-7", "host-07", "host-08"))));
        String sixtyOne = PlanHtmlRenderer.render(view(cluster(61), List.of(new Migration("vm-7", "host-07", "host-08"))));

        assertThat(svg(sixty, "plan-utilisation")).contains(">host-01</text>", ">host-60</text>");
        assertThat(svg(sixtyOne, "plan-utilisation")).doesNotContain(">host-01</text>")
                .contains(">hosts, from the most used to the least (61)</text>");
        assertThat(sixtyOne).contains("61 hosts: too many for a bar each.");
    }

    @Test
    void aLargeClusterListsOnlyTheHostsThePlanChanges() {
        String html = PlanHtmlRenderer.render(view(cluster(100), List.of(new Migration("vm-7", "host-07", "host-08"))));

        assertThat(html).contains("<h2>Hosts the plan changes (2 of 100)</h2>").contains("The 98 hosts the plan leaves");
        assertThat(html).contains("<td>host-07</td>", "<td>host-08</td>").doesNotContain("<td>host-09</td>");
    }

    @Test
    void aLongPlanListsItsFirstStepsAndCountsTheRest() {
        List<Host> hosts = List.of(host("host-a"), host("host-b"));
        List<Vm> vms = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= PlanHtmlRenderer.STEPS + 20; i++) {
            vms.add(vm("vm-" + i, "host-a", 0, 0.01));
            steps.add(new Migration("vm-" + i, "host-a", "host-b"));
        }

        String html = PlanHtmlRenderer.render(view(new ClusterSnapshot(hosts, vms, List.of()), steps));

        assertThat(html).contains("<h2>Steps (520, in order)</h2>").contains("The first 500 are listed");
        assertThat(html).contains("<td>vm-500</td>").doesNotContain("<td>vm-501</td>");
        assertThat(html).contains("… 20 more steps: the JSON plan lists them all.");
    }

    @Test
    void aPlanWithoutStepsHasNoCurve() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, List.of()));

        assertThat(html).contains("No steps: the current placement is the best found.");
        assertThat(html).doesNotContain("plan-progress").doesNotContain("Hosts to switch off");
    }

    @Test
    void everyNameIsEscaped() {
        String host = "<img src=x onerror=alert(1)>";
        String vm = "vm\"&<b>";
        ClusterSnapshot cluster = new ClusterSnapshot(List.of(host(host), host("host-b")),
                List.of(vm(vm, host, 8, 1)), List.of());

        String html = PlanHtmlRenderer.render(view(cluster, List.of(new Migration(vm, host, "host-b"), new PowerOff(host, null))));

        assertThat(html).doesNotContain(host).doesNotContain(vm);
        assertThat(html).contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>", "<li>&lt;img src=x onerror=alert(1)&gt;</li>");
        // In text, a quote needs no escaping; an ampersand and angle brackets do.
        assertThat(html).contains("<td>vm\"&amp;&lt;b&gt;</td>");
        // The host's name under its bars, escaped by the SVG writer.
        assertThat(svg(html, "plan-utilisation")).contains(">&lt;img src=x onerror=alert(1)&gt;</text>");
    }

    @Test
    void thePageFetchesNothing() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; img-src data:\">");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("@import")
                .doesNotContainPattern("(?i)\\s(src|href|xlink:href)\\s*=");
        // url(...) only points within the page: the charts' clip paths.
        assertThat(matches(html, "url\\(([^)]*)\\)")).isNotEmpty().allMatch(target -> target.startsWith("#"));
    }

    @Test
    void everyIdIsUniqueInThePage() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        List<String> ids = matches(html, "\\sid=['\"]([^'\"]+)['\"]");
        assertThat(ids).hasSizeGreaterThan(10).doesNotHaveDuplicates();
    }

    @Test
    void thePageHasAPrintStylesheet() {
        String html = PlanHtmlRenderer.render(view(CLUSTER, STEPS));

        assertThat(html).contains("@media print {", "@page { size: A4;", "break-inside: avoid");
    }

    /** Hosts host-01 ... host-NN, one VM each, vm-N on host-N. */
    private static ClusterSnapshot cluster(int size) {
        List<Host> hosts = IntStream.rangeClosed(1, size).mapToObj(i -> host(String.format("host-%02d", i))).toList();
        List<Vm> vms = IntStream.rangeClosed(1, size).mapToObj(i -> vm("vm-" + i, String.format("host-%02d", i), 4, 1)).toList();
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    /** The {@code <svg>} element with this id. */
    private static String svg(String html, String id) {
        Matcher svg = Pattern.compile("<svg [^>]*id='" + id + "'.*?</svg>", Pattern.DOTALL).matcher(html);
        assertThat(svg.find()).as("an svg with id " + id).isTrue();
        return svg.group();
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
