package dev.ballast.scheduler.goals.consolidate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Consolidation's search temperature follows the price of a mean host. */
class ConsolidateTemperatureTest {

    private static Host host(String name, double idleWatts) {
        return new Host(name, HostState.ACTIVE, new Resources(16, 65_536, 10_000),
                new MigrationLink("198.18.0.1", 100_000), Set.of(), Set.of(), new CpuInfo("x86_64", "Icelake-Server"),
                new Power(idleWatts, 400), null);
    }

    private static Vm vm(String name, String host) {
        return new Vm(name, host, 1024, 1, new Demand(1, 1), 10.0, null, Set.of(), false);
    }

    @Test
    void consolidationStartsAtAShareOfAMeanHostsPowerPrice() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a", 100), host("b", 300)),
                List.of(vm("running", "a"), vm("new", null)), List.of());

        assertThat(ConsolidateGoal.temperature(snapshot, ConsolidateSettings.DEFAULTS))
                .isEqualTo(Math.round(ConsolidateGoal.TEMPERATURE_SHARE * 200 * ConsolidatePrices.PER_WATT));
    }

    @Test
    void aFirstPlacementIsSearchedHotterSinceNoMoveCostsAMigration() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a", 100), host("b", 300)),
                List.of(vm("new-1", null), vm("new-2", null)), List.of());

        assertThat(ConsolidateGoal.temperature(snapshot, ConsolidateSettings.DEFAULTS))
                .isEqualTo(Math.round(ConsolidateGoal.FIRST_PLACEMENT_SHARE * 200 * ConsolidatePrices.PER_WATT))
                .isGreaterThan(Math.round(ConsolidateGoal.TEMPERATURE_SHARE * 200 * ConsolidatePrices.PER_WATT));
    }
}
