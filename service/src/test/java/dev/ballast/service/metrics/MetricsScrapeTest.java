package dev.ballast.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.service.jobs.Excess;
import dev.ballast.service.jobs.Triggers;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.api.Token;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} scraped over HTTP on 127.0.0.1 from a service on a simulated cluster, its text format parsed. */
class MetricsScrapeTest {

    private static final String SECRET = "s3cret-for-tests";
    /** {@code name{labels} value}, the text format's sample line. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)$");

    @TempDir
    Path dataDir;
    private SimulatedService simulated;
    private ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedService(dataDir);
        Path tokenFile = Files.writeString(dataDir.resolve("token"), SECRET + "\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        simulated.close();
    }

    private record Scrape(String contentType, String text, Map<String, Double> samples) {

        double value(String series) {
            Double value = samples.get(series);
            assertThat(value).as(series + " in\n" + text).isNotNull();
            return value;
        }
    }

    /** Scrapes without a token, as Prometheus does; every sample keyed by its name and labels as written. */
    private Scrape scrape() throws Exception {
        return scrape(server.port());
    }

    private Scrape scrape(int port) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: " + line).isTrue();
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                    Double.parseDouble(sample.group(3)));
        }
        return new Scrape(response.headers().firstValue("Content-Type").orElse(""), response.body(), samples);
    }

    @Test
    void aRunPlanShowsItsMigrationsDurationsPlansAndJobRuns() throws Exception {
        StoredPlan plan = simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        simulated.service.approve(plan.id(), "looks good");
        simulated.awaitState(plan.id(), PlanState.SUCCEEDED);

        Scrape scrape = scrape();

        assertThat(scrape.contentType()).startsWith("text/plain");
        // Every migration of the plan was done: the simulated cluster carries them all out.
        assertThat(scrape.value("ballast_migrations_total{result=\"done\"}")).isEqualTo(plan.migrations());
        assertThat(scrape.value("ballast_migration_duration_seconds_count")).isEqualTo(plan.migrations());
        assertThat(scrape.value("ballast_migration_duration_seconds_sum")).isPositive();
        // The simulated cluster migrates by the same pre-copy model the planner estimates with.
        assertThat(scrape.value("ballast_migration_estimate_ratio_count")).isEqualTo(plan.migrations());
        assertThat(scrape.value("ballast_plan_duration_seconds_count{job_name=\"nightly\",result=\"completed\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("ballast_plans{job_name=\"nightly\",state=\"succeeded\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_job_runs_total{job_name=\"nightly\",result=\"planned\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_trigger_firings_total{job_name=\"nightly\",trigger=\"run-now\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_collector_rounds_total")).isPositive();
    }

    @Test
    void hostsShowTheirUtilisationStateAndPowerAsLastCollected() throws Exception {
        ClusterSnapshot snapshot = simulated.service.collect();
        Host first = snapshot.hosts().get(0);

        Scrape scrape = scrape();

        assertThat(scrape.value("ballast_host_state{host=\"" + first.name() + "\",state=\"" + first.state().key()
                + "\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_host_utilisation_ratio{host=\"" + first.name() + "\",resource=\"memory\"}"))
                .isBetween(0.0, 1.0);
        double standbyWatts = snapshot.hosts().stream().filter(h -> h.state() == HostState.STANDBY)
                .mapToDouble(Host::idleWatts).sum();
        assertThat(scrape.value("ballast_power_kept_off_watts")).isEqualTo(standbyWatts);
        assertThat(scrape.value("ballast_hosts_stale")).isEqualTo(snapshot.hosts().stream().filter(Host::isStale)
                .count());
        assertThat(scrape.samples().keySet()).anyMatch(series -> series.startsWith("jvm_memory_used_bytes"));
    }

    @Test
    void aPlanWaitingForApprovalShowsItsAgeOnTheServicesClock() throws Exception {
        StoredPlan plan = simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(plan.state()).isEqualTo(PlanState.RECOMMENDED);
        simulated.clock.advance(Duration.ofHours(3));

        assertThat(scrape().value("ballast_plan_awaiting_approval_seconds{job_name=\"nightly\"}"))
                .isEqualTo(Duration.between(plan.createdAt(), simulated.clock.instant()).toSeconds(), within(0.001));

        simulated.service.approve(plan.id(), "checked");
        simulated.awaitState(plan.id(), PlanState.SUCCEEDED);
        assertThat(scrape().samples().keySet()).as("no plan waits any more")
                .noneMatch(series -> series.startsWith("ballast_plan_awaiting_approval_seconds"));
    }

    @Test
    void theLastSnapshotsTimeIsTheServicesClock() throws Exception {
        simulated.clock.advance(Duration.ofMinutes(7));
        simulated.service.collect();

        assertThat(scrape().value("ballast_last_collect_timestamp_seconds"))
                .isEqualTo(simulated.clock.instant().getEpochSecond(), within(0.001));
    }

    @Test
    void eachHostsExcessOverAWatchingJobsLimitsIsExported() throws Exception {
        Job watch = new Job("overload-watch", "relieve", null, Mode.RECOMMEND, null,
                new Overload(Duration.ofMinutes(5), 0.05), Duration.ofMinutes(30));
        Limits limits = Policies.resolve("relieve", Goals.registry()).limits();
        try (SimulatedService watching = new SimulatedService(dataDir.resolve("watching"), List.of(watch), ZoneOffset.UTC);
                Triggers triggers = Triggers.of(watching.service, watching.database.dataSource(), watching.clock);
                ApiServer watchingApi = ApiServer.start(watching.service, Token.read(dataDir.resolve("token")),
                        "127.0.0.1", 0)) {
            Map<String, Double> excess = Excess.of(watching.service.collect(), limits);
            assertThat(excess.values()).as("the generated cluster has a host over relieve's limits")
                    .anyMatch(over -> over > 0);

            Scrape scrape = scrape(watchingApi.port());

            excess.forEach((host, over) -> assertThat(
                    scrape.value("ballast_host_over_limit_ratio{host=\"" + host + "\",job_name=\"overload-watch\"}"))
                    .as(host).isEqualTo(over, within(1e-9)));
        }
    }

    @Test
    void theTokenIsNeverInTheMetrics() throws Exception {
        simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS);

        assertThat(scrape().text()).doesNotContain(SECRET).doesNotContain(dataDir.toString());
    }
}
