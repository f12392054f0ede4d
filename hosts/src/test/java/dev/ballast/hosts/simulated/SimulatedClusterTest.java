package dev.ballast.hosts.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostStatistics;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmState;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.Resources;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import dev.ballast.model.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

    private static final long LINK_MBPS = 10_000;
    private final ManualTicker ticker = new ManualTicker();

    static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(7.5, 65_536, 10_000), new MigrationLink("10.0.0." + name.length(), LINK_MBPS),
                Set.of("nfs:/vms"), Set.of("br0"), new CpuInfo("x86_64", "EPYC"), null, null);
    }

    static Vm vm(String name, String host, double cpu) {
        return new Vm(name, host, 4096, 4, new Demand(cpu, 80), 10.0, "nfs:/vms", Set.of("br0"), false);
    }

    static ClusterSnapshot snapshot() {
        return new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 1.5), vm("b", "h1", 0.25), vm("c", "h2", 2)), List.of());
    }

    private SimulatedCluster cluster(double speed, Failure... failures) {
        return new SimulatedCluster(snapshot(), speed, ticker, List.of(failures));
    }

    /** The pre-copy model's time for vm "a" between two of these hosts, in seconds. */
    private static double predictedSeconds() {
        return PreCopyModel.standard().estimate(4096, 10.0, LINK_MBPS).seconds();
    }

    private static CompletableFuture<Optional<MigrationProgress>> migrateAsync(SimulatedCluster cluster, String vm,
            String from, String to) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return cluster.driver(from).migrate(vm, cluster.driver(to), MigrationParameters.defaults());
            } catch (HostException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static void awaitStarted(SimulatedCluster cluster, String vm, CompletableFuture<?> migration)
            throws InterruptedException {
        for (int i = 0; i < 5_000 && !cluster.migrating(vm) && !migration.isDone(); i++) {
            Thread.sleep(1); // waits for the worker thread to begin, not for simulated time
        }
    }

    private static HostException failureOf(CompletableFuture<?> migration) throws Exception {
        try {
            migration.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (HostException) e.getCause().getCause();
        }
        throw new AssertionError("the migration did not fail");
    }

    @Test
    void aMigrationTakesThePredictedTimeOverTheSpeedAndTheVmIsOnExactlyOneHostThroughout() throws Exception {
        SimulatedCluster cluster = cluster(10);
        Duration expected = Duration.ofMillis(Math.round(predictedSeconds() / 10 * 1000));
        CompletableFuture<Optional<MigrationProgress>> migration = migrateAsync(cluster, "a", "h1", "h3");
        awaitStarted(cluster, "a", migration);

        ticker.advance(expected.minusMillis(5));
        assertThat(migration).isNotDone();
        assertThat(cluster.driver("h1").runs("a")).isTrue();
        assertThat(cluster.driver("h3").vmState("a")).isEmpty();
        assertThat(cluster.driver("h1").jobStatistics("a").fraction()).isBetween(0.9, 1.0);

        ticker.advance(Duration.ofMillis(10));
        Optional<MigrationProgress> done = migration.get(10, TimeUnit.SECONDS);
        assertThat(done).hasValueSatisfying(p -> assertThat(p.job()).isEqualTo(MigrationProgress.Job.COMPLETED));
        assertThat(cluster.driver("h1").vmState("a")).isEmpty();
        assertThat(cluster.driver("h3").vmState("a")).contains(VmState.RUNNING);
        assertThat(cluster.hostOf("a")).contains("h3");
        assertThat(cluster.snapshot().vm("a").orElseThrow().host()).isEqualTo("h3");
    }

    @Test
    void aMigrationToldToFailFailsAtTheStartAndTheVmStays() throws Exception {
        SimulatedCluster cluster = cluster(1, Failure.ofVm("a", Fault.MIGRATION_FAILS));
        HostDriver h1 = cluster.driver("h1");
        assertThatThrownBy(() -> h1.migrate("a", cluster.driver("h2"), MigrationParameters.defaults()))
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("h1: migrating a to h2: simulated failure");
        assertThat(cluster.hostOf("a")).contains("h1");
    }

    @Test
    void aMigrationToldToFailPartWayFailsAtHalfItsTime() throws Exception {
        SimulatedCluster cluster = cluster(1, Failure.ofVm("a", Fault.MIGRATION_FAILS_PART_WAY));
        CompletableFuture<?> migration = migrateAsync(cluster, "a", "h1", "h2");
        awaitStarted(cluster, "a", migration);
        ticker.advance(Duration.ofMillis(Math.round(predictedSeconds() * 1000 / 2 + 1)));
        assertThat(failureOf(migration).detail()).contains("part-way");
        assertThat(cluster.hostOf("a")).contains("h1");
    }

    @Test
    void aHangingMigrationRunsUntilAbortedAndTheVmStaysOnItsSource() throws Exception {
        SimulatedCluster cluster = cluster(1, Failure.ofVm("a", Fault.MIGRATION_HANGS));
        CompletableFuture<?> migration = migrateAsync(cluster, "a", "h1", "h2");
        awaitStarted(cluster, "a", migration);
        ticker.advance(Duration.ofHours(1));
        assertThat(migration).isNotDone();
        assertThat(cluster.driver("h1").jobStatistics("a").running()).isTrue();

        cluster.driver("h1").abortJob("a");
        assertThat(failureOf(migration).detail()).contains("aborted");
        assertThat(cluster.hostOf("a")).contains("h1");
        assertThat(cluster.driver("h1").jobStatistics("a")).isEqualTo(MigrationProgress.NONE);
    }

    @Test
    void anUnreachableHostAnswersNothingAndSaysWhich() throws Exception {
        SimulatedCluster cluster = cluster(1, Failure.ofHost("h2", Fault.HOST_UNREACHABLE));
        assertThatThrownBy(() -> cluster.driver("h2").inventory())
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("h2: reading the inventory: unable to connect");
        assertThatThrownBy(() -> cluster.driver("h1").migrate("a", cluster.driver("h2"), MigrationParameters.defaults()))
                .hasMessageContaining("unable to connect to h2");
        cluster.heal("h2");
        assertThat(cluster.driver("h2").vmState("c")).contains(VmState.RUNNING);
    }

    @Test
    void aHostThatRunsAVmIsNotSwitchedOff() {
        SimulatedCluster cluster = cluster(1);
        assertThatThrownBy(() -> cluster.driver("h2").powerOff())
                .hasMessage("h2: switching off: refused: the host still runs 1 VM (c)");
        assertThat(cluster.powerOf("h2")).isEqualTo(PowerState.ON);
    }

    @Test
    void aHostSwitchedOffAnswersOnlyItsPowerUntilSwitchedOnAndBooted() throws Exception {
        SimulatedCluster cluster = cluster(10);
        HostDriver h3 = cluster.driver("h3");
        h3.powerOff();
        assertThatThrownBy(h3::ping).hasMessageContaining("shutting down");
        assertThat(h3.powerStatus()).isEqualTo(PowerState.ON);
        ticker.advance(SimulatedCluster.SHUTDOWN_TIME.dividedBy(10));
        assertThat(h3.powerStatus()).isEqualTo(PowerState.OFF);
        assertThatThrownBy(h3::inventory).hasMessageContaining("switched off");
        assertThat(cluster.snapshot().host("h3").orElseThrow().state()).isEqualTo(HostState.STANDBY);

        h3.powerOn();
        assertThat(h3.powerStatus()).isEqualTo(PowerState.ON);
        assertThatThrownBy(h3::ping).hasMessageContaining("booting");
        ticker.advance(SimulatedCluster.BOOT_TIME.dividedBy(10));
        h3.ping();
        assertThat(cluster.snapshot().host("h3").orElseThrow().state()).isEqualTo(HostState.ACTIVE);
    }

    @Test
    void aStandbyHostOfTheSnapshotStartsSwitchedOff() {
        ClusterSnapshot start = snapshot().withHostState("h3", HostState.STANDBY);
        SimulatedCluster cluster = new SimulatedCluster(start, 1, ticker);
        assertThat(cluster.powerOf("h3")).isEqualTo(PowerState.OFF);
        assertThat(cluster.snapshot()).isEqualTo(start);
    }

    @Test
    void aHostWithoutPowerDriverSaysSoAsLibvirtDoes() {
        SimulatedCluster cluster = cluster(1, Failure.ofHost("h3", Fault.NO_POWER_DRIVER));
        assertThatThrownBy(() -> cluster.driver("h3").powerOff())
                .hasMessage("h3: switching off: no power driver configured for h3");
    }

    @Test
    void countersGrowAtTheSnapshotsDemand() throws Exception {
        SimulatedCluster cluster = cluster(1);
        HostStatistics before = cluster.driver("h1").statistics();
        ticker.advance(Duration.ofSeconds(10));
        HostStatistics after = cluster.driver("h1").statistics();

        double aCores = (after.vms().get("a").cpuTimeNs() - before.vms().get("a").cpuTimeNs()) / 1e10;
        double aMbps = (after.vms().get("a").txBytes() - before.vms().get("a").txBytes()) * 8 / 10 / 1e6;
        long busy = after.cpuTimes().busyNs() - before.cpuTimes().busyNs();
        long total = after.cpuTimes().totalNs() - before.cpuTimes().totalNs();
        assertThat(aCores).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(aMbps).isCloseTo(80, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((double) busy / total * 8).as("host cores busy: its VMs' demand").isCloseTo(1.75,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(after.memoryUsedMiB()).isEqualTo(8192);
    }

    @Test
    void theCollectorsViewDeclaresTheSnapshotsCapacity() {
        SimulatedCluster cluster = cluster(1);
        var config = cluster.hostConfigs().get(0);
        assertThat(config.libvirtUri()).isEqualTo("simulated:///h1");
        assertThat(config.physical(8, 1).cpu()).isEqualTo(7.5);
        assertThat(config.physical(8, 1).memoryMiB()).isEqualTo(65_536);
        assertThat(config.networkMbps()).isEqualTo(10_000);
    }

    @Test
    void adoptingAnotherProcesssStateMovesItsVmsAndPowersItsHostsAsThatStateSays() {
        SimulatedCluster cluster = cluster(1);
        ClusterSnapshot elsewhere = new ClusterSnapshot(List.of(host("h1"), host("h2"),
                host("h3").withState(HostState.STANDBY)),
                List.of(vm("a", "h2", 1.5), vm("b", "h1", 0.25), vm("c", "h2", 2)), List.of());

        cluster.adopt(elsewhere);

        assertThat(cluster.hostOf("a")).contains("h2");
        assertThat(cluster.powerOf("h3")).isEqualTo(PowerState.OFF);
        assertThat(cluster.snapshot().vms()).extracting(Vm::host).containsExactly("h2", "h1", "h2");
    }
}
