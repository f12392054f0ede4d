package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.CpuCompatibility;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.HostSample;
import dev.ballast.hosts.HostStatistics;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmInventory;
import dev.ballast.hosts.VmState;
import dev.ballast.hosts.VmStatistics;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The collector samples whatever drivers it is given (a simulated cluster's, say), not only
 * libvirt's: what they answer becomes the snapshot, what they fail with becomes a stale host.
 */
class GivenDriversTest {

    private static final Instant START = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void aGivenDriversInventoryBecomesTheSnapshotAndItsFailureAStaleHostWithItsReason() {
        MutableClock clock = new MutableClock(START);
        HostConfig up = HostConfig.of("host-up", "sim://up");
        HostConfig down = HostConfig.of("host-down", "sim://down");
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(5), up, down), clock,
                config -> config == up ? new Answering() : new Failing())) {
            collector.sample();
            clock.advance(Duration.ofSeconds(10));
            collector.sample();
            ClusterSnapshot snapshot = collector.snapshot();

            Host host = snapshot.host("host-up").orElseThrow();
            assertThat(host.capacity().cpu()).isEqualTo(8);
            assertThat(host.capacity().memoryMiB()).isEqualTo(16_384);
            assertThat(host.storage()).containsExactly("nas:/vms");
            assertThat(snapshot.vm("web-1").orElseThrow().host()).isEqualTo("host-up");
            // 5 s of CPU time in 10 s: half a core.
            assertThat(snapshot.vm("web-1").orElseThrow().demand().cpu()).isEqualTo(0.5);
            assertThat(snapshot.host("host-down").orElseThrow().stale().reason())
                    .isEqualTo("libvirt sim://down: the simulated host is off");
        }
    }

    /** One host of 8 cores and 16 GiB running web-1, whose CPU time grows 5 s per sample. */
    private static final class Answering extends Unused {
        private long cpuTimeNs;

        @Override
        public HostSample sample() {
            VmInventory web = new VmInventory("web-1", 2048, 2, "nas:/vms", Set.of("br0"), List.of(), null);
            HostInventory inventory = new HostInventory(8, 16_384, new CpuInfo("x86_64", "Icelake-Server"),
                    Set.of("nas:/vms"), Set.of("br0"), List.of(web));
            cpuTimeNs += 5_000_000_000L;
            return new HostSample(inventory, new HostStatistics(null, null,
                    Map.of("web-1", new VmStatistics(cpuTimeNs, 0L, 0L, 2048))));
        }
    }

    private static final class Failing extends Unused {
        @Override
        public HostSample sample() throws HostException {
            throw new HostException("host-down", "reading the inventory", "the simulated host is off");
        }
    }

    /** A driver for sampling only: everything else is no business of the collector. */
    private abstract static class Unused implements HostDriver {
        @Override
        public String host() {
            return "unused";
        }

        @Override
        public void ping() {
            throw new UnsupportedOperationException();
        }

        @Override
        public HostInventory inventory() throws HostException {
            return sample().inventory();
        }

        @Override
        public HostStatistics statistics() throws HostException {
            return sample().statistics();
        }

        @Override
        public List<String> autostartVms() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<VmState> vmState(String vm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VmDetails vmDetails(String vm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> interfaceType(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Boolean> networkActive(String network) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long freeMemoryMiB() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CpuInfo cpu() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CpuCompatibility compareVmCpu(VmDetails.Cpu cpu) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CpuCompatibility compareHostCpu(CpuInfo cpu) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<MigrationProgress> migrate(String vm, HostDriver destination, MigrationParameters parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MigrationProgress jobStatistics(String vm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void abortJob(String vm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startPostCopy(String vm) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PowerState powerStatus() throws HostException {
            // As a libvirt host without a power driver: its silence is all there is to know.
            throw HostException.noPowerDriver(host(), "reading the power state");
        }

        @Override
        public void powerOn() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void powerOff() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
