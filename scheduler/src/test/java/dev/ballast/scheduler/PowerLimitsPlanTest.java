package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.model.PowerLimits.Reserve;
import dev.ballast.rules.PlanCheck;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy's power settings in consolidation plans: the planner empties what the goal says,
 * then switches off only the hosts every power rule allows, and the plan it returns replays.
 * Four hosts of 16 cores and 64 GiB, each with one VM of 4 GiB and 1 core: consolidation packs
 * them onto one host and would switch the other three off.
 */
class PowerLimitsPlanTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private final Planner planner = new Planner(new SolverSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 7L),
            Clock.fixed(NOON, ZoneOffset.UTC), stats -> { });

    private static ClusterSnapshot fourQuietHosts() {
        return new ClusterSnapshot(List.of(host("a"), host("b"), host("c"), host("d")),
                List.of(vm("v1", "a", 4, 1), vm("v2", "b", 4, 1), vm("v3", "c", 4, 1), vm("v4", "d", 4, 1)),
                List.of());
    }

    private MigrationPlan plan(ClusterSnapshot snapshot, PowerLimits power) throws Exception {
        return plan(snapshot, Clusters.consolidate().withPower(power));
    }

    private MigrationPlan plan(ClusterSnapshot snapshot, Policy policy) throws Exception {
        MigrationPlan plan = planner.plan(snapshot, policy);
        assertThat(PlanCheck.firstProblem(snapshot, policy, plan, NOON)).isEmpty();
        return plan;
    }

    @Test
    void withoutPowerSettingsEveryEmptiedHostGoesOff() throws Exception {
        MigrationPlan plan = plan(fourQuietHosts(), PowerLimits.NONE);
        assertThat(plan.hostsToPowerOff()).hasSize(3);
        assertThat(plan.summary().efficacy()).noneMatch(f -> f.name().equals(Planner.KEPT_ON));
    }

    @Test
    void maxPowerOffsPerRunSwitchesOffAtMostThatMany() throws Exception {
        assertThat(plan(fourQuietHosts(), PowerLimits.NONE.withMaxPowerOffsPerRun(1)).hostsToPowerOff()).hasSize(1);
    }

    @Test
    void consolidateNeverSwitchesOffBelowTheReserve() throws Exception {
        // The VMs fit on one host; a reserve of one host keeps a second one on, empty: two go off.
        MigrationPlan plan = plan(fourQuietHosts(), PowerLimits.NONE.withReserve(Reserve.hosts(1)));
        assertThat(plan.hostsToPowerOff()).hasSize(2);
        assertThat(plan.placement().usedHosts()).hasSize(1);
        // The host kept on had a VM before: its 150 idle watts are named, apart from those saved.
        assertThat(plan.summary().efficacy()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo(Planner.KEPT_ON);
            assertThat(f.value()).isEqualTo(150.0);
        });
    }

    @Test
    void aHostSwitchedOnWithinThePowerCooldownStaysOn() throws Exception {
        ClusterSnapshot snapshot = fourQuietHosts();
        snapshot = new ClusterSnapshot(snapshot.hosts().stream()
                .map(h -> h.name().equals("b") ? h.withPoweredOnAt(NOON.minus(Duration.ofMinutes(30))) : h).toList(),
                snapshot.vms(), snapshot.groups());
        MigrationPlan plan = plan(snapshot, PowerLimits.NONE.withPowerCooldown(Duration.ofHours(1)));
        assertThat(plan.hostsToPowerOff()).doesNotContain("b").hasSizeBetween(2, 3);
    }

    /** Consolidation under a cap of one power-off per plan that asks each plan to switch off {@code watts}. */
    private static Policy oneOffPerPlanAsking(double watts) {
        return Clusters.consolidate().withPower(PowerLimits.NONE.withMaxPowerOffsPerRun(1))
                .withSettings(ConsolidateSettings.DEFAULTS.withMinImprovementWatts(watts));
    }

    @Test
    void aPlanWhoseEmptiedHostsThePowerRulesKeepOnIsEmptiedBelowTheMinimum() throws Exception {
        // The plan empties three hosts of 150 W (450 W), the cap lets one go off (150 W): under 300 W.
        MigrationPlan plan = plan(fourQuietHosts(), oneOffPerPlanAsking(300));
        assertThat(plan.migrations()).isEmpty();
        assertThat(plan.hostsToPowerOff()).isEmpty();
        assertThat(plan.summary().dropped()).hasSize(3).allSatisfy(d -> assertThat(d.reason()).isEqualTo(
                "the plan switches off 150 W of the 450 W it empties (the power rules keep the rest on),"
                        + " under the policy's minImprovement of 300 W"));
    }

    @Test
    void aPlanThatSwitchesOffTheMinimumIsKept() throws Exception {
        // The one host the cap lets go off gives the 150 W asked; the hosts emptied beyond stay on.
        MigrationPlan plan = plan(fourQuietHosts(), oneOffPerPlanAsking(150));
        assertThat(plan.migrations()).hasSize(3);
        assertThat(plan.hostsToPowerOff()).hasSize(1);
        assertThat(plan.summary().efficacy()).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo(Planner.KEPT_ON);
            assertThat(f.value()).isEqualTo(300.0);
        });
    }

    @Test
    void aPolicyThatSwitchesNoHostOffCountsTheWattsItEmpties() throws Exception {
        // maxPowerOffsPerRun: 0 empties hosts and keeps them on: the 450 W emptied meet the 300 W asked.
        Policy policy = Clusters.consolidate().withPower(PowerLimits.NONE.withMaxPowerOffsPerRun(0))
                .withSettings(ConsolidateSettings.DEFAULTS.withMinImprovementWatts(300));
        MigrationPlan plan = plan(fourQuietHosts(), policy);
        assertThat(plan.migrations()).hasSize(3);
        assertThat(plan.hostsToPowerOff()).isEmpty();
        assertThat(plan.placement().usedHosts()).hasSize(1);
    }
}
