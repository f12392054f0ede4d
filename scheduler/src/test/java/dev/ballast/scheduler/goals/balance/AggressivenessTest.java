package dev.ballast.scheduler.goals.balance;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.rules.HardRules;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.scheduler.goals.relieve.RelieveGoal;
import dev.ballast.scheduler.goals.relieve.RelieveSettings;
import dev.ballast.simulator.ClusterGenerator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What each level of balance's aggressiveness moves, from its greedy start. */
class AggressivenessTest {

    private static final Limits LIMITS = new Limits(0.85, 0.95, 0.8);

    static Policy balanceAt(int level) {
        return new Policy("balance-" + level, LIMITS, null, BalanceSettings.DEFAULTS.withAggressiveness(level));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aHigherLevelNeverMovesFewerVms(long seed) {
        ClusterSnapshot cluster = ClusterGenerator.generate(
                new ClusterGenerator.Options(40, 440, 0.6, 0.8, 0, seed, 16));
        int fewest = 0;
        for (int level = 1; level <= 5; level++) {
            Placement start = start(cluster, balanceAt(level));
            int moved = moved(cluster, start);

            assertThat(moved).as("level %d", level).isGreaterThanOrEqualTo(fewest);
            assertThat(HardRules.check(cluster, balanceAt(level), start)).as("level %d", level).isEmpty();
            fewest = moved;
        }
    }

    @Test
    void levelOneIsRelief() {
        ClusterSnapshot cluster = ClusterGenerator.generate(ClusterGenerator.demoOptions());
        Policy relieve = new Policy("relieve", LIMITS, null, RelieveSettings.DEFAULTS);

        assertThat(start(cluster, balanceAt(1))).isEqualTo(start(cluster, relieve));
        assertThat(Goals.registry().named("balance").on(cluster, balanceAt(1)).prices().migrationOf(cluster.vms().get(0)))
                .isEqualTo(RelieveGoal.objective(cluster, relieve).prices().migrationOf(cluster.vms().get(0)));
    }

    @Test
    void aMoveIsTakenWhenItEvensTheLoadOutByTheLevelsThreshold() {
        // a runs 9 cores, b 1: a 2-core VM of 1 GiB moved takes 2 x 2/16 x (8/16 - 2/16) = 0.094 off
        // the sum of squared CPU utilisation (and a little of memory's): above the thresholds of
        // levels 2 to 5, plus a 32nd of them for its GiB.
        ClusterSnapshot cluster = new ClusterSnapshot(List.of(host("a"), host("b")), List.of(
                vm("a-1", "a", 1, 2), vm("a-2", "a", 1, 7), vm("b-1", "b", 1, 1)), List.of());

        assertThat(moved(cluster, start(cluster, balanceAt(1)))).isZero();
        for (int level = 2; level <= 5; level++) {
            assertThat(start(cluster, balanceAt(level)).hostOf("a-1")).as("level %d", level).isEqualTo("b");
        }
    }

    @Test
    void aMoveThatGainsLessThanTheThresholdIsNotTaken() {
        // a runs 5 cores, b 3: the same VM moved would take 2 x 2/16 x (2/16 - 2/16) = 0 off.
        ClusterSnapshot cluster = new ClusterSnapshot(List.of(host("a"), host("b")), List.of(
                vm("a-1", "a", 1, 2), vm("a-2", "a", 1, 3), vm("b-1", "b", 1, 3)), List.of());

        for (int level = 1; level <= 5; level++) {
            assertThat(moved(cluster, start(cluster, balanceAt(level)))).as("level %d", level).isZero();
        }
    }

    private static Placement start(ClusterSnapshot cluster, Policy policy) {
        Objective objective = Goals.registry().of(policy).on(cluster, policy);
        Optional<Placement> first = objective.startingPoints().values().iterator().next();
        return first.orElseThrow();
    }

    private static int moved(ClusterSnapshot cluster, Placement placement) {
        return (int) cluster.vms().stream().filter(vm -> !vm.host().equals(placement.hostOf(vm.name()))).count();
    }
}
