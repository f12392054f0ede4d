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
        Policy policy = Clusters.consolidate().withPower(power);
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
}
