package dev.ballast.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
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
import java.util.LinkedHashMap;
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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
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
        assertThat(scrape.value("ballast_plan_duration_seconds_count{job=\"nightly\",result=\"completed\"}"))
                .isEqualTo(1);
        assertThat(scrape.value("ballast_plans{job=\"nightly\",state=\"succeeded\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_job_runs_total{job=\"nightly\",result=\"planned\"}")).isEqualTo(1);
        assertThat(scrape.value("ballast_trigger_firings_total{job=\"nightly\",trigger=\"run-now\"}")).isEqualTo(1);
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
    void theTokenIsNeverInTheMetrics() throws Exception {
        simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS);

        assertThat(scrape().text()).doesNotContain(SECRET).doesNotContain(dataDir.toString());
    }
}
