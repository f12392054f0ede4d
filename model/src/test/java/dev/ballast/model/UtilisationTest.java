package dev.ballast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class UtilisationTest {

    private static Host host(String name, double cores) {
        return new Host(name, HostState.ACTIVE, new Resources(cores, 65_536, 10_000),
                new MigrationLink("198.18.0.1", 100_000), Set.of(), Set.of(), new CpuInfo("x86_64", "Icelake-Server"),
                new Power(100, 300), null);
    }

    private static Vm vm(String name, String host, double cores) {
        return new Vm(name, host, 1024, 1, new Demand(cores, 1), 10.0, null, Set.of(), false);
    }

    /**
     * 12 of 48 cores are busy: 25% is the cluster's mean, what every host would run at if the
     * load were even, though the small host runs at 50% and the large one at 12.5%.
     */
    @Test
    void theMeanIsAllTheLoadOverAllTheCapacity() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("small", 16), host("large", 32)),
                List.of(vm("a", "small", 8), vm("b", "large", 4)), List.of());

        Utilisation cpu = Utilisation.of(snapshot, snapshot.currentPlacement(), Resource.CPU);

        assertThat(cpu.mean()).isCloseTo(0.25, within(1e-12));
        assertThat(cpu.max()).isCloseTo(0.5, within(1e-12));
        assertThat(cpu.stdDev()).isCloseTo(Math.sqrt((0.25 * 0.25 + 0.125 * 0.125) / 2), within(1e-12));
    }

    @Test
    void hostsThatAreNotActiveDoNotCount() {
        Host off = new Host("off", HostState.STANDBY, new Resources(64, 65_536, 10_000),
                new MigrationLink("198.18.0.2", 100_000), Set.of(), Set.of(), new CpuInfo("x86_64", "Icelake-Server"),
                new Power(100, 300), null);
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("small", 16), off), List.of(vm("a", "small", 8)),
                List.of());

        assertThat(Utilisation.of(snapshot, snapshot.currentPlacement(), Resource.CPU).mean()).isCloseTo(0.5,
                within(1e-12));
    }
}
