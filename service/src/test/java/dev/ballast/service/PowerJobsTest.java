package dev.ballast.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.power.PowerHistory;
import dev.ballast.service.power.WakeForecast;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts switched off at night and on in the morning by the service's jobs, on the simulated
 * cluster: the consolidation plan's power-offs, the wake jobs' power-ons (for the load recorded
 * the day before, or all), what the service remembers of them (each host's poweredOnAt, the
 * energy saved), all on the test's clocks.
 */
class PowerJobsTest {

    /** The limits of the built-in relieve policy, under which wake plans are made. */
    private static final Limits RELIEVE = new Limits(0.85, 0.95, 0.8);
    /** The limits of the test's policy watch.yaml, which the job watch-morning names in limitsOf. */
    private static final Limits WATCH = new Limits(0.7, 0.7, 0.7);

    @TempDir
    Path dataDir;
    private SimulatedService simulated;

    @BeforeEach
    void start() throws Exception {
        Path cooling = Files.writeString(dataDir.resolve("cooling.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: cooling
                goal: consolidate
                limits: {cpu: 0.85, memory: 0.95, network: 0.8}
                powerCooldown: 2h
                """);
        // Half of each host: after a night's packing, relieving needs more hosts than are on.
        Path cool = Files.writeString(dataDir.resolve("cool.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: cool
                goal: relieve
                limits: {cpu: 0.5, memory: 0.5, network: 0.5}
                """);
        // Stricter than the built-in relieve: the hosts on after a night's packing hold the load
        // within relieve's limits but not within these (memory 0.7); all of them would.
        Path watch = Files.writeString(dataDir.resolve("watch.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: watch
                goal: relieve
                limits: {cpu: 0.7, memory: 0.7, network: 0.7}
                """);
        simulated = new SimulatedService(dataDir, List.of(Job.onDemand("night", "consolidate", Mode.AUTO),
                Job.onDemand("morning", "wake", Mode.AUTO), Job.onDemand("all-up", "wake-all", Mode.RECOMMEND),
                Job.onDemand("cooling-night", cooling.toString(), Mode.RECOMMEND),
                Job.onDemand("relieve", cool.toString(), Mode.AUTO),
                new Job("watch-morning", "wake", null, Mode.AUTO, null, null, Duration.ZERO, watch.toString())),
                ZoneOffset.UTC);
    }

    @AfterEach
    void stop() {
        simulated.close();
    }

    private StoredPlan run(String job) throws Exception {
        return simulated.service.runJob(job).get(60, TimeUnit.SECONDS).orElseThrow();
    }

    private List<Host> standby(ClusterSnapshot snapshot) {
        return snapshot.hosts().stream().filter(h -> h.state() == HostState.STANDBY).toList();
    }

    /** Consolidates at night; the hosts it switched off, in standby in a fresh snapshot. */
    private List<Host> night() throws Exception {
        StoredPlan night = run("night");
        assertThat(night.state()).isEqualTo(PlanState.SUCCEEDED);
        List<Host> off = standby(simulated.service.collect());
        assertThat(off).as("the generated cluster has idle hosts to switch off").hasSizeGreaterThanOrEqualTo(2);
        return off;
    }

    @Test
    void wakeAllSwitchesOnEveryStandbyHostAfterApprovalAndRemembersWhen() throws Exception {
        List<Host> off = night();
        simulated.clock.advance(Duration.ofHours(8));
        simulated.ticker.advance(Duration.ofHours(8));

        StoredPlan morning = run("all-up");
        assertThat(morning.state()).isEqualTo(PlanState.RECOMMENDED);
        MigrationPlan plan = PlanReader.parse(morning.planJson(), "plan");
        assertThat(plan.steps()).allMatch(PowerOn.class::isInstance).extracting(s -> s.host())
                .containsExactlyInAnyOrderElementsOf(off.stream().map(Host::name).toList());
        Instant approvedAt = simulated.ticker.now();
        simulated.service.approve(morning.id(), "morning");
        simulated.awaitState(morning.id(), PlanState.SUCCEEDED);

        ClusterSnapshot after = simulated.service.collect();
        assertThat(standby(after)).isEmpty();
        for (Host host : off) {
            assertThat(after.host(host.name()).orElseThrow().poweredOnAt()).as(host.name())
                    .isAfterOrEqualTo(approvedAt);
        }
        // Each host stayed off about 8 hours at its idle watts: the energy saved is their sum.
        double expectedKwh = off.stream().mapToDouble(Host::idleWatts).sum() * 8 / 1000;
        PowerHistory.Energy energy = simulated.service.energySaved(SimulatedService.START,
                simulated.ticker.now().plus(Duration.ofHours(1)));
        assertThat(energy.kWh()).isBetween(expectedKwh * 0.99, expectedKwh * 1.01);
        assertThat(energy.hostsOff()).isZero();
    }

    @Test
    void wakeSwitchesOnEnoughHostsForTheLoadOfTheSameHourYesterday() throws Exception {
        night();
        ClusterSnapshot now = simulated.service.collect();
        Resources room = now.hosts().stream().filter(Host::isActive).map(h -> h.capacity().scaledBy(RELIEVE))
                .reduce(Resources.ZERO, Resources::plus);
        // A day later, half an hour before the load of the day before: one MiB more memory than
        // the hosts on may hold, so one more host is enough.
        Instant yesterday = simulated.clock.instant().plus(Duration.ofMinutes(30));
        simulated.store().loadHistory().record(yesterday,
                new Resources(1, room.memoryMiB() + 1, 1));
        simulated.clock.advance(Duration.ofDays(1));

        StoredPlan morning = run("morning");

        assertThat(morning.state()).isEqualTo(PlanState.SUCCEEDED);
        MigrationPlan plan = PlanReader.parse(morning.planJson(), "plan");
        assertThat(plan.steps()).hasSize(1).allMatch(PowerOn.class::isInstance);
        assertThat(plan.steps().get(0).reason().text()).contains("forecast from the same hour yesterday");
        assertThat(standby(simulated.service.collect())).hasSize(standby(now).size() - 1);
    }

    @Test
    void wakeSwitchesNothingOnWhenTheHostsOnHoldTheLoadOfYesterday() throws Exception {
        night();
        simulated.service.collect();
        simulated.clock.advance(Duration.ofDays(1));

        StoredPlan morning = run("morning");

        assertThat(PlanReader.parse(morning.planJson(), "plan").steps()).isEmpty();
    }

    @Test
    void wakeKeepsTheLimitsOfThePolicyItNamesInLimitsOf() throws Exception {
        night();
        Resources yesterday = WakeForecast.loadOf(simulated.service.collect());
        simulated.clock.advance(Duration.ofDays(1));
        // Within relieve's limits the hosts on hold the load of yesterday: the plain wake job wakes none.
        assertThat(PlanReader.parse(run("morning").planJson(), "plan").steps()).isEmpty();

        StoredPlan morning = run("watch-morning");

        // Within watch's they do not: the job wakes the fewest hosts that make room within them.
        assertThat(morning.state()).as(morning.reason()).isEqualTo(PlanState.SUCCEEDED);
        assertThat(morning.policy()).isEqualTo("wake");
        ClusterSnapshot before = SnapshotReader.parse(morning.snapshotJson(), "the plan's snapshot");
        Resources load = max(yesterday, WakeForecast.loadOf(before));
        List<String> woken = PlanReader.parse(morning.planJson(), "plan").steps().stream()
                .filter(PowerOn.class::isInstance).map(s -> s.host()).toList();
        assertThat(woken).isNotEmpty().isSubsetOf(standby(before).stream().map(Host::name).toList());
        assertThat(holds(roomWithin(before, woken, WATCH), load)).as("the hosts on and those woken hold %s", load)
                .isTrue();
        assertThat(holds(roomWithin(before, woken.subList(0, woken.size() - 1), WATCH), load))
                .as("without the last host woken they would not").isFalse();
    }

    /** The room of the hosts on (active, fresh) and the {@code woken}, within {@code limits}. */
    private static Resources roomWithin(ClusterSnapshot snapshot, List<String> woken, Limits limits) {
        return snapshot.hosts().stream().filter(h -> (h.isActive() && !h.isStale()) || woken.contains(h.name()))
                .map(h -> h.capacity().scaledBy(limits)).reduce(Resources.ZERO, Resources::plus);
    }

    private static boolean holds(Resources room, Resources load) {
        return Arrays.stream(Resource.values()).allMatch(r -> room.get(r) >= load.get(r));
    }

    private static Resources max(Resources a, Resources b) {
        return new Resources(Math.max(a.cpu(), b.cpu()), Math.max(a.memoryMiB(), b.memoryMiB()),
                Math.max(a.networkMbps(), b.networkMbps()));
    }

    @Test
    void aConsolidationKeepsTheHostsSwitchedOnWithinThePowerCooldownOn() throws Exception {
        List<String> off = night().stream().map(Host::name).toList();
        StoredPlan up = run("all-up");
        simulated.service.approve(up.id(), "up");
        simulated.awaitState(up.id(), PlanState.SUCCEEDED);
        assertThat(simulated.service.collect().hosts()).filteredOn(h -> h.poweredOnAt() != null)
                .extracting(Host::name).containsExactlyInAnyOrderElementsOf(off);

        // The woken hosts are empty: a consolidation would switch them off again, but not within 2h.
        MigrationPlan soon = PlanReader.parse(run("cooling-night").planJson(), "plan");
        assertThat(soon.hostsToPowerOff()).doesNotContainAnyElementsOf(off);

        simulated.clock.advance(Duration.ofHours(3));
        MigrationPlan later = PlanReader.parse(run("cooling-night").planJson(), "plan");
        assertThat(later.hostsToPowerOff()).containsAnyElementsOf(off);
    }

    @Test
    void relievingWakesStandbyHostsWhenTheHostsOnHaveNoRoom() throws Exception {
        List<String> off = night().stream().map(Host::name).toList();

        StoredPlan relief = run("relieve");

        assertThat(relief.state()).as(relief.reason()).isEqualTo(PlanState.SUCCEEDED);
        MigrationPlan plan = PlanReader.parse(relief.planJson(), "plan");
        List<String> woken = plan.steps().stream().filter(PowerOn.class::isInstance).map(s -> s.host()).toList();
        assertThat(woken).isNotEmpty();
        assertThat(off).containsAll(woken);
        // Every power-on comes before the first VM step.
        assertThat(plan.steps().subList(0, woken.size())).allMatch(PowerOn.class::isInstance);
        assertThat(plan.vmSteps()).anyMatch(step -> woken.contains(step.to()));
        ClusterSnapshot after = simulated.service.collect();
        assertThat(woken).allSatisfy(h -> assertThat(after.host(h).orElseThrow().state()).isEqualTo(HostState.ACTIVE));
    }
}
