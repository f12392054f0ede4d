package dev.ballast.collector;

import dev.ballast.collector.TestExporter.SimulatedHost;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Prometheus;
import dev.ballast.model.ClusterSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: how long one collection round for {@code N} hosts (default 1,000) takes when their
 * figures come from a real Prometheus server, and how much heap it needs. One exporter target
 * serves every host's node_exporter series; each host's inventory comes from libvirt's test
 * driver (three VMs per host). Run it from the repository root after {@code mvn -o -q install -DskipTests}:
 *
 * <pre>
 * mvn -o -q -pl collector dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp collector/target/test-classes:collector/target/classes:$(cat /tmp/cp.txt) \
 *     dev.ballast.collector.PrometheusRoundBenchmark 1000
 * </pre>
 */
public final class PrometheusRoundBenchmark {

    private static final int ROUNDS = 5;

    private PrometheusRoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<SimulatedHost> simulated = new ArrayList<>();
        List<HostConfig> hosts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = String.format(Locale.ROOT, "host-%04d", i);
            simulated.add(new SimulatedHost(name + ":9100", 1 + i % 7, (long) (i % 13 + 1) << 30, 1e7 * (i % 5 + 1)));
        }
        Path dir = Files.createTempDirectory("ballast-bench-prometheus");
        for (SimulatedHost host : simulated) {
            String name = host.instance().substring(0, host.instance().indexOf(':'));
            hosts.add(HostConfig.of(name, "test://" + node(dir, name)));
        }
        try (TestExporter exporter = new TestExporter(simulated);
                PrometheusServer server = new PrometheusServer(dir, exporter.target())) {
            server.awaitQuery("count(count_over_time(node_memory_MemTotal_bytes[10s]) >= 9)",
                    result -> result.size() == 1 && result.get(0).path("value").path(1).asInt() == count,
                    Duration.ofSeconds(90));
            Prometheus prometheus = new Prometheus(server.url(), "instance", "domain", Duration.ofSeconds(30),
                    Duration.ofSeconds(5), Map.of());
            measurePrometheusAlone(prometheus, hosts);
            measureWholeRound(prometheus, hosts);
        }
    }

    /** A test-driver node of 32 CPUs with three VMs named after the host, so that VM names stay unique. */
    private static Path node(Path dir, String host) throws java.io.IOException {
        StringBuilder xml = new StringBuilder("<node><cpu><mhz>2400</mhz><model>x86_64</model><active>32</active>"
                + "<nodes>1</nodes><sockets>2</sockets><cores>8</cores><threads>2</threads></cpu>"
                + "<memory>268435456</memory>");
        for (int vm = 1; vm <= 3; vm++) {
            xml.append("<domain type='test'><name>").append(host).append("-vm-").append(vm)
                    .append("</name><memory unit='MiB'>4096</memory><vcpu>2</vcpu><os><type>hvm</type></os>")
                    .append("<devices><interface type='bridge'><source bridge='virbr0'/></interface></devices>")
                    .append("</domain>");
        }
        return Files.writeString(dir.resolve(host + ".xml"), xml.append("</node>").toString()).toAbsolutePath();
    }

    private static void measurePrometheusAlone(Prometheus prometheus, List<HostConfig> hosts) {
        PrometheusSource source = new PrometheusSource(prometheus);
        for (int round = 1; round <= ROUNDS; round++) {
            long heapBefore = usedHeap();
            long began = System.nanoTime();
            PrometheusSource.Reading reading = source.read(hosts);
            report("Prometheus queries alone", round, began, heapBefore, reading.hosts().size() + " hosts");
        }
    }

    // Per host: a libvirt test-driver connection (inventory of 3 VMs) plus its share of Prometheus.
    private static void measureWholeRound(Prometheus prometheus, List<HostConfig> hosts) {
        ClusterConfig config = new ClusterConfig(hosts, Duration.ofSeconds(60), prometheus,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        try (Collector collector = new Collector(config, Clock.systemUTC())) {
            for (int round = 1; round <= ROUNDS; round++) {
                long heapBefore = usedHeap();
                long began = System.nanoTime();
                collector.sample();
                ClusterSnapshot snapshot = collector.snapshot();
                long stale = snapshot.hosts().stream().filter(h -> h.isStale()).count();
                report("whole round (libvirt + Prometheus + snapshot)", round, began, heapBefore,
                        snapshot.hosts().size() + " hosts, " + stale + " stale");
            }
        }
    }

    private static void report(String what, int round, long began, long heapBefore, String detail) {
        double seconds = (System.nanoTime() - began) / 1e9;
        long heapAfter = usedHeap();
        System.out.printf(Locale.ROOT, "%s, round %d: %.3f s, heap in use %d MiB (was %d MiB before the round), %s%n",
                what, round, seconds, heapAfter >> 20, heapBefore >> 20, detail);
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
