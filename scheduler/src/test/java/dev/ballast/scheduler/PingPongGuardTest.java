package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import dev.ballast.scheduler.goals.balance.BalanceSettings;
import dev.ballast.scheduler.goals.relieve.RelieveSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cooldown against ping-pong, on 16-core hosts under an 85% CPU limit (13.6 cores), with the
 * time from a fixed clock: the last plan moved VMs an hour ago, and the cooldown is 6 hours.
 */
class PingPongGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant AN_HOUR_AGO = NOW.minus(Duration.ofHours(1));
    private static final Instant A_DAY_AGO = NOW.minus(Duration.ofDays(1));
    private static final Limits LIMITS = new Limits(0.85, 0.95, 0.8);
    private static final Policy BALANCE = new Policy("balance", LIMITS, null, 1.0, Duration.ofHours(6),
            BalanceSettings.DEFAULTS.withAggressiveness(5));
    private static final Policy RELIEVE = new Policy("relieve", LIMITS, null, 1.0, Duration.ofHours(6),
            RelieveSettings.DEFAULTS);

    private final Planner planner = new Planner(new SolverSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1L),
            Clock.fixed(NOW, ZoneOffset.UTC), stats -> { });

    /** a runs 12 cores, b 1: within the limits, and level 5 evens out as little as a 2-core move. */
    private static ClusterSnapshot uneven(Instant movedAt) {
        return new ClusterSnapshot(List.of(host("a"), host("b")), List.of(
                moved(vm("moved", "b", 2, 1), movedAt),
                vm("a-1", "a", 2, 4), vm("a-2", "a", 2, 4), vm("a-3", "a", 2, 4)), List.of());
    }

    @Test
    void balanceMakesNoPlanWhileTheLastPlansMovesCoolAndNothingIsOverALimit() throws Exception {
        MigrationPlan plan = planner.plan(uneven(AN_HOUR_AGO), BALANCE);

        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void balanceMovesAgainOnceTheCooldownIsOver() throws Exception {
        MigrationPlan plan = planner.plan(uneven(A_DAY_AGO), BALANCE);

        assertThat(plan.steps()).isNotEmpty();
    }

    @Test
    void anOverloadIsRelievedEvenWhileTheLastPlansMovesCoolButTheMovedVmStaysWhereItWent() throws Exception {
        // b runs 15 cores, 1.4 over; "back" came from a an hour ago, and moving it back would
        // relieve b for the least memory: it stays, and the next cheapest goes.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("a"), host("b")), List.of(
                moved(vm("back", "b", 1, 2), AN_HOUR_AGO), vm("b-1", "b", 2, 2), vm("b-2", "b", 4, 11),
                vm("a-1", "a", 2, 2)), List.of());

        for (Policy policy : List.of(RELIEVE, BALANCE.withSettings(BalanceSettings.DEFAULTS.withAggressiveness(1)))) {
            MigrationPlan plan = planner.plan(snapshot, policy);

            assertThat(plan.steps()).as(policy.name()).extracting(s -> ((VmStep) s).vm()).containsExactly("b-1");
        }
    }

    private static Vm moved(Vm vm, Instant at) {
        return new Vm(vm.name(), vm.host(), vm.memoryMiB(), vm.vcpus(), vm.demand(), vm.dirtyRateMiBps(),
                vm.storage(), vm.bridges(), vm.pinned(), at);
    }
}
