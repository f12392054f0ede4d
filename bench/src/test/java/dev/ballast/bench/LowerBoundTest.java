package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class LowerBoundTest {

    // Hosts of 10, 20 and 40 cores (memory 100, 200, 400 MiB); at a CPU limit of 0.5 they offer
    // 5, 10 and 20 cores, at a memory limit of 1.0 100, 200 and 400 MiB.
    private static final List<Host> HOSTS = List.of(host("small", 10, 100), host("large", 40, 400),
            host("medium", 20, 200));
    private static final Policy HALF_CPU = new Policy("p", new Limits(0.5, 1.0, 1.0), null,
            ConsolidateSettings.DEFAULTS);

    @Test
    void takesTheLargestHostsFirstForEachResourceAndKeepsTheHighestCount() {
        // CPU: 22 cores needs large (20) + medium (10): 2 hosts.
        // Memory: 450 MiB needs large (400) + medium (200): 2 hosts. Both agree: 2.
        assertThat(LowerBound.hosts(cluster(vm(12, 250), vm(10, 200)), HALF_CPU)).isEqualTo(2);
        // CPU: 31 cores needs all three (20 + 10 + 5 = 35); memory 300 MiB needs one: 3.
        assertThat(LowerBound.hosts(cluster(vm(16, 100), vm(15, 200)), HALF_CPU)).isEqualTo(3);
    }

    @Test
    void aDemandThatExactlyFillsTheLargestHostNeedsOnlyIt() {
        // 20 cores is exactly the large host's limit.
        assertThat(LowerBound.hosts(cluster(vm(10, 10), vm(10, 10)), HALF_CPU)).isEqualTo(1);
    }

    @Test
    void hostsThatAreNotActiveOfferNothing() {
        ClusterSnapshot cluster = cluster(vm(12, 10)).withHostState("large", HostState.MAINTENANCE);
        // Without the large host: medium (10) + small (5) for 12 cores.
        assertThat(LowerBound.hosts(cluster, HALF_CPU)).isEqualTo(2);
    }

    @Test
    void noVmsNeedNoHosts() {
        assertThat(LowerBound.hosts(cluster(), HALF_CPU)).isZero();
    }

    private static ClusterSnapshot cluster(Vm... vms) {
        return new ClusterSnapshot(HOSTS, List.of(vms), List.of());
    }

    private static Host host(String name, double cores, long memoryMiB) {
        return new Host(name, HostState.ACTIVE, new Resources(cores, memoryMiB, 1000), null, Set.of(), Set.of(),
                null, null, null);
    }

    private static int vmCount;

    private static Vm vm(double cpu, long memoryMiB) {
        return new Vm("vm-" + ++vmCount, null, memoryMiB, 1, new Demand(cpu, 0), null, null, Set.of(), false);
    }
}
