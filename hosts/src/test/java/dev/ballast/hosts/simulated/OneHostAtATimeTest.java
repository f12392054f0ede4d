package dev.ballast.hosts.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import dev.ballast.model.Vm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A loop over random migrations, some told to fail, fail part-way or hang (then aborted), with
 * time moved on in random amounts: at every moment, each VM runs on exactly one host, asked of
 * every host through its driver.
 */
class OneHostAtATimeTest {

    private static final Fault[] FAULTS = {null, null, null, Fault.MIGRATION_FAILS, Fault.MIGRATION_FAILS_PART_WAY,
        Fault.MIGRATION_HANGS};

    @Test
    void everyVmRunsOnExactlyOneHostAtEveryMoment() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            run(new Random(seed));
        }
        assertThat(MOVED.get()).as("migrations that completed").isPositive();
    }

    private static final AtomicInteger MOVED = new AtomicInteger();

    private static void run(Random random) throws Exception {
        ManualTicker ticker = new ManualTicker();
        ClusterSnapshot start = new ClusterSnapshot(
                List.of(SimulatedClusterTest.host("h1"), SimulatedClusterTest.host("h2"), SimulatedClusterTest.host("h3")),
                List.of(SimulatedClusterTest.vm("a", "h1", 1), SimulatedClusterTest.vm("b", "h1", 1),
                        SimulatedClusterTest.vm("c", "h2", 1), SimulatedClusterTest.vm("d", "h3", 1)),
                List.of());
        SimulatedCluster cluster = new SimulatedCluster(start, 5, ticker);
        List<String> hosts = cluster.hostNames();
        Map<String, CompletableFuture<?>> running = new HashMap<>();
        for (int round = 0; round < 60; round++) {
            Vm vm = start.vms().get(random.nextInt(start.vms().size()));
            if (!running.containsKey(vm.name()) || running.get(vm.name()).isDone()) {
                String from = cluster.hostOf(vm.name()).orElseThrow();
                List<String> others = new ArrayList<>(hosts);
                others.remove(from);
                String to = others.get(random.nextInt(others.size()));
                cluster.heal(vm.name());
                Fault fault = FAULTS[random.nextInt(FAULTS.length)];
                if (fault != null) {
                    cluster.inject(Failure.ofVm(vm.name(), fault));
                }
                running.put(vm.name(), migrate(cluster, vm.name(), from, to));
            }
            ticker.advance(Duration.ofMillis(random.nextInt(1500)));
            if (random.nextInt(4) == 0) {
                abortOne(cluster, random);
            }
            assertOneHostEach(cluster, start, hosts);
        }
        // The end: every migration still running is aborted or let finish.
        for (int i = 0; i < 1_000 && running.values().stream().anyMatch(m -> !m.isDone()); i++) {
            for (Vm vm : start.vms()) {
                if (cluster.migrating(vm.name())) {
                    try {
                        cluster.driver(cluster.hostOf(vm.name()).orElseThrow()).abortJob(vm.name());
                    } catch (HostException e) {
                        // it ended meanwhile
                    }
                }
            }
            ticker.advance(Duration.ofMinutes(10));
            try {
                // real time for the migration threads to see the abort or the time; not time simulated
                CompletableFuture.anyOf(running.values().toArray(CompletableFuture[]::new)).get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // a migration that started after the aborts above: the next round aborts it
            }
            running.values().removeIf(CompletableFuture::isDone);
        }
        assertThat(running.values()).as("migrations still running").allMatch(CompletableFuture::isDone);
        assertOneHostEach(cluster, start, hosts);
    }

    private static CompletableFuture<?> migrate(SimulatedCluster cluster, String vm, String from, String to) {
        // A thread per migration: a hanging one must not hold up the others.
        return CompletableFuture.runAsync(() -> {
            try {
                cluster.driver(from).migrate(vm, cluster.driver(to), MigrationParameters.defaults());
                MOVED.incrementAndGet();
            } catch (HostException e) {
                // a failure is an outcome here: the VM must still be somewhere, once
            }
        }, task -> new Thread(task, "migrate-" + vm).start());
    }

    private static void abortOne(SimulatedCluster cluster, Random random) {
        for (String vm : List.of("a", "b", "c", "d")) {
            if (cluster.migrating(vm) && random.nextBoolean()) {
                try {
                    cluster.driver(cluster.hostOf(vm).orElseThrow()).abortJob(vm);
                } catch (HostException e) {
                    // the migration ended between the question and the abort: no job left to abort
                }
                return;
            }
        }
    }

    /** Asked of every driver while holding the cluster still: a switchover cannot fall between two answers. */
    private static void assertOneHostEach(SimulatedCluster cluster, ClusterSnapshot start, List<String> hosts)
            throws HostException {
        synchronized (cluster) {
            for (Vm vm : start.vms()) {
                List<String> on = new ArrayList<>();
                for (String host : hosts) {
                    HostDriver driver = cluster.driver(host);
                    if (driver.runs(vm.name())) {
                        on.add(host);
                    }
                }
                assertThat(on).as(vm.name() + " runs on").hasSize(1);
            }
        }
    }
}
