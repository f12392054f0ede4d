package dev.ballast.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.executor.MigrationSettings;
import dev.ballast.executor.PlanExecutor;
import dev.ballast.executor.RunReport;
import dev.ballast.formats.InputException;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.PlanWriter;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.rules.PlanCheck;
import dev.ballast.scheduler.NoFeasiblePlacementException;
import dev.ballast.scheduler.Planner;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.lease.LeaseCheck;
import dev.ballast.service.lease.RunLease;
import dev.ballast.service.lease.SoleLease;
import dev.ballast.service.lifecycle.CancelCheck;
import dev.ballast.service.lifecycle.Expiry;
import dev.ballast.service.lifecycle.WindowCheck;
import dev.ballast.service.metrics.ServiceMetrics;
import dev.ballast.service.power.PowerHistory;
import dev.ballast.service.power.WakeForecast;
import dev.ballast.service.power.WakePlans;
import dev.ballast.service.store.MaintenanceMarks;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoreException;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.WrongState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's loop: a job collects a snapshot, plans it with its policy and keeps the plan as
 * {@code recommended}, superseding the older plans of the same job that have not run; a plan runs
 * once approved (at once in {@code auto} mode), through the executor, its events stored.
 *
 * <p>All of this happens on one worker thread, in the order asked: one plan runs at a time, and
 * a job asked to run while a plan runs makes its plan after it (planning a cluster that is moving
 * would plan from where VMs were). Before a plan runs it is checked against a fresh snapshot; one
 * that no longer holds is superseded by a fresh plan of its job. A plan found running when the
 * service starts (it died during the run) runs on: the executor first squares its journal with
 * where the VMs really are. Logs say what was decided and why, one line per decision.
 *
 * <p>Of the services sharing a store, only the one holding the {@link RunLease run lease} runs
 * plans: an approved plan waits for it, and it picks up what the lease's previous holder left
 * running when it takes the lease. Every service plans, answers reads and takes approvals.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceConfig config;
    private final ClusterAccess cluster;
    private final PlanStore store;
    private final SolverSettings solver;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ballast-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final Expiry expiry;
    private final ServiceMetrics metrics;
    private final Maintenance maintenance;
    private final PowerHistory powerHistory;
    private final WakeForecast wakeForecast;
    private final RunLease lease;
    /** Approved plans queued on the worker and not yet looked at: each is queued once. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile ClusterSnapshot latest;
    private volatile Runnable beforeTakeOver = () -> { };
    private volatile Runnable whileStandby = () -> { };

    /**
     * A service alone on its store: it always holds the run lease.
     *
     * @param marks the hosts in maintenance, kept in the same store as the plans
     */
    public Service(ServiceConfig config, ClusterAccess cluster, PlanStore store, MaintenanceMarks marks,
            SolverSettings solver) {
        this(config, cluster, store, marks, solver, metrics -> new SoleLease());
    }

    /** @param lease the run lease, made with the service's metrics */
    public Service(ServiceConfig config, ClusterAccess cluster, PlanStore store, MaintenanceMarks marks,
            SolverSettings solver, Function<ServiceMetrics, RunLease> lease) {
        this.config = config;
        this.cluster = cluster;
        this.store = store;
        this.maintenance = new Maintenance(marks);
        this.solver = solver;
        this.expiry = new Expiry(store, store.clock(), config.expiry());
        this.powerHistory = new PowerHistory(store.powerSwitches());
        this.wakeForecast = new WakeForecast(store.loadHistory());
        this.metrics = new ServiceMetrics(() -> Optional.ofNullable(latest), store,
                () -> powerHistory.saved(Instant.EPOCH, store.clock().instant()).kWh() * 3.6e6);
        this.lease = lease.apply(metrics);
    }

    /**
     * What to do on taking the run lease, before what was left running is picked up: a simulated
     * cluster shared with a service in another process reads its state file afresh.
     */
    public void beforeTakeOver(Runnable action) {
        this.beforeTakeOver = action;
    }

    /**
     * What to do before each snapshot while another service holds the run lease: a simulated
     * cluster shared with a service in another process reads its state file afresh, so that the
     * standby's answers (the snapshot, the metrics, the web page) and plans show the cluster where
     * the holder's migrations left it, not where it was when this service started.
     */
    public void whileStandby(Runnable action) {
        this.whileStandby = action;
    }

    /** The run lease: whether this service runs plans. */
    public RunLease lease() {
        return lease;
    }

    /**
     * Renews or takes the run lease (the lease's timer calls it every {@code renewEvery}); on
     * taking it, picks up what was left running ({@link #recover}); while holding it, queues the
     * approved plans, whichever service approved them. Where this service stands now.
     */
    public RunLease.Standing keepLease() {
        RunLease.Standing standing = lease.refresh();
        metrics.lease(standing.held(), standing.token());
        if (standing.tookOver()) {
            beforeTakeOver.run();
            recover();
        } else if (standing.held()) {
            for (StoredPlan approved : store.list(Optional.of(PlanState.APPROVED))) {
                queue(approved.id());
            }
        }
        return standing;
    }

    private void queue(long id) {
        if (queued.add(id)) {
            worker.execute(() -> {
                queued.remove(id);
                execute(id, true);
            });
        }
    }

    /** The service's Prometheus metrics, for {@code GET /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /**
     * The energy saved in [{@code from}, {@code to}] by the hosts the service's plans switched
     * off, and the watts of those off at {@code to}.
     */
    public PowerHistory.Energy energySaved(Instant from, Instant to) {
        return powerHistory.saved(from, to);
    }

    /** Supersedes the recommended plans past the service's expiry (the jobs' timer calls it). */
    public Expiry expiry() {
        return expiry;
    }

    public ServiceConfig config() {
        return config;
    }

    public PlanStore store() {
        return store;
    }

    /** The newest snapshot taken, taking one when none was. */
    public ClusterSnapshot snapshot() throws InterruptedException {
        ClusterSnapshot snapshot = latest;
        return snapshot != null ? snapshot : collect();
    }

    /** Takes a fresh snapshot and keeps it as the newest (the collector's loop calls it). */
    public ClusterSnapshot collect() throws InterruptedException {
        if (!lease.standing().held()) {
            whileStandby.run();
        }
        ClusterSnapshot snapshot = powerHistory.marked(maintenance.marked(cluster.snapshots().snapshot()));
        wakeForecast.record(store.clock().instant(), snapshot);
        latest = snapshot;
        metrics.collected(store.clock().instant());
        return snapshot;
    }

    /**
     * Queues a run of the job: its plan, or empty when it made none (no feasible placement, a
     * policy that cannot be read: logged), once the worker gets to it.
     */
    public CompletableFuture<Optional<StoredPlan>> runJob(String name) throws UnknownJob {
        return runJob(name, FiredBy.RUN_NOW, "run now");
    }

    /** As {@link #runJob(String)}, fired by {@code firedBy}, {@code why} saying more (its schedule, the overload). */
    public CompletableFuture<Optional<StoredPlan>> runJob(String name, FiredBy firedBy, String why)
            throws UnknownJob {
        Job job = config.job(name);
        if (job == null) {
            throw new UnknownJob(name, config.jobs().stream().map(Job::name).toList());
        }
        return fire(job, firedBy, why);
    }

    private CompletableFuture<Optional<StoredPlan>> fire(Job job, FiredBy firedBy, String why) {
        LOG.info("job {} fired ({}): {}", job.name(), firedBy.key(), why);
        metrics.fired(job.name(), firedBy);
        return CompletableFuture.supplyAsync(() -> makePlan(job, true), worker);
    }

    /**
     * Picks up what the service left when it stopped, before anything else runs: a plan found
     * {@code running} runs on from where its journal and the hosts say it got to (its unfinished
     * run is ended as {@code interrupted}); a plan found {@code approved} runs as if just approved.
     * Call it once, at start, before the triggers start.
     */
    public void recover() {
        RunLease.Standing standing = lease.standing();
        if (!standing.held()) {
            LOG.info("nothing picked up: {}", standing.why());
            return;
        }
        for (StoredPlan running : store.list(Optional.of(PlanState.RUNNING))) {
            int interrupted = store.endInterruptedRuns(running.id());
            LOG.info("plan {} of job {} was running when the service stopped ({} run(s) interrupted): its journal"
                    + " is reconciled with where the VMs are, then it runs on", running.id(), running.job(),
                    interrupted);
            worker.execute(() -> carryOutLogged(running));
        }
        for (StoredPlan approved : store.list(Optional.of(PlanState.APPROVED))) {
            LOG.info("plan {} of job {} was approved and waiting to run when the service stopped: queued",
                    approved.id(), approved.job());
            queue(approved.id());
        }
    }

    /** Approves a recommended plan and queues its run; the plan as approved. */
    public Optional<StoredPlan> approve(long id, String why) throws WrongState {
        expiry.check(id);
        Optional<StoredPlan> approved = store.move(id, PlanState.APPROVED, why);
        approved.ifPresent(plan -> {
            LOG.info("plan {} of job {} approved ({}); queued to run", id, plan.job(), why);
            queue(id);
        });
        return approved;
    }

    public Optional<StoredPlan> reject(long id, String why) throws WrongState {
        Optional<StoredPlan> rejected = store.move(id, PlanState.REJECTED, why);
        rejected.ifPresent(plan -> LOG.info("plan {} of job {} rejected ({})", id, plan.job(), why));
        return rejected;
    }

    /**
     * Cancels a plan not yet running; a running plan is asked to stop before its next step (the
     * step under way runs to its end) and ends {@code stopped}. The plan as it is now.
     */
    public Optional<StoredPlan> cancel(long id, String why) throws WrongState {
        Optional<StoredPlan> plan = store.find(id);
        if (plan.isPresent() && plan.get().state() == PlanState.RUNNING && store.requestCancel(id, why)) {
            LOG.info("plan {} of job {} asked to stop before its next step ({})", id, plan.get().job(), why);
            return store.find(id);
        }
        Optional<StoredPlan> cancelled = store.move(id, PlanState.CANCELLED, why);
        cancelled.ifPresent(p -> LOG.info("plan {} of job {} cancelled ({})", id, p.job(), why));
        return cancelled;
    }

    /** The job name of the evacuation plans made when a host enters maintenance. */
    public static final String MAINTENANCE_JOB = "maintenance";
    /** The policy of those plans: it empties hosts in maintenance with the fewest moves and moves nothing else. */
    public static final String MAINTENANCE_POLICY = "relieve";

    /**
     * Puts a host into maintenance for every snapshot the service takes from now on, and queues
     * its evacuation plan: a {@code relieve} plan of job {@value #MAINTENANCE_JOB} that empties
     * every host in maintenance, kept as recommended or run at once as {@code mode} says. It
     * supersedes the older evacuation plans not yet running.
     */
    public CompletableFuture<Optional<StoredPlan>> enterMaintenance(String host, Mode mode)
            throws UnknownHost, MaintenanceConflict, InterruptedException {
        HostState state = stateOf(host);
        if (state == HostState.MAINTENANCE || !maintenance.enter(host)) {
            throw new MaintenanceConflict("host " + host + " is already in maintenance");
        }
        latest = maintenance.marked(snapshot());
        LOG.info("host {} put into maintenance (was {}); its evacuation plan is queued", host, state.key());
        return evacuate(mode, "host " + host + " entered maintenance");
    }

    /**
     * Takes a host out of maintenance. The evacuation plans not yet running are superseded: by a
     * fresh one when other hosts stay in maintenance, else by nothing.
     */
    public void exitMaintenance(String host) throws UnknownHost, MaintenanceConflict, InterruptedException {
        HostState state = stateOf(host);
        if (!maintenance.exit(host)) {
            throw new MaintenanceConflict(state == HostState.MAINTENANCE
                    ? "host " + host + " is in maintenance by the cluster's own snapshot, not by the service:"
                            + " the service cannot take it out"
                    : "host " + host + " is not in maintenance");
        }
        LOG.info("host {} taken out of maintenance", host);
        if (!maintenance.hosts().isEmpty()) {
            evacuate(Mode.RECOMMEND, "host " + host + " left maintenance; " + maintenance.hosts() + " stay");
            return;
        }
        worker.execute(() -> {
            for (PlanState pending : List.of(PlanState.RECOMMENDED, PlanState.APPROVED)) {
                for (StoredPlan older : store.ofJob(MAINTENANCE_JOB, pending)) {
                    try {
                        store.move(older.id(), PlanState.SUPERSEDED, "host " + host + " left maintenance");
                        LOG.info("plan {} superseded: host {} left maintenance", older.id(), host);
                    } catch (WrongState e) {
                        LOG.info("plan {} not superseded: {}", older.id(), e.getMessage());
                    }
                }
            }
        });
    }

    /** The hosts put into maintenance through the service, by name. */
    public java.util.SortedSet<String> hostsInMaintenance() {
        return maintenance.hosts();
    }

    private HostState stateOf(String host) throws UnknownHost, InterruptedException {
        return snapshot().host(host).map(Host::state).orElseThrow(() -> new UnknownHost(host));
    }

    private CompletableFuture<Optional<StoredPlan>> evacuate(Mode mode, String why) {
        return fire(Job.onDemand(MAINTENANCE_JOB, MAINTENANCE_POLICY, mode), FiredBy.MAINTENANCE, why);
    }

    /**
     * The policy a stored plan was made with, read again: its job's (a policy file is named by
     * its path in the Service file, while the plan keeps the name inside the file), or the one the
     * plan names when its job is gone or is the service's own.
     */
    public Policy policyOf(StoredPlan plan) throws InputException {
        return JobPolicies.resolve(jobOf(plan));
    }

    /** The job that made a stored plan: a configured one, or the evacuation job (its plans wait for approval). */
    private Job jobOf(StoredPlan plan) {
        Job job = config.job(plan.job());
        return job != null ? job : Job.onDemand(plan.job(), plan.policy(), Mode.RECOMMEND);
    }

    /** @param mayReplan whether an auto plan that no longer holds when it is about to run may be made again */
    private Optional<StoredPlan> makePlan(Job job, boolean mayReplan) {
        try {
            ClusterSnapshot snapshot = collect();
            Policy policy = JobPolicies.resolve(job);
            MigrationPlan plan = WakePlans.names(job.policy()) ? wakePlan(snapshot, policy)
                    : new Planner(solver, store.clock(), stats -> { }).plan(snapshot, policy);
            String planJson = PlanWriter.toJson(plan);
            StoredPlan stored = store.add(new PlanStore.NewPlan(job.name(), policy.name(), plan.steps().size(),
                    plan.migrations().size(), figures(planJson), planJson, SnapshotWriter.toJson(snapshot), null));
            LOG.info("job {} made plan {} with policy {}: {} steps, {} migrations, hosts used {} -> {}", job.name(),
                    stored.id(), policy.name(), stored.steps(), stored.migrations(),
                    plan.summary() == null ? "?" : plan.summary().hostsUsedBefore(),
                    plan.summary() == null ? "?" : plan.summary().hostsUsedAfter());
            metrics.jobRan(job.name(), true);
            supersedeOlder(stored);
            if (job.mode() == Mode.AUTO) {
                store.move(stored.id(), PlanState.APPROVED, "job " + job.name() + " runs in auto mode");
                LOG.info("plan {} approved: job {} runs in auto mode", stored.id(), job.name());
                execute(stored.id(), mayReplan);
            }
            return store.find(stored.id());
        } catch (NoFeasiblePlacementException e) {
            metrics.jobRan(job.name(), false);
            LOG.warn("job {} made no plan: no placement satisfies policy {}: {}", job.name(), job.policy(),
                    String.join("; ", e.reasons()));
        } catch (InputException e) {
            metrics.jobRan(job.name(), false);
            LOG.warn("job {} made no plan: its policy cannot be read: {}", job.name(), e.getMessage());
        } catch (WrongState e) {
            LOG.warn("job {}: {}", job.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** The plan of a wake job: for {@code wake}, for the load forecast from the day before. */
    private MigrationPlan wakePlan(ClusterSnapshot snapshot, Policy policy) {
        Optional<Resources> forecast = Optional.empty();
        if (!WakePlans.ALL.equals(policy.name())) {
            forecast = wakeForecast.at(store.clock().instant(), snapshot);
            LOG.info("policy {}: forecast load {}", policy.name(), forecast.map(Object::toString)
                    .orElse("unknown: nothing recorded for the coming hour yesterday; every standby host is woken"));
        }
        return WakePlans.plan(snapshot, policy, forecast);
    }

    /** A newer plan of the same job replaces those not yet running, as Watcher's audits do. */
    private void supersedeOlder(StoredPlan newer) {
        for (PlanState state : List.of(PlanState.RECOMMENDED, PlanState.APPROVED)) {
            for (StoredPlan older : store.ofJob(newer.job(), state)) {
                if (older.id() == newer.id()) {
                    continue;
                }
                try {
                    store.move(older.id(), PlanState.SUPERSEDED, "superseded by plan " + newer.id()
                            + " of the same job");
                    LOG.info("plan {} of job {} superseded by plan {}", older.id(), newer.job(), newer.id());
                } catch (WrongState e) {
                    // It moved on meanwhile (approved and started): it is no longer ours to supersede.
                    LOG.info("plan {} not superseded: {}", older.id(), e.getMessage());
                }
            }
        }
    }

    /**
     * Runs an approved plan, after the plan check: checked against a fresh snapshot, a plan that no
     * longer holds is superseded, and a fresh plan of its job made in its place (once: a fresh
     * plan that does not hold either is superseded and left so).
     */
    private void execute(long id, boolean mayReplan) {
        Optional<StoredPlan> approved = store.find(id);
        if (approved.isEmpty() || approved.get().state() != PlanState.APPROVED) {
            // Cancelled or superseded while it waited for the worker.
            LOG.info("plan {} not run: it is {}", id, approved.map(p -> p.state().key()).orElse("gone"));
            return;
        }
        StoredPlan plan = approved.get();
        RunLease.Standing standing = lease.standing();
        if (!standing.held()) {
            LOG.info("plan {} of job {} stays approved for the service that holds the run lease: {}", id,
                    plan.job(), standing.why());
            return;
        }
        Optional<String> stale;
        try {
            stale = planCheck(plan);
        } catch (InputException e) {
            moveLogged(plan, PlanState.CANCELLED, "the plan check could not be made: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (stale.isPresent()) {
            String why = "the plan no longer holds on the cluster as it is now: " + stale.get();
            if (!moveLogged(plan, PlanState.SUPERSEDED, why + (mayReplan ? "; a fresh plan replaces it" : ""))) {
                return;
            }
            if (mayReplan) {
                Job job = jobOf(plan);
                LOG.info("job {} fired ({}): plan {} no longer holds", job.name(), FiredBy.REPLAN.key(), id);
                metrics.fired(job.name(), FiredBy.REPLAN);
                makePlan(job, false);
            }
            return;
        }
        try {
            store.move(id, PlanState.RUNNING, null);
        } catch (WrongState e) {
            LOG.info("plan {} not run: {}", id, e.getMessage());
            return;
        }
        carryOutLogged(plan);
    }

    /** Whether the plan still holds on a fresh snapshot: the first step that would break a rule, or empty. */
    private Optional<String> planCheck(StoredPlan stored) throws InputException, InterruptedException {
        MigrationPlan plan = PlanReader.parse(stored.planJson(), "plan " + stored.id());
        Policy policy = policyOf(stored);
        return PlanCheck.firstProblem(collect(), policy, plan, store.clock().instant())
                .map(PlanCheck.Problem::toString);
    }

    private boolean moveLogged(StoredPlan plan, PlanState to, String why) {
        try {
            store.move(plan.id(), to, why);
            LOG.info("plan {} of job {} {}: {}", plan.id(), plan.job(), to.key(), why);
            return true;
        } catch (WrongState e) {
            LOG.info("plan {} not {}: {}", plan.id(), to.key(), e.getMessage());
            return false;
        }
    }

    /** Runs a plan in state {@code running} to its end, and moves it to the state its run ended in. */
    private void carryOutLogged(StoredPlan plan) {
        LeaseCheck fence = new LeaseCheck(lease, lease.standing().token());
        try {
            carryOutFenced(plan, fence);
        } catch (StoreException e) {
            // The store went away mid-run: the run stops (its events cannot be kept), the plan stays
            // running, and the service that holds the lease when the store is back reconciles it.
            LOG.warn("plan {} of job {} left running: {}; the service holding the run lease once the store answers"
                    + " again reconciles it", plan.id(), plan.job(), e.getMessage());
        }
    }

    private void carryOutFenced(StoredPlan plan, LeaseCheck fence) {
        long id = plan.id();
        long run = store.startRun(id);
        PlanState end;
        String why;
        try {
            WindowCheck window = WindowCheck.of(plan, config, cluster.clock());
            CancelCheck cancel = new CancelCheck(store, id);
            RunReport report = carryOut(plan, run, fence, step -> fence.stopBefore(step)
                    .or(() -> cancel.stopBefore(step)).or(() -> window.stopBefore(step)));
            if (fence.lost().isPresent() || fence.stillHeld().isPresent()) {
                // Fencing: the lease's new holder owns the plan now and reconciles where this run left it.
                LOG.warn("plan {} of job {} left running for the service that holds the run lease now: this one"
                        + " stopped after step {}: {}", id, plan.job(), report.getDone(), fence.lost().get());
                return;
            }
            store.finishRun(run, report.outcome().key(), report.toJson());
            end = report.outcome() == RunReport.Outcome.COMPLETED ? PlanState.SUCCEEDED
                    : window.closed() || cancel.asked() ? PlanState.STOPPED : PlanState.FAILED;
            why = report.getDone() + " steps done, "
                    + (report.getDoneEarlier() == 0 ? "" : report.getDoneEarlier() + " done by an earlier run, ")
                    + report.getSkipped() + " skipped, " + report.getFailed()
                    + " failed (" + report.outcome().key() + ")"
                    + (report.reason() == null ? "" : ": " + report.reason());
        } catch (InputException | PlanExecutor.BadInput | IOException | RuntimeException e) {
            if (fence.lost().isPresent() || fence.stillHeld().isPresent()) {
                LOG.warn("plan {} of job {} left running for the service that holds the run lease now: this one's"
                        + " run broke off ({}) after losing the lease: {}", id, plan.job(), e.getMessage(),
                        fence.lost().get());
                return;
            }
            store.finishRun(run, "error", null);
            end = PlanState.FAILED;
            why = "the run could not go on: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = PlanState.STOPPED;
            why = "the service stopped during the run";
        }
        moveLogged(plan, end, why);
    }

    private RunReport carryOut(StoredPlan stored, long run, LeaseCheck fence, PlanExecutor.Between between)
            throws InputException, IOException, PlanExecutor.BadInput, InterruptedException {
        MigrationPlan plan = PlanReader.parse(stored.planJson(), "plan " + stored.id());
        Policy policy = policyOf(stored);
        Path runs = Files.createDirectories(config.dataDir().resolve("runs"));
        // The executor journals against the plan file's digest, as apply does.
        Path planFile = Files.writeString(runs.resolve("plan-" + stored.id() + ".json"), stored.planJson());
        Path journal = runs.resolve("plan-" + stored.id() + ".journal.jsonl");
        // A run another service started left its journal in the store: it is what gets reconciled.
        JournalCopy.restore(store.journals(), stored.id(), journal);
        PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan, policy, cluster.config(),
                MigrationSettings.defaults(), journal, false, true);
        // Its pre-flight sees the hosts put into maintenance, and when hosts were switched on, as the planner did.
        return new PlanExecutor(cluster.clock(), cluster.sleeper(), cluster.drivers(),
                () -> powerHistory.marked(maintenance.marked(cluster.snapshots().snapshot())))
                .run(request, question -> true, List.of(
                        new JournalCopy(store.journals(), stored.id(), fence.token(), journal),
                        fence.guard(new StoreListener(store, run)), fence.guard(metrics.run(stored.job())),
                        fence.guard(powerHistory.listener(() -> Optional.ofNullable(latest)))), between);
    }

    private static String figures(String planJson) {
        try {
            JsonNode summary = JSON.readTree(planJson).get("summary");
            return summary == null ? "null" : JSON.writeValueAsString(summary);
        } catch (IOException e) {
            throw new IllegalStateException("a plan the planner wrote does not parse", e);
        }
    }

    /** Stops taking work and waits a little for the current step's end; a plan cut short is reconciled next time. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.release();
    }
}
