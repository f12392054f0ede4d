package dev.ballast.service.lease;

import dev.ballast.executor.Sleeper;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.ClusterAccess;
import dev.ballast.service.Gate;
import dev.ballast.service.MutableClock;
import dev.ballast.service.Service;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.LeaseTable;
import dev.ballast.service.store.MaintenanceMarks;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.simulator.ClusterGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two services, {@code a} and {@code b}, on one PostgreSQL store and one simulated cluster, each
 * with a data directory of its own (so that a run taken over finds its journal in the store, not
 * on a shared disk), each with its own run lease on the store's lease row, both on one injected
 * clock that the test moves on. Each service's executor sleeps through its own {@link Gate}, so
 * the test can hold a run in the middle of a step.
 */
final class TwoServices implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-24T22:00:00Z");
    static final ServiceConfig.Lease LEASE = new ServiceConfig.Lease(Duration.ofSeconds(30), Duration.ofSeconds(10));
    static final List<Job> JOBS = List.of(Job.onDemand("nightly", "consolidate", Mode.RECOMMEND));
    private static final SolverSettings SOLVER = new SolverSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 1L);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    /** The services' time: the lease's expiry and the store's timestamps. */
    final MutableClock clock = new MutableClock(START);
    /** The cluster's time, which migrations move on. */
    final ManualTicker ticker = new ManualTicker(START);
    final SimulatedCluster cluster = new SimulatedCluster(
            ClusterGenerator.generate(new ClusterGenerator.Options(6, 40, 0.6, 0.8, 0, 7)), 1, ticker);
    final Gate gateA = new Gate(Sleeper.following(ticker));
    final Gate gateB = new Gate(Sleeper.following(ticker));
    final Database databaseA;
    final Database databaseB;
    final Service a;
    final Service b;

    /** @param open opens the shared store once per service, as two processes would */
    TwoServices(Path dataDir, java.util.function.Supplier<Database> open) {
        databaseA = open.get();
        databaseB = open.get();
        a = service("a", dataDir.resolve("a"), databaseA, gateA);
        b = service("b", dataDir.resolve("b"), databaseB, gateB);
    }

    private Service service(String name, Path dataDir, Database database, Sleeper sleeper) {
        ClusterConfig clusterConfig = new ClusterConfig(cluster.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT,
                null, ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        ServiceConfig config = new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null,
                ServiceConfig.Http.DEFAULT, ServiceConfig.DEFAULT_COLLECT_INTERVAL, JOBS, ZoneOffset.UTC,
                ServiceConfig.DEFAULT_EXPIRY);
        ClusterAccess access = new ClusterAccess(clusterConfig, host -> cluster.driver(host.name()), cluster::snapshot,
                ticker.asClock(), sleeper);
        return new Service(config, access, new PlanStore(database.dataSource(), clock),
                new MaintenanceMarks(database.dataSource(), clock), SOLVER,
                metrics -> new SharedLease(new LeaseTable(database.dataSource()), "service-" + name, LEASE, clock,
                        metrics));
    }

    PlanStore store() {
        return b.store();
    }

    /** Waits, a bounded time, until the plan is in {@code state}; fails on a final state that is not it. */
    StoredPlan awaitState(long id, PlanState state) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            StoredPlan plan = store().find(id).orElseThrow();
            if (plan.state() == state) {
                return plan;
            }
            if (plan.state().isFinal()) {
                throw new AssertionError("plan " + id + " ended " + plan.state().key() + " (" + plan.reason()
                        + "), not " + state.key());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("plan " + id + " did not become " + state.key() + " within " + AWAIT);
    }

    /** Waits, a bounded time, until the cluster has a migration of {@code vm} under way. */
    void awaitMigrating(String vm) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!cluster.migrating(vm)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no migration of " + vm + " under way within " + AWAIT);
            }
            Thread.sleep(5);
        }
    }

    /** How many times each step of the plan was done, over all its runs. */
    Map<Integer, Long> doneByStep(long plan) {
        return store().events(plan).stream().filter(e -> e.kind().equals("step-done"))
                .collect(Collectors.groupingBy(StoredEvent::step, Collectors.counting()));
    }

    /** Steps done more than once, over all the plan's runs: what fencing must keep at zero. */
    long stepsRepeated(long plan) {
        return doneByStep(plan).values().stream().filter(times -> times > 1).count();
    }

    @Override
    public void close() {
        gateA.release();
        gateB.release();
        List<AutoCloseable> all = new ArrayList<>(List.of(a, b, databaseA, databaseB));
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("closing " + c + ": " + e.getMessage());
            }
        }
    }
}
