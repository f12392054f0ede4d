package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterConfig.Capacity;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Resources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host's capacity as the cluster file declares it, or its cores overcommitted, replaces what
 * libvirt reports in the snapshot. host-a.xml: 16 cores, 65,536 MiB; the test driver's node
 * figures do not move, so nothing is taken off for the host's own use.
 */
class DeclaredCapacityTest {

    private static ClusterSnapshot collect(HostConfig host) {
        try (Collector collector = new Collector(TestHosts.config(Duration.ofSeconds(10), host), Clock.systemUTC())) {
            collector.sample();
            collector.sample();
            return collector.snapshot();
        }
    }

    private static HostConfig hostA(Capacity capacity, double cpuOvercommit) {
        HostConfig plain = TestHosts.host("host-a", "host-a.xml");
        return new HostConfig(plain.name(), plain.libvirtUri(), null, Resources.ZERO, plain.networkMbps(), null,
                List.of(), null, null, null, capacity, cpuOvercommit);
    }

    @Test
    void aDeclaredCapacityReplacesLibvirtsCoresAndMemory() {
        Resources capacity = collect(hostA(new Capacity(4.0, 8192L), 1.0)).host("host-a").orElseThrow().capacity();

        assertThat(capacity.cpu()).isEqualTo(4);
        assertThat(capacity.memoryMiB()).isEqualTo(8192);
    }

    @Test
    void aDeclaredMemoryAloneLeavesTheCoresToLibvirt() {
        Resources capacity = collect(hostA(new Capacity(null, 8192L), 1.0)).host("host-a").orElseThrow().capacity();

        assertThat(capacity.cpu()).isEqualTo(16);
        assertThat(capacity.memoryMiB()).isEqualTo(8192);
    }

    @Test
    void anOvercommitMultipliesLibvirtsCoresAndNotItsMemory() {
        Resources capacity = collect(hostA(null, 4.0)).host("host-a").orElseThrow().capacity();

        assertThat(capacity.cpu()).isEqualTo(64); // 16 cores, each carrying 4 cores' worth of vCPUs
        assertThat(capacity.memoryMiB()).isEqualTo(65_536);
    }

    @Test
    void theReserveIsStillTakenOffADeclaredCapacity() {
        // 16 GiB, so that db-1 (8 GiB) fits in what is left: a VM larger than that raises the capacity to its size.
        HostConfig declared = hostA(new Capacity(4.0, 16_384L), 1.0);
        HostConfig reserved = new HostConfig(declared.name(), declared.libvirtUri(), null, new Resources(1, 1024, 0),
                declared.networkMbps(), null, List.of(), null, null, null, declared.capacity(), 1.0);

        Resources capacity = collect(reserved).host("host-a").orElseThrow().capacity();

        assertThat(capacity.cpu()).isEqualTo(3);
        assertThat(capacity.memoryMiB()).isEqualTo(15_360);
    }
}
