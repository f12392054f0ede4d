package dev.ballast.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.jobs.Triggers;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules and the Grafana dashboard in {@code deploy/}: the rules pass Prometheus's own
 * {@code promtool check rules} and their unit tests ({@code promtool test rules}), and every
 * metric a rule or a panel queries is one the service really exports, as scraped from a service
 * that has run a plan, keeps one waiting and watches for overload.
 */
class ObservabilityFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final Path RULES = DEPLOY.resolve("prometheus/ballast-alerts.yml");
    private static final Path RULE_TESTS = DEPLOY.resolve("prometheus/ballast-alerts.test.yml");
    private static final Path DASHBOARD = DEPLOY.resolve("grafana/ballast-dashboard.json");
    /** Series names the service exports, the JVM's and the process's included. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:ballast|jvm|process)_[a-z0-9_]+)\\b");
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    @TempDir
    Path dataDir;

    @Test
    void theRulesPassPromtoolsCheck() throws Exception {
        Tool check = promtool("check", "rules", RULES.toString());

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Tool test = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyMetricTheRulesAndTheDashboardQueryIsExported() throws Exception {
        Set<String> exported = exportedSeries();
        Set<String> queried = new TreeSet<>();
        queried.addAll(metricsIn(ruleExpressions()));
        queried.addAll(metricsIn(dashboardQueries()));

        assertThat(queried).as("the files query the service's metrics").hasSizeGreaterThan(10);
        assertThat(queried).allSatisfy(metric -> assertThat(exported).as(metric + " is exported").contains(metric));
    }

    @Test
    void everyDashboardPanelHasAQueryAndEveryAlertADescription() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel ->
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty());
        JsonNode groups = new YAMLMapper().readTree(RULES.toFile()).path("groups");
        groups.forEach(group -> group.path("rules").forEach(rule -> {
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.path("alert").asText()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(rule.path("alert").asText()).isNotBlank();
        }));
    }

    private record Tool(int exit, String output) {
    }

    private static Tool promtool(String... arguments) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        assertThat(Files.isExecutable(promtool))
                .as("promtool is missing: install Debian's prometheus package (bin/test does)").isTrue();
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        return new Tool(process.exitValue(), output);
    }

    /** The series names of a scrape of a service that ran a plan, keeps one waiting and watches for overload. */
    private Set<String> exportedSeries() throws Exception {
        Job watch = new Job("overload-watch", "relieve", null, Mode.RECOMMEND, null,
                new Overload(Duration.ofMinutes(5), 0.05), Duration.ofMinutes(30));
        Job nightly = Job.onDemand("nightly", "consolidate", Mode.RECOMMEND);
        try (SimulatedService simulated = new SimulatedService(dataDir, List.of(watch, nightly), ZoneOffset.UTC);
                Triggers triggers = Triggers.of(simulated.service, simulated.database.dataSource(), simulated.clock)) {
            triggers.round();
            StoredPlan waiting = simulated.service.runJob("overload-watch").get(60, TimeUnit.SECONDS).orElseThrow();
            StoredPlan ran = simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
            simulated.service.approve(ran.id(), "for the scrape");
            simulated.awaitState(ran.id(), PlanState.SUCCEEDED);
            assertThat(simulated.store().find(waiting.id()).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);

            ByteArrayOutputStream text = new ByteArrayOutputStream();
            simulated.service.metrics().write(text);
            Set<String> series = new TreeSet<>();
            for (String line : text.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    series.add(line.split("[{ ]", 2)[0]);
                }
            }
            series.addAll(PROMETHEUS_OWN);
            return series;
        }
    }

    private static List<String> ruleExpressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        new YAMLMapper().readTree(RULES.toFile()).path("groups").forEach(group ->
                group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
        return expressions;
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                queries.add(target.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable ->
                queries.add(variable.path("definition").asText()));
        return queries;
    }

    private static Set<String> metricsIn(List<String> expressions) {
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                metrics.add(metric.group(1));
            }
            if (expression.contains("up{")) {
                metrics.add("up");
            }
        }
        return metrics;
    }
}
