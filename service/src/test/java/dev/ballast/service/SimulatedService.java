package dev.ballast.service;

import dev.ballast.executor.Sleeper;
import dev.ballast.hosts.simulated.ManualTicker;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.MaintenanceMarks;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.simulator.ClusterGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A service on a small simulated cluster whose migrations run on simulated time (a
 * {@link ManualTicker} the executor's sleeper moves on), its store in a test's directory, its
 * solver held to a second: a whole job, from snapshot to a plan carried out, takes seconds.
 */
public final class SimulatedService implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-24T22:00:00Z");
    /** A recommended job and an auto one. */
    public static final List<Job> JOBS = List.of(Job.onDemand("nightly", "consolidate", Mode.RECOMMEND),
            Job.onDemand("rebalance", "balance", Mode.AUTO));
    private static final SolverSettings SOLVER = new SolverSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 1L);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    public final MutableClock clock = new MutableClock(START);
    /** The cluster's time, which migrations move on. */
    public final ManualTicker ticker = new ManualTicker(START);
    public final SimulatedCluster cluster;
    /** The executor's sleeps pass through it: a test may hold a run in the middle of a step. */
    public final Gate gate = new Gate(Sleeper.following(ticker));
    public final Database database;
    public final Service service;
    private final ServiceConfig serviceConfig;
    private final ClusterConfig clusterConfig;
    private final List<Service> restarted = new java.util.ArrayList<>();

    public SimulatedService(Path dataDir) {
        this(dataDir, JOBS, ZoneOffset.UTC);
    }

    public SimulatedService(Path dataDir, List<Job> jobs, java.time.ZoneId zone) {
        this(dataDir, jobs, zone, Database.embedded(dataDir));
    }

    /** A service whose store is {@code database} (the service closes it). */
    public SimulatedService(Path dataDir, List<Job> jobs, java.time.ZoneId zone, Database database) {
        this(dataDir, jobs, zone, database, ClusterGenerator.generate(new ClusterGenerator.Options(6, 40, 0.6, 0.8, 0, 7)));
    }

    /** A service on the cluster {@code start} rather than the generated one, its store in the data directory. */
    public SimulatedService(Path dataDir, List<Job> jobs, ClusterSnapshot start) {
        this(dataDir, jobs, ZoneOffset.UTC, Database.embedded(dataDir), start);
    }

    private SimulatedService(Path dataDir, List<Job> jobs, java.time.ZoneId zone, Database database,
            ClusterSnapshot start) {
        cluster = new SimulatedCluster(start, 1, ticker);
        clusterConfig = new ClusterConfig(cluster.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT, null,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        serviceConfig = new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null,
                ServiceConfig.Http.DEFAULT, ServiceConfig.DEFAULT_COLLECT_INTERVAL, jobs, zone,
                ServiceConfig.DEFAULT_EXPIRY);
        this.database = database;
        service = serviceOn(gate);
    }

    private Service serviceOn(Sleeper sleeper) {
        ClusterAccess access = new ClusterAccess(clusterConfig, host -> cluster.driver(host.name()), cluster::snapshot,
                ticker.asClock(), sleeper);
        return new Service(serviceConfig, access, new PlanStore(database.dataSource(), clock),
                new MaintenanceMarks(database.dataSource(), clock), SOLVER);
    }

    /**
     * A second service on the same store, data directory and cluster, as one started again after
     * the first died (its worker may be left held at the gate, never to act again); its own
     * sleeps are not gated. Closed with this one.
     */
    public Service restarted() {
        Service again = serviceOn(Sleeper.following(ticker));
        restarted.add(again);
        return again;
    }

    public ServiceConfig config() {
        return service.config();
    }

    public PlanStore store() {
        return service.store();
    }

    /** Waits, a bounded time, until the plan is in {@code state}; fails on a final state that is not it. */
    public StoredPlan awaitState(long id, PlanState state) throws InterruptedException, TimeoutException {
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
        throw new TimeoutException("plan " + id + " did not become " + state.key() + " within " + AWAIT);
    }

    @Override
    public void close() {
        restarted.forEach(Service::close);
        service.close();
        database.close();
    }
}
