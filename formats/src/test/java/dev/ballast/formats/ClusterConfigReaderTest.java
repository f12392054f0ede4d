package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.Capacity;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Statistic;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterConfigReaderTest {

    @Test
    void aListOfHostsWithTheirUrisIsACompleteConfig() throws InputException {
        ClusterConfig config = ClusterConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01, libvirtUri: qemu+tcp://host-01/system}
                """, "cluster.yaml");

        assertThat(config.hosts()).containsExactly(HostConfig.of("host-01", "qemu+tcp://host-01/system"));
        assertThat(config.prometheus()).isNull();
        assertThat(config.smoothing()).isEqualTo(ClusterConfig.Smoothing.DEFAULT);
        assertThat(config.staleAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.libvirtTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEveryField() throws InputException {
        ClusterConfig config = ClusterConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - name: host-01
                    libvirtUri: qemu+tcp://host-01/system
                    migrationLink: {address: 198.18.0.1, mbps: 25000}
                    networkMbps: 25000
                    reserve: {cpu: 2, memoryMiB: 8192}
                    power: {idleWatts: 180, maxWatts: 450}
                    nics: [eth0, eth1]
                    storage: ["nfs1:/export/vms"]
                    bridges: [virbr0]
                    instance: "host-01:9100"
                sources:
                  libvirt: {timeout: 5s}
                  prometheus:
                    url: http://127.0.0.1:9090
                    hostLabel: node
                    rateWindow: 2m
                    queries: {vmCpu: "rate(libvirt_domain_info_cpu_time_seconds_total[$window])"}
                smoothing: {statistic: p95, window: 30}
                staleAfter: 2m
                """, "cluster.yaml");

        assertThat(config.hosts()).containsExactly(new HostConfig("host-01", "qemu+tcp://host-01/system",
                new MigrationLink("198.18.0.1", 25_000), new Resources(2, 8192, 0), 25_000, new Power(180, 450),
                List.of("eth0", "eth1"), Set.of("nfs1:/export/vms"), Set.of("virbr0"), "host-01:9100"));
        assertThat(config.libvirtTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.prometheus().url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(config.prometheus().hostLabel()).isEqualTo("node");
        assertThat(config.prometheus().rateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.prometheus().queries())
                .isEqualTo(Map.of("vmCpu", "rate(libvirt_domain_info_cpu_time_seconds_total[$window])"));
        assertThat(config.smoothing().statistic()).isEqualTo(Statistic.P95);
        assertThat(config.smoothing().window()).isEqualTo(30);
        assertThat(config.staleAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        InputException e = catchThrowableOfType(InputException.class, () -> ClusterConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01}
                  - {name: host-01, libvirtUri: test:///default, reserve: {cpu: -1}}
                sources:
                  prometheus: {url: "prometheus:9090", queries: {hostCPU: up}}
                smoothing: {statistic: median, alpha: 2}
                staleAfter: 0
                """, "cluster.yaml"));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "hosts[0].libvirtUri: required",
                "hosts[1].reserve.cpu: must be >= 0, got -1",
                "hosts[1].name: duplicate host name \"host-01\" (first used at hosts[0])",
                "sources.prometheus.url: expected an http(s) URL such as http://prometheus:9090, got \"prometheus:9090\"",
                "sources.prometheus.queries.hostCPU: unknown field (known: hostCpu, hostMemoryUsed, hostNetworkReceive,"
                        + " hostNetworkTransmit, vmCpu, vmNetwork)",
                "smoothing.statistic: unknown value \"median\" (allowed: ewma, mean, max, p50, p90, p95, p99)",
                "smoothing.alpha: must be > 0 and <= 1, got 2",
                "staleAfter: must be more than 0, e.g. 1m");
    }

    @Test
    void aHostMayDeclareItsCapacityOrOvercommitItsCores() throws InputException {
        ClusterConfig config = ClusterConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01, libvirtUri: test:///default, capacity: {cpu: 4, memoryMiB: 8192}}
                  - {name: host-02, libvirtUri: test:///default, capacity: {memoryMiB: 4096}, cpuOvercommit: 4.0}
                  - {name: host-03, libvirtUri: test:///default}
                """, "cluster.yaml");

        HostConfig declared = config.hosts().get(0);
        HostConfig overcommitted = config.hosts().get(1);
        assertThat(declared.capacity()).isEqualTo(new Capacity(4.0, 8192L));
        assertThat(declared.cpuOvercommit()).isEqualTo(1.0);
        assertThat(overcommitted.capacity()).isEqualTo(new Capacity(null, 4096L));
        assertThat(overcommitted.cpuOvercommit()).isEqualTo(4.0);
        assertThat(config.hosts().get(2).capacity()).isNull();
        assertThat(config.hosts().get(2).cpuOvercommit()).isEqualTo(1.0);
    }

    @Test
    void aDeclaredCapacityReplacesLibvirtsFiguresAndAnOvercommitMultipliesItsCores() {
        HostConfig declared = new HostConfig("h", "test:///default", null, Resources.ZERO, 10_000, null, List.of(),
                null, null, null, new Capacity(4.0, null), 1.0);
        HostConfig overcommitted = new HostConfig("h", "test:///default", null, Resources.ZERO, 10_000, null,
                List.of(), null, null, null, null, 4.0);

        // libvirt says 2 cores and 16 GiB: the declared 4 cores replace the 2; memory stays libvirt's.
        assertThat(declared.physical(2, 16_384)).isEqualTo(new Resources(4, 16_384, 10_000));
        // 2 cores, each carrying 4 cores' worth of vCPUs: 8.
        assertThat(overcommitted.physical(2, 16_384)).isEqualTo(new Resources(8, 16_384, 10_000));
    }

    @Test
    void capacityAndOvercommitMustBePositiveAndFiniteEachProblemWithItsPath() {
        InputException e = catchThrowableOfType(InputException.class, () -> ClusterConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01, libvirtUri: test:///default, capacity: {cpu: 0, memoryMiB: -1, disk: 3}}
                  - {name: host-02, libvirtUri: test:///default, cpuOvercommit: 1e400}
                  - {name: host-03, libvirtUri: test:///default, cpuOvercommit: -2}
                  - {name: host-04, libvirtUri: test:///default, capacity: {}}
                  - {name: host-05, libvirtUri: test:///default, capacity: {cpu: 4}, cpuOvercommit: 2}
                  - {name: host-06, libvirtUri: test:///default, cpuOvercommit: lots}
                """, "cluster.yaml"));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "hosts[0].capacity.disk: unknown field (known: cpu, memoryMiB)",
                "hosts[0].capacity.cpu: must be > 0, got 0",
                "hosts[0].capacity.memoryMiB: must be > 0, got -1",
                "hosts[1].cpuOvercommit: must be > 0 and <= 1000, got infinity (a number too large to hold)",
                "hosts[2].cpuOvercommit: must be > 0, got -2",
                "hosts[3].capacity: give cpu, memoryMiB or both, e.g. {cpu: 4, memoryMiB: 8192}",
                "hosts[4].cpuOvercommit: give either capacity.cpu or cpuOvercommit, not both: the overcommit"
                        + " multiplies the cores libvirt reports, a declared capacity is taken as it is",
                "hosts[5].cpuOvercommit: expected a number, got \"lots\"");
        assertThat(e.getMessage()).contains("cluster.yaml");
    }

    @Test
    void refusesAnotherKindOfFile() {
        InputException e = catchThrowableOfType(InputException.class, () -> ClusterConfigReader.parse(
                "apiVersion: ballast/v1\nkind: ClusterSnapshot\nhosts: []\n", "snapshot.yaml"));

        assertThat(e.getMessage()).contains("kind: expected \"Cluster\", got \"ClusterSnapshot\"");
    }
}
