package dev.ballast.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Migration;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.model.PowerLimits.Reserve;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each power rule on its own, asked as the replay of a plan asks it: through
 * {@link ClusterState#whyNotStep} of a {@code power-off} step, and through {@link PlanCheck}.
 * Every host offers 16 cores, 64 GiB and 10 Gb/s; the policy's limits are the whole host.
 */
class PowerRulesTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private static final Resources HOST = new Resources(16, 65_536, 10_000);

    private record Any(String goal) implements GoalSettings {
    }

    private static Policy policy(PowerLimits power) {
        return new Policy("p", Limits.FULL, null, 1.0, Duration.ZERO, new Any("consolidate"), power);
    }

    private static Host host(String name) {
        return host(name, HostState.ACTIVE, Set.of(), Set.of());
    }

    private static Host host(String name, HostState state, Set<String> storage, Set<String> bridges) {
        return new Host(name, state, HOST, null, storage, bridges, null, null, null);
    }

    private static Vm vm(String name, String host, long memoryMiB) {
        return new Vm(name, host, memoryMiB, 2, new Demand(2, 0), null, null, Set.of(), false);
    }

    private static ClusterState state(ClusterSnapshot snapshot, PowerLimits power) {
        return ClusterState.current(snapshot, policy(power)).at(NOON);
    }

    private static Optional<Violation> off(ClusterState state, String host) {
        Optional<Violation> refusal = state.whyNotStep(new PowerOff(host));
        if (refusal.isEmpty()) {
            new PowerOff(host).applyTo(state);
        }
        return refusal;
    }

    /** a holds a 32 GiB VM, b and c are empty. */
    private static final ClusterSnapshot HALF_FULL = new ClusterSnapshot(List.of(host("a"), host("b"), host("c")),
            List.of(vm("v1", "a", 32_768)), List.of());

    @Test
    void reserveOfHostsKeepsTheRoomOfTheLargestHostsLeftOn() {
        ClusterState state = state(HALF_FULL, PowerLimits.NONE.withReserve(Reserve.hosts(1)));
        // b off: a (32 GiB free) and c (64 GiB) keep 96 GiB free, over one host's 64 GiB.
        assertThat(off(state, "b")).isEmpty();
        // c off too: a alone keeps 14 of its 16 cores free (and 32 of its 64 GiB), under one host's
        // 16 cores; the first resource short is named.
        assertThat(off(state, "c")).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("reserve");
            assertThat(v.message()).isEqualTo("switching c off leaves 14 cores free on the hosts that stay on,"
                    + " under the policy's reserve {hosts: 1} of 16 cores");
        });
    }

    @Test
    void reserveOfCapacityKeepsAShareOfWhatTheHostsLeftOnMayHold() {
        // b and c off leave a with 32 of its 64 GiB free: a share of 0.5, enough for 0.5, not for 0.6.
        ClusterState half = state(HALF_FULL, PowerLimits.NONE.withReserve(Reserve.capacity(0.5)));
        assertThat(off(half, "b")).isEmpty();
        assertThat(off(half, "c")).isEmpty();
        ClusterState more = state(HALF_FULL, PowerLimits.NONE.withReserve(Reserve.capacity(0.6)));
        assertThat(off(more, "b")).isEmpty();
        assertThat(off(more, "c")).map(Violation::rule).contains("reserve");
    }

    @Test
    void withoutReserveEveryEmptyHostMayBeSwitchedOff() {
        ClusterState state = state(HALF_FULL, PowerLimits.NONE);
        assertThat(off(state, "b")).isEmpty();
        assertThat(off(state, "c")).isEmpty();
    }

    @Test
    void maxPowerOffsPerRunCountsThePlansPowerOffs() {
        ClusterState state = state(HALF_FULL, PowerLimits.NONE.withMaxPowerOffsPerRun(1));
        assertThat(off(state, "b")).isEmpty();
        assertThat(off(state, "c")).hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo(
                "max-power-offs: c would be host 2 switched off by this plan, over the policy's maxPowerOffsPerRun of 1"));
    }

    @Test
    void maxPowerOffsPerRunRefusesTheSecondPowerOffOfAPlan() {
        MigrationPlan plan = plan(new PowerOff("b"), new PowerOff("c"));
        assertThat(PlanCheck.firstProblem(HALF_FULL, policy(PowerLimits.NONE.withMaxPowerOffsPerRun(1)), plan, NOON))
                .hasValueSatisfying(p -> assertThat(p.step()).isEqualTo(2));
        assertThat(PlanCheck.firstProblem(HALF_FULL, policy(PowerLimits.NONE.withMaxPowerOffsPerRun(2)), plan, NOON))
                .isEmpty();
    }

    @Test
    void powerCooldownKeepsAHostSwitchedOnLatelyOn() {
        PowerLimits twoHours = PowerLimits.NONE.withPowerCooldown(Duration.ofHours(2));
        ClusterSnapshot woken = new ClusterSnapshot(List.of(host("a"),
                host("b").withPoweredOnAt(NOON.minus(Duration.ofHours(1))), host("c")),
                List.of(vm("v1", "a", 1_024)), List.of());
        // b was switched on an hour ago: it stays on for another hour; c has no poweredOnAt.
        assertThat(off(state(woken, twoHours), "b")).hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo(
                "power-cooldown: b was switched on at 2026-12-01T11:00:00Z, within the policy's powerCooldown of"
                        + " PT2H: it stays on until 2026-12-01T13:00:00Z"));
        assertThat(off(state(woken, twoHours), "c")).isEmpty();
        // Two hours after it was switched on, it may go off again.
        ClusterState later = ClusterState.current(woken, policy(twoHours)).at(NOON.plus(Duration.ofHours(1)));
        assertThat(later.whyNotStep(new PowerOff("b"))).isEmpty();
        assertThat(off(state(woken, PowerLimits.NONE), "b")).isEmpty();
    }

    @Test
    void lastHostOnThatMountsAStorageSomeVmNeedsStaysOn() {
        // m is in maintenance with a VM on nfs-2; b is the only active host that mounts nfs-2 (c,
        // which mounts it too, is off), so switching b off would leave the VM nowhere to go.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(
                host("m", HostState.MAINTENANCE, Set.of("nfs-1", "nfs-2"), Set.of()),
                host("a", HostState.ACTIVE, Set.of("nfs-1"), Set.of()),
                host("b", HostState.ACTIVE, Set.of("nfs-1", "nfs-2"), Set.of()),
                host("c", HostState.STANDBY, Set.of("nfs-2"), Set.of())),
                List.of(new Vm("v1", "m", 1_024, 1, new Demand(1, 0), null, "nfs-2", Set.of(), false)), List.of());
        assertThat(off(state(snapshot, PowerLimits.NONE), "b")).hasValueSatisfying(v -> assertThat(v.toString())
                .isEqualTo("last-storage-host: b is the last host on that mounts storage nfs-2, which VMs need"));
        // With a second active host mounting nfs-2, b may go off.
        ClusterSnapshot twoHosts = snapshot.withHostState("c", HostState.ACTIVE);
        assertThat(off(state(twoHosts, PowerLimits.NONE), "b")).isEmpty();
    }

    @Test
    void lastHostOnWithABridgeSomeVmNeedsStaysOn() {
        // v1 is still to be placed and needs br-dmz, which only b has.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(
                host("a", HostState.ACTIVE, Set.of(), Set.of("br0")),
                host("b", HostState.ACTIVE, Set.of(), Set.of("br0", "br-dmz"))),
                List.of(new Vm("v1", null, 1_024, 1, new Demand(1, 0), null, null, Set.of("br-dmz"), false)),
                List.of());
        assertThat(off(state(snapshot, PowerLimits.NONE), "b")).hasValueSatisfying(v -> assertThat(v.toString())
                .isEqualTo("last-storage-host: b is the last host on with bridge br-dmz, which VMs need"));
        assertThat(off(state(snapshot, PowerLimits.NONE), "a")).isEmpty();
    }

    @Test
    void powerRulesAreAskedAfterTheHardRules() {
        // a still holds v1: power-state refuses it before any power rule is asked.
        ClusterState state = state(HALF_FULL, PowerLimits.NONE.withMaxPowerOffsPerRun(0));
        assertThat(state.whyNotStep(new PowerOff("a"))).map(Violation::rule).contains("power-state");
        assertThat(state.whyNotStep(new PowerOff("b"))).map(Violation::rule).contains("max-power-offs");
    }

    @Test
    void migrationsBetweenHostsOnLeaveTheReserveAsItWas() {
        // Whether b goes off before or after v1 moves from a to c, the room left on is the same.
        PowerLimits reserve = PowerLimits.NONE.withReserve(Reserve.hosts(1));
        Migration move = new Migration("v1", "a", "c");
        assertThat(PlanCheck.firstProblem(HALF_FULL, policy(reserve), plan(new PowerOff("b"), move), NOON)).isEmpty();
        assertThat(PlanCheck.firstProblem(HALF_FULL, policy(reserve), plan(move, new PowerOff("b")), NOON)).isEmpty();
    }

    private static MigrationPlan plan(Step... steps) {
        return new MigrationPlan("p", "", null, List.of(steps), null);
    }
}
