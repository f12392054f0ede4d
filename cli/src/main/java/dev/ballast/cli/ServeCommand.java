package dev.ballast.cli;

import dev.ballast.collector.Collector;
import dev.ballast.executor.Sleeper;
import dev.ballast.executor.SnapshotSource;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.formats.InputException;
import dev.ballast.formats.ServiceConfigReader;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.hosts.simulated.Ticker;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.ClusterAccess;
import dev.ballast.service.Service;
import dev.ballast.service.api.ApiServer;
import dev.ballast.service.jobs.Triggers;
import dev.ballast.service.api.Credentials;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.MaintenanceMarks;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoreException;
import dev.ballast.service.store.StoreSettingsException;
import dev.ballast.service.store.LeaseTable;
import dev.ballast.service.store.Vendor;
import dev.ballast.service.lease.RunLease;
import dev.ballast.service.lease.SharedLease;
import dev.ballast.service.lease.SoleLease;
import dev.ballast.simulator.ClusterGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ballast serve}: the service, its store and its HTTP API, until the process is stopped.
 * Without {@code --config}, on an embedded default: the demo's simulated cluster, the store in a
 * temporary directory, 127.0.0.1:8787, a fresh token in a file whose path it prints.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Runs the service: jobs that collect, plan with a policy and keep the plan for approval (or run",
            "it at once in auto mode), the plan store and the HTTP API under /api/v1 (see docs/api.md).",
            "Without --config it runs on a simulated cluster with built-in jobs, listening on 127.0.0.1:8787."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:the service failed (its store cannot be reached, for one)",
            "2:bad input: the service file, its cluster file, its token or password file, or an address beyond"
            + " loopback without a token file"})
final class ServeCommand extends Subcommand {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    /** The embedded default's simulated migrations run this many times faster than the pre-copy model says,
     * so that a newcomer sees a plan carried out in a minute or two rather than twenty. */
    private static final double EMBEDDED_SPEED = 10;

    /** How long the jobs' searches run; tests of the command shorten it, the command line cannot. */
    SolverSettings solver = SolverSettings.DEFAULT;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A ballast/v1 Service file, YAML or JSON (see docs/service.md).")
    Path config;

