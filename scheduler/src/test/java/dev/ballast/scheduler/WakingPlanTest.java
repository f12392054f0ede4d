package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.rules.PlanCheck;
import dev.ballast.scheduler.goals.relieve.RelieveSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relieve and balance wake a standby host rather than leave a host over a limit, and only then.
 * Hosts of 16 cores and 64 GiB under limits of 85% CPU (13.6 cores) and 95% memory.
 */
class WakingPlanTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private final Planner planner = new Planner(new SolverSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 7L),
            Clock.fixed(NOON, ZoneOffset.UTC), stats -> { });

    private static Policy relieve() {
        return new Policy("relieve", new Limits(0.85, 0.95, 0.8), null, RelieveSettings.DEFAULTS);
    }

    /** a runs 16 cores (2.4 over its limit), b 12 (room for 1.6): one 4-core VM must go where only a standby host has room. */
    private static ClusterSnapshot hotWithStandby(HostState third, HostState fourth) {
        return new ClusterSnapshot(List.of(host("a"), host("b"), host("c", third), host("d", fourth)),
                List.of(vm("a1", "a", 4, 4), vm("a2", "a", 4, 4), vm("a3", "a", 4, 4), vm("a4", "a", 4, 4),
                        vm("b1", "b", 4, 4), vm("b2", "b", 4, 4), vm("b3", "b", 4, 4)),
                List.of());
    }

    private MigrationPlan checked(ClusterSnapshot snapshot, Policy policy) throws Exception {
        MigrationPlan plan = planner.plan(snapshot, policy);
        assertThat(PlanCheck.firstProblem(snapshot, policy, plan, NOON)).isEmpty();
        return plan;
    }

    @Test
    void relieveWakesOneStandbyHostRatherThanLeaveAHostOverItsLimit() throws Exception {
        MigrationPlan plan = checked(hotWithStandby(HostState.STANDBY, HostState.STANDBY), relieve());

        List<Step> steps = plan.steps();
        assertThat(steps.get(0)).isInstanceOf(PowerOn.class);
        String woken = steps.get(0).host();
        assertThat(steps.stream().filter(PowerOn.class::isInstance)).hasSize(1);
        assertThat(plan.vmSteps()).isNotEmpty().allSatisfy(s -> assertThat(s.to()).isEqualTo(woken));
        assertThat(plan.summary().unresolved()).isEmpty();
        assertThat(steps.get(0).reason().text()).contains(woken);
    }

    @Test
    void newVmsThatFitNowhereOnWakeAsManyHostsAsTheyNeed() throws Exception {
        // a and b hold 56 of the 60.8 GiB their memory limit allows; two new 40 GiB VMs bring the
        // load to 192 GiB, over what three hosts may hold (182.4): both standby hosts are needed,
        // and woken at once rather than one search each.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("a"), host("b"), host("c", HostState.STANDBY), host("d", HostState.STANDBY)),
                List.of(vm("a1", "a", 56, 1), vm("b1", "b", 56, 1), vm("n1", null, 40, 1), vm("n2", null, 40, 1)),
                List.of());
        assertThat(Wakeable.atLeast(snapshot, relieve(), Wakeable.hostsOf(snapshot))).isEqualTo(2);

        MigrationPlan plan = checked(snapshot, relieve());

        assertThat(plan.steps().subList(0, 2)).allMatch(PowerOn.class::isInstance);
        assertThat(plan.placement().hostOf("n1")).isIn("c", "d");
        assertThat(plan.placement().hostOf("n2")).isIn("c", "d").isNotEqualTo(plan.placement().hostOf("n1"));
    }

    @Test
    void relieveWakesNothingWhenTheHostsOnHaveRoom() throws Exception {
        // c is on and empty: the VM goes there, d stays off.
        MigrationPlan plan = checked(hotWithStandby(HostState.ACTIVE, HostState.STANDBY), relieve());
        assertThat(plan.steps()).noneMatch(PowerOn.class::isInstance);
        assertThat(plan.vmSteps()).extracting(VmStep::to).containsOnly("c");
    }

    @Test
    void withoutStandbyHostsTheOverloadIsLeftNamed() throws Exception {
        MigrationPlan plan = checked(hotWithStandby(HostState.MAINTENANCE, HostState.MAINTENANCE), relieve());
        assertThat(plan.steps()).noneMatch(PowerOn.class::isInstance);
        assertThat(plan.summary().unresolved()).isNotEmpty();
    }

    @Test
    void balanceWakesAStandbyHostToKeepTheLimits() throws Exception {
        MigrationPlan plan = checked(hotWithStandby(HostState.STANDBY, HostState.STANDBY), Clusters.balance());
        assertThat(plan.steps().get(0)).isInstanceOf(PowerOn.class);
        assertThat(plan.summary().unresolved()).isEmpty();
    }

    @Test
    void consolidateWakesNothing() throws Exception {
        MigrationPlan plan = checked(hotWithStandby(HostState.STANDBY, HostState.STANDBY), Clusters.consolidate());
        assertThat(plan.steps()).noneMatch(PowerOn.class::isInstance);
    }
}
