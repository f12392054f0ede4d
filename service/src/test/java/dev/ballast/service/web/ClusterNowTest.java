package dev.ballast.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Staleness;
import dev.ballast.model.Vm;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the front page shows of each host: its state, whether its figures are stale, and its use. */
class ClusterNowTest {

    private static final Limits LIMITS = new Limits(0.5, 0.9, 0.8);

    @Test
    void eachHostsUseIsWhatItsVmsAskOfItsCapacity() {
        ClusterNow now = ClusterNow.of(cluster(), LIMITS, "the limits of policy balance (job nightly)");

        ClusterNow.HostNow a = now.hosts().get(0);
        assertThat(a.name()).isEqualTo("host-a");
        assertThat(a.vms()).isEqualTo(2);
        // Two VMs of 2 and 4 cores' demand on 8 cores: 6/8; 8 + 16 GiB of 32 GiB: 24/32.
        assertThat(a.use().cpu()).isCloseTo(0.75, within(1e-9));
        assertThat(a.use().memory()).isCloseTo(0.75, within(1e-9));
        assertThat(now.over(a, Resource.CPU)).isTrue();
        assertThat(now.over(a, Resource.MEMORY)).isFalse();
        assertThat(now.vms()).isEqualTo(2);
    }

    @Test
    void countsTheHostsByStateAndTheStaleOnesWithTheirReason() {
        ClusterNow now = ClusterNow.of(cluster(), LIMITS, "limits");

        assertThat(now.count(HostState.ACTIVE)).isEqualTo(2);
        assertThat(now.count(HostState.STANDBY)).isEqualTo(1);
        assertThat(now.count(HostState.MAINTENANCE)).isZero();
        assertThat(now.stale()).isEqualTo(1);
        ClusterNow.HostNow b = now.hosts().get(1);
        assertThat(b.stale()).isTrue();
        assertThat(b.staleReason()).isEqualTo("libvirt: connection refused");
        assertThat(b.use().cpu()).isZero();
        assertThat(now.hosts().get(2).state()).isEqualTo(HostState.STANDBY);
    }

    private static ClusterSnapshot cluster() {
        Host a = host("host-a", HostState.ACTIVE);
        Host b = host("host-b", HostState.ACTIVE).withStale(new Staleness(Instant.parse("2026-11-24T21:00:00Z"),
                "libvirt: connection refused"));
        Host c = host("host-c", HostState.STANDBY);
        return new ClusterSnapshot(List.of(a, b, c), List.of(vm("vm-1", 2, 8192), vm("vm-2", 4, 16384)), List.of());
    }

    private static Host host(String name, HostState state) {
        return new Host(name, state, new Resources(8, 32768, 1000), null, Set.of(), Set.of(), null, null, null);
    }

    private static Vm vm(String name, double cpu, long memoryMiB) {
        return new Vm(name, "host-a", memoryMiB, 8, new Demand(cpu, 0), null, null, Set.of(), false);
    }
}