    @Override
    int run(PrintWriter out, PrintWriter err) throws Exception {
        Optional<Serving> started;
        try {
            started = start(out, err);
        } catch (StoreException e) {
            err.println("ballast serve: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        if (started.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        Serving serving = started.get();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            serving.close();
            stopped.countDown();
        }, "ballast-serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * The service, started as {@code ballast serve} starts it: its store, its jobs' triggers and
     * collector loop, its API. Closing it stops them in the reverse order.
     */
    record Serving(Database database, Service service, Triggers triggers, ApiServer server) implements AutoCloseable {

        /** The port the API listens on (the Service file's, or the one the system chose for port 0). */
        int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.close();
            triggers.close();
            service.close();
            database.close();
        }
    }

    /**
     * Starts the service on {@code --config} (or the embedded default) and returns at once, what
     * it listens on printed to {@code out}; empty, with the reason on {@code err}, on bad input.
     * {@link #run} then waits until the process is stopped; tests close it themselves.
     *
     * @throws StoreException when the store cannot be reached, refuses the login or cannot be migrated
     */
    Optional<Serving> start(PrintWriter out, PrintWriter err) throws Exception {
        ServiceConfig settings;
        ClusterAccess cluster;
        try {
            if (config == null) {
                Path dataDir = Files.createTempDirectory("ballast-serve");
                settings = embedded(dataDir);
                cluster = simulatedDemo();
                out.println("ballast serve: the embedded default — the demo's simulated cluster, store in " + dataDir);
            } else {
                settings = ServiceConfigReader.read(config);
                cluster = access(settings.cluster());
            }
        } catch (InputException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
        Credentials credentials;
        try {
            credentials = Credentials.of(settings.http(), settings.dataDir());
        } catch (Credentials.Refused e) {
            err.println("ballast serve: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
        Files.createDirectories(settings.dataDir());
        Database database;
        try {
            database = Database.of(settings.store(), settings.dataDir());
        } catch (StoreSettingsException e) {
            err.println("ballast serve: refusing to start: " + e.getMessage());
            return Optional.empty();
        }
        ServiceConfig.Lease leaseSettings = settings.store() == null ? ServiceConfig.Lease.DEFAULT
                : settings.store().lease();
        Service service = new Service(settings, cluster, new PlanStore(database.dataSource(), Clock.systemUTC()),
                new MaintenanceMarks(database.dataSource(), Clock.systemUTC()), solver, metrics ->
                        database.vendor() == Vendor.POSTGRESQL
                                ? new SharedLease(new LeaseTable(database.dataSource()), holder(settings),
                                        leaseSettings, Clock.systemUTC(), metrics)
                                : new SoleLease());
        service.beforeTakeOver(readBack);
        service.whileStandby(readBack);
        Triggers triggers;
        try {
            triggers = Triggers.of(service, database.dataSource(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("ballast serve: " + (config == null ? "" : config + ": ") + e.getMessage());
            service.close();
            database.close();
            return Optional.empty();
        }
        ApiServer server;
        try {
            // What the service left when it stopped (a plan running, one approved) goes on before anything
            // new, once it holds the run lease: at once when alone, else when the lease's holder lets it lapse.
            RunLease.Standing standing = service.keepLease();
            out.println("run lease: " + standing.why());
            triggers.start(leaseSettings.renewEvery());
            server = ApiServer.start(service, credentials.token(), settings.http().host(), settings.http().port());
        } catch (Exception e) {
            // A port already taken, say: what started so far must not outlive the refusal.
            triggers.close();
            service.close();
            database.close();
            throw e;
        }
        out.println("API: http://" + settings.http().host() + ":" + server.port() + "/api/v1 (jobs: "
                + String.join(", ", settings.jobs().stream().map(Job::name).toList()) + ")");
        out.println("store: " + database);
        out.println("token file: " + credentials.file() + (credentials.created() ? " (fresh, mode 0600)" : ""));
        out.println("try: curl -X POST -H \"Authorization: Bearer $(cat " + credentials.file() + ")\" http://"
                + settings.http().host() + ":" + server.port() + "/api/v1/jobs/" + settings.jobs().get(0).name()
                + "/run");
        out.flush();
        return Optional.of(new Serving(database, service, triggers, server));
    }

    /** This service's name in the run lease: its machine and process, unique among services sharing a store. */
    private static String holder(ServiceConfig settings) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + settings.http().port();
    }

    /** The built-in jobs of the embedded default: the jobs of docs/service.md's example, and a balance. */
    static ServiceConfig embedded(Path dataDir) {
        List<Job> jobs = List.of(
                new Job("nightly-consolidation", "consolidate", "0 0 22 * * ?", Mode.RECOMMEND, LocalTime.of(6, 0),
                        null, Duration.ZERO),
                new Job("overload-watch", "relieve", null, Mode.AUTO, null,
                        new Overload(Duration.ofMinutes(5), 0.05), Duration.ofMinutes(30)),
                Job.onDemand("balance", "balance", Mode.RECOMMEND));
        return new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null, ServiceConfig.Http.DEFAULT,
                ServiceConfig.DEFAULT_COLLECT_INTERVAL, jobs, ZoneId.systemDefault(), ServiceConfig.DEFAULT_EXPIRY);
    }

    private static ClusterAccess simulatedDemo() {
        SimulatedCluster cluster = new SimulatedCluster(ClusterGenerator.generate(ClusterGenerator.demoOptions()),
                EMBEDDED_SPEED, Ticker.system());
        ClusterConfig config = new ClusterConfig(cluster.hostConfigs(), ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT, null,
                ClusterConfig.Smoothing.DEFAULT, ClusterConfig.DEFAULT_STALE_AFTER);
        return new ClusterAccess(config, host -> cluster.driver(host.name()), cluster::snapshot, Clock.systemUTC(),
                Sleeper.system());
    }

    /**
     * What a service does on taking the run lease, and before each snapshot while it does not hold
     * it: a simulated cluster re-reads its state file, where the holder's migrations left it.
     */
    private Runnable readBack = () -> { };

    /** Puts the simulated cluster where its state file says, unless its own migrations are under way. */
    private static void adopt(SimulatedCluster simulation, Optional<ClusterSnapshot> state) {
        try {
            state.ifPresent(simulation::adopt);
        } catch (IllegalStateException e) {
            // A service that just lost the lease mid-step: its fenced run ends first, then it reads again.
            LOG.info("the simulated cluster's state file is not read back yet: {}", e.getMessage());
        }
    }

    /** The cluster file's hosts: a simulated cluster's own snapshots, or two collector samples a second apart. */
    private ClusterAccess access(Path clusterFile) throws InputException {
        ClusterConfig read = ClusterConfigReader.read(clusterFile);
        HostDrivers drivers = HostDrivers.of(read, clusterFile, Ticker.system());
        // Services in two processes share a simulated cluster through its state file: the one
        // taking the run lease starts from where the other left the cluster, and the standby
        // shows it there too (its snapshot, metrics and web page), not where it was at its start.
        drivers.simulation().ifPresent(simulation -> readBack = () -> adopt(simulation, drivers.reloadState()));
        // A simulated cluster keeps its state file up to date as it changes: a service killed
        // mid-plan finds, when started again, the migrations that finished before it died.
        drivers.simulation().ifPresent(simulation -> simulation.onChange(() -> {
            try {
                drivers.saveState();
            } catch (IOException e) {
                LOG.warn("the simulated cluster's state could not be written: {}", e.getMessage());
            }
        }));
        Clock clock = Clock.systemUTC();
        SnapshotSource snapshots = drivers.simulation().isPresent() ? drivers.simulation().get()::snapshot : () -> {
            try (Collector collector = new Collector(drivers.cluster(), clock, drivers.readOnly())) {
                collector.sample();
                Thread.sleep(1000);
                collector.sample();
                return collector.snapshot();
            }
        };
        return new ClusterAccess(drivers.cluster(), drivers.readWrite(), snapshots, clock, Sleeper.system());
    }
}
