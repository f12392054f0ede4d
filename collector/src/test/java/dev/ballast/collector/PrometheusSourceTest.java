package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.ballast.collector.TestExporter.SimulatedHost;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Prometheus;
import dev.ballast.model.Host;
import dev.ballast.model.Resources;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rates from a real Prometheus server scraping an exporter whose counters grow at known rates:
 * what the collector computes must match them within 5%.
 */
class PrometheusSourceTest {

    private static final double R = 125e6; // bytes/s: 1000 Mb/s
    private static final Duration WINDOW = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    private static TestExporter exporter;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        exporter = new TestExporter(List.of(
                new SimulatedHost("h1:9100", 2.0, 64L << 30, R),
                new SimulatedHost("h2:9100", 0.5, 8L << 30, R),
                new SimulatedHost("node-3:9100", 4.0, 1L << 30, 2 * R)));
        prometheus = new PrometheusServer(dir, exporter.target());
        // The rate window must be full of samples before rates are exact: 5s window, 9 scrapes.
        prometheus.awaitQuery("count_over_time(node_memory_MemTotal_bytes{instance=\"h1:9100\"}[10s])",
                result -> result.size() == 1 && result.get(0).path("value").path(1).asDouble() >= 9,
                Duration.ofSeconds(40));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    private static Prometheus source() {
        Prometheus defaults = Prometheus.at(prometheus.url());
        return new Prometheus(defaults.url(), defaults.hostLabel(), defaults.vmLabel(), defaults.timeout(), WINDOW,
                Map.of());
    }

    private static HostConfig host(String name, List<String> nics, String instance) {
        HostConfig plain = HostConfig.of(name, TestHosts.uri("host-c.xml"));
        return new HostConfig(name, plain.libvirtUri(), null, Resources.ZERO, 10_000, null, nics, null, null, instance);
    }

    @Test
    void hostRatesMatchTheExportersWithinFivePercent() {
        PrometheusSource.Reading reading = new PrometheusSource(source()).read(List.of(
                host("h1", List.of(), null), host("h2", List.of("eth1"), null), host("h3", List.of(), "node-3")));

        HostUse h1 = reading.hosts().get("h1");
        assertThat(h1.cpu()).isCloseTo(3.0, withinPercentage(5)); // user + system; idle and iowait are not busy
        assertThat(h1.memoryMiB()).isCloseTo(65_536.0, within(0.001)); // MemTotal - MemAvailable
        assertThat(h1.networkMbps()).isCloseTo(1500.0, withinPercentage(5)); // eth0 + eth1, lo left out
        HostUse h2 = reading.hosts().get("h2");
        assertThat(h2.cpu()).isCloseTo(0.75, withinPercentage(5));
        assertThat(h2.networkMbps()).isCloseTo(1000.0, withinPercentage(5)); // eth1 only: sends R
        HostUse h3 = reading.hosts().get("h3");
        assertThat(h3.cpu()).isCloseTo(6.0, withinPercentage(5));
        assertThat(h3.networkMbps()).isCloseTo(3000.0, withinPercentage(5));
    }

    @Test
    void aHostWithNoSeriesHasUnknownFigures() {
        PrometheusSource.Reading reading = new PrometheusSource(source()).read(List.of(host("h9", List.of(), null)));

        assertThat(reading.hosts().get("h9")).isEqualTo(HostUse.UNKNOWN);
    }

    @Test
    void whatAHostUsesBeyondItsVmsIsTakenOffItsCapacity() {
        // host-c (16 cores, 64 GiB) runs no VMs: all of h2's 0.75 busy cores and 8 GiB are its own use.
        HostConfig h2 = new HostConfig("h2", TestHosts.uri("host-c.xml"), null, new Resources(1, 1024, 0), 10_000, null,
                List.of(), null, null, null);
        ClusterConfig config = new ClusterConfig(List.of(h2), Duration.ofSeconds(10), source(),
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        try (Collector collector = new Collector(config, Clock.systemUTC())) {
            collector.sample();
            Host host = collector.snapshot().host("h2").orElseThrow();

            assertThat(host.isStale()).isFalse();
            assertThat(host.capacity().cpu()).isCloseTo(16 - 1 - 0.75, withinPercentage(1));
            assertThat(host.capacity().memoryMiB()).isEqualTo(65_536 - 1024 - 8192);
        }
    }

    @Test
    void anUnreachableServerLeavesTheHostStaleWithTheReason() {
        Prometheus nowhere = Prometheus.at(URI.create("http://127.0.0.1:1"));
        ClusterConfig config = new ClusterConfig(List.of(host("h1", List.of(), null)), Duration.ofSeconds(10),
                nowhere, ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        try (Collector collector = new Collector(config, Clock.systemUTC())) {
            collector.sample();
            Host host = collector.snapshot().host("h1").orElseThrow();

            assertThat(host.stale()).isNotNull();
            assertThat(host.stale().reason()).contains("Prometheus http://127.0.0.1:1");
        }
    }
}
