package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.Capacity;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.PowerControl;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that does not answer while its power driver says it is off is {@code standby}, not
 * stale, however long it stays off: on a simulated cluster switched off and on again, and on a
 * libvirt host that is down with an operator's power command saying off (or on).
 */
class StandbyHostTest {

    private static final Instant START = Instant.parse("2026-12-01T22:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSimulatedHostSwitchedOffIsStandbyWithItsCapacityAndActiveAgainOnceSwitchedOn() throws Exception {
        ManualTicker ticker = new ManualTicker(START);
        SimulatedCluster cluster = new SimulatedCluster(twoHosts(), 1, ticker);
        ClusterConfig config = new ClusterConfig(cluster.hostConfigs(), Duration.ofSeconds(5), null,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        try (Collector collector = new Collector(config, ticker.asClock(), host -> cluster.driver(host.name()))) {
            collector.sample();
            Host before = collector.snapshot().host("host-02").orElseThrow();
            assertThat(before.state()).isEqualTo(HostState.ACTIVE);

            cluster.driver("host-02").powerOff();
            ticker.advance(SimulatedCluster.SHUTDOWN_TIME.plusSeconds(1));
            Instant off = ticker.now();
            collector.sample();
            ticker.advance(Duration.ofHours(8)); // a night off: far past staleAfter
            collector.sample();

            Host standby = collector.snapshot().host("host-02").orElseThrow();
            assertThat(standby.state()).isEqualTo(HostState.STANDBY);
            assertThat(standby.isStale()).isFalse();
            assertThat(standby.capacity()).isEqualTo(before.capacity());
            assertThat(standby.storage()).isEqualTo(before.storage());
            assertThat(collector.status()).contains("host-02: standby, switched off (its power driver says off since "
                    + off + ")");
            assertThat(collector.snapshot().host("host-01").orElseThrow().state()).isEqualTo(HostState.ACTIVE);

            cluster.driver("host-02").powerOn();
            collector.sample(); // booting: on, and not answering yet
            Host booting = collector.snapshot().host("host-02").orElseThrow();
            assertThat(booting.state()).isEqualTo(HostState.ACTIVE);
            assertThat(booting.stale()).isNotNull();
            assertThat(booting.stale().since()).as("silent since it was seen off").isEqualTo(off);
            assertThat(booting.stale().reason()).endsWith("(its power driver says it is on)");

            ticker.advance(SimulatedCluster.BOOT_TIME.plusSeconds(1));
            collector.sample();
            Host back = collector.snapshot().host("host-02").orElseThrow();
            assertThat(back.state()).isEqualTo(HostState.ACTIVE);
            assertThat(back.isStale()).isFalse();
        }
    }

    @Test
    void aLibvirtHostThatIsDownIsStandbyWhenItsPowerCommandSaysOffAndStaleWhenItSaysOn() throws Exception {
        Path state = dir.resolve("state");
        Path status = dir.resolve("status");
        Files.writeString(status, "#!/bin/sh\necho \"Power is $(cat " + state + ")\"\n");
        Files.setPosixFilePermissions(status, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(state, "off");
        HostConfig down = new HostConfig("host-down", "qemu+tcp://127.0.0.1:" + closedPort() + "/system", null,
                new Resources(2, 4096, 0), 10_000, null, List.of(), Set.of("nfs1:/export/vms"), Set.of("br0"), null,
                new Capacity(32.0, 131_072L), 1.0)
                .withPowerControl(new PowerControl.Command(List.of("true"), List.of("true"),
                        List.of(status.toString()), Duration.ofSeconds(20)));
        MutableClock clock = new MutableClock(START);
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(10), down), clock)) {
            collector.sample();

            Host standby = collector.snapshot().host("host-down").orElseThrow();
            assertThat(standby.state()).isEqualTo(HostState.STANDBY);
            assertThat(standby.isStale()).isFalse();
            // Never heard from: the capacity the cluster file declares, less the reserve.
            assertThat(standby.capacity()).isEqualTo(new Resources(30, 126_976, 10_000));
            assertThat(standby.storage()).containsExactly("nfs1:/export/vms");
            assertThat(standby.bridges()).containsExactly("br0");

            Files.writeString(state, "on");
            clock.advance(Duration.ofSeconds(10));
            collector.sample();

            Host stale = collector.snapshot().host("host-down").orElseThrow();
            assertThat(stale.state()).isEqualTo(HostState.ACTIVE);
            assertThat(stale.stale().since()).isEqualTo(START);
            assertThat(stale.stale().reason()).contains("onnect").endsWith("(its power driver says it is on)");
        }
    }

    @Test
    void aHostWhosePowerStateIsUnknownIsStaleWithBothReasons() throws Exception {
        HostConfig down = HostConfig.of("host-down", "qemu+tcp://127.0.0.1:" + closedPort() + "/system")
                .withPowerControl(new PowerControl.Command(List.of("true"), List.of("true"),
                        List.of("sh", "-c", "echo 'BMC busy' >&2; exit 1"), Duration.ofSeconds(20)));
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(10), down),
                new MutableClock(START))) {
            collector.sample();

            Host stale = collector.snapshot().host("host-down").orElseThrow();
            assertThat(stale.state()).isEqualTo(HostState.ACTIVE);
            assertThat(stale.stale().reason()).contains("onnect")
                    .endsWith("; its power state is unknown: sh exited with code 1: BMC busy");
        }
    }

    /** host-01 runs one VM, host-02 is empty. */
    private static ClusterSnapshot twoHosts() {
        List<Host> hosts = List.of(host("host-01"), host("host-02"));
        Vm vm = new Vm("vm-01", "host-01", 4096, 2, new Demand(1, 50), 20.0, "nfs1:/export/vms", Set.of("br0"), false);
        return new ClusterSnapshot(hosts, List.of(vm), List.of());
    }

    private static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(16, 65_536, 10_000), null, Set.of("nfs1:/export/vms"),
                Set.of("br0"), new CpuInfo("x86_64", "EPYC"), null, null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return server.getLocalPort();
        }
    }
}
