package dev.ballast.service.metrics;

import dev.ballast.executor.RunEvent;
import dev.ballast.executor.RunListener;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Limits;
import dev.ballast.service.FiredBy;
import dev.ballast.service.jobs.Excess;
import dev.ballast.service.store.PlanStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics, served at {@code GET /metrics} (see {@code docs/service.md}).
 * Each is registered once, here, in the service's own registry (not the client's global one, so
 * that two services in one JVM, as in tests, keep apart). Hosts and plans are read when scraped,
 * from the newest snapshot and the store (the last figures read while the store is down, see
 * {@link StoreFigures}); migrations, runs, job runs and collector rounds are
 * counted as they happen, from the executor's events and the service's calls.
 *
 * <p>Labels hold host, job and resource names and fixed words (states, results): never a token,
 * a path or a message.
 */
public final class ServiceMetrics {

    /** Migrations take seconds to tens of minutes on a busy link. */
    private static final double[] MIGRATION_BUCKETS = {1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800};
    /** Measured over estimated time: 1 is a perfect estimate; the planner orders and prices by it. */
    private static final double[] RATIO_BUCKETS = {0.25, 0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2, 4};
    /** A plan is one migration or fifty, one after another. */
    private static final double[] PLAN_BUCKETS = {5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final StoreFigures stored;
    private final Counter migrations;
    private final Histogram migrationSeconds;
    private final Histogram estimateRatio;
    private final Histogram planSeconds;
    private final Counter jobRuns;
    private final Counter collectorRounds;
    private final Counter firings;
    private final Gauge lastCollected;
    private final Gauge leaseHeld;
    private final Gauge leaseToken;
    private final Counter leaseRenewals;
    private final Counter leaseTakeOvers;
    /** The limits of each job that watches for overload, by job name. */
    private final Map<String, Limits> watchedLimits = new ConcurrentHashMap<>();

    /**
     * @param latest the newest snapshot the service took, empty before the first
     * @param store  the plans, counted by job and state
     */
    public ServiceMetrics(Supplier<Optional<ClusterSnapshot>> latest, PlanStore store) {
        this(latest, store, () -> 0);
    }

    /**
     * @param energySavedJoules the energy the hosts the service switched off have saved since the
     *                          store began, worked out from their idle watts and the time they
     *                          stayed off
     */
    public ServiceMetrics(Supplier<Optional<ClusterSnapshot>> latest, PlanStore store,
            DoubleSupplier energySavedJoules) {
        stored = new StoreFigures(store, energySavedJoules);
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder().name("ballast_store_up")
                .help("1 when the store answered this scrape's reads, 0 when it did not: the figures read from it"
                        + " (ballast_plans, ballast_plan_awaiting_approval_seconds, ballast_energy_saved_joules)"
                        + " are then those of the last scrape it answered")
                .callback(callback -> callback.call(stored.storeUp() ? 1 : 0))
                .register(registry);
        CounterWithCallback.builder().name("ballast_energy_saved_joules")
                .help("Energy saved by the hosts the service switched off: each one's idle watts times the seconds"
                        + " it stayed off, since the store began (3.6e6 J is a kWh)")
                .callback(callback -> stored.last().ifPresent(figures -> callback.call(figures.energySavedJoules())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_host_utilisation_ratio")
                .help("Fraction of a host's capacity in use, by resource, as last collected")
                .labelNames("host", "resource")
                .callback(callback -> latest.get().ifPresent(snapshot -> {
                    Map<String, Resources> load = snapshot.currentPlacement().loadByHost(snapshot);
                    for (Host host : snapshot.hosts()) {
                        for (Resource resource : Resource.values()) {
                            double capacity = host.capacity().get(resource);
                            double used = load.getOrDefault(host.name(), Resources.ZERO).get(resource);
                            callback.call(capacity > 0 ? used / capacity : 0, host.name(), resource.key());
                        }
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_host_state")
                .help("1 for the state a host was in when last collected (active, maintenance, standby), 0 for the others")
                .labelNames("host", "state")
                .callback(callback -> latest.get().ifPresent(snapshot -> {
                    for (Host host : snapshot.hosts()) {
                        for (HostState state : HostState.values()) {
                            callback.call(host.state() == state ? 1 : 0, host.name(), state.key());
                        }
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_hosts_stale")
                .help("Hosts whose figures were out of date in the last collected snapshot")
                .callback(callback -> latest.get().ifPresent(snapshot ->
                        callback.call(snapshot.hosts().stream().filter(Host::isStale).count())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_power_kept_off_watts")
                .help("Idle watts of the hosts in standby in the last collected snapshot (150 W a host without power figures)")
                .callback(callback -> latest.get().ifPresent(snapshot -> callback.call(snapshot.hosts().stream()
                        .filter(host -> host.state() == HostState.STANDBY).mapToDouble(Host::idleWatts).sum())))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_plans")
                .help("Plans in the store, by job and state")
                .labelNames("job_name", "state")
                .callback(callback -> stored.last().ifPresent(figures -> figures.counts().forEach(count ->
                        callback.call(count.plans(), count.job(), count.state().key()))))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_plan_awaiting_approval_seconds")
                .help("Age of the oldest plan of each job waiting for approval (recommended)")
                .labelNames("job_name")
                // The age goes on from the last read while the store is down: no plan is approved meanwhile.
                .callback(callback -> stored.last().ifPresent(figures -> figures.oldestRecommended().forEach(
                        (job, since) -> callback.call(seconds(Duration.between(since, store.clock().instant())), job))))
                .register(registry);
        GaugeWithCallback.builder().name("ballast_host_over_limit_ratio")
                .help("How far each active host is over the limits of each job that watches for overload, as a"
                        + " fraction of its capacity (positive: over; negative: the room left under the nearest limit)")
                .labelNames("job_name", "host")
                .callback(callback -> latest.get().ifPresent(snapshot -> watchedLimits.forEach((job, limits) ->
                        Excess.of(snapshot, limits).forEach((host, excess) -> callback.call(excess, job, host)))))
                .register(registry);
        lastCollected = Gauge.builder().name("ballast_last_collect_timestamp_seconds")
                .help("When the service last took a snapshot, in seconds since the epoch")
                .register(registry);
        migrations = Counter.builder().name("ballast_migrations_total")
                .help("Migration steps of plans run, by result (done, skipped, failed, aborted)")
                .labelNames("result")
                .register(registry);
        migrationSeconds = Histogram.builder().name("ballast_migration_duration_seconds")
                .help("Wall time of each migration step done, as the executor measured it")
                .classicOnly().classicUpperBounds(MIGRATION_BUCKETS)
                .register(registry);
        estimateRatio = Histogram.builder().name("ballast_migration_estimate_ratio")
                .help("Measured over estimated seconds of each migration done (1: as estimated; 2: twice as long)")
                .classicOnly().classicUpperBounds(RATIO_BUCKETS)
                .register(registry);
        planSeconds = Histogram.builder().name("ballast_plan_duration_seconds")
                .help("Wall time of each run of a plan, by job and outcome (completed, stopped, refused)")
                .labelNames("job_name", "result")
                .classicOnly().classicUpperBounds(PLAN_BUCKETS)
                .register(registry);
        jobRuns = Counter.builder().name("ballast_job_runs_total")
                .help("Runs of each job, by result (planned: a plan was stored; no-plan: none, the log says why)")
                .labelNames("job_name", "result")
                .register(registry);
        firings = Counter.builder().name("ballast_trigger_firings_total")
                .help("Jobs fired, by job and by what fired them (schedule, missed-schedule, overload, maintenance,"
                        + " run-now, replan)")
                .labelNames("job_name", "trigger")
                .register(registry);
        collectorRounds = Counter.builder().name("ballast_collector_rounds_total")
                .help("Snapshots the service took")
                .register(registry);
        leaseHeld = Gauge.builder().name("ballast_run_lease_held")
                .help("1 when this service holds the run lease (it runs the plans), else 0")
                .register(registry);
        leaseToken = Gauge.builder().name("ballast_run_lease_token")
                .help("The run lease's fencing token as this service last saw it: one more at every take-over")
                .register(registry);
        leaseRenewals = Counter.builder().name("ballast_run_lease_renewals_total")
                .help("Renewals of the run lease by this service, by result (renewed; lost: another holds it;"
                        + " failed: the store could not be reached)")
                .labelNames("result")
                .register(registry);
        // Exported from zero, so that an alert on failures sees the first one as an increase.
        for (String result : new String[] {"renewed", "lost", "failed"}) {
            leaseRenewals.initLabelValues(result);
        }
        leaseTakeOvers = Counter.builder().name("ballast_run_lease_takeovers_total")
                .help("Times this service took the run lease (at start, or after its holder let it lapse)")
                .register(registry);
    }

    /** The run lease as this service last saw it. */
    public void lease(boolean held, long token) {
        leaseHeld.set(held ? 1 : 0);
        leaseToken.set(token);
    }

    /** A renewal of the run lease: {@code renewed}, {@code lost} or {@code failed}. */
    public void leaseRenewal(String result) {
        leaseRenewals.labelValues(result).inc();
    }

    /** This service took the run lease. */
    public void leaseTakenOver() {
        leaseTakeOvers.inc();
    }

    /** A job ran; {@code planned} when it stored a plan. */
    public void jobRan(String job, boolean planned) {
        jobRuns.labelValues(job, planned ? "planned" : "no-plan").inc();
    }

    /** A job fired: it is queued to make a plan. */
    public void fired(String job, FiredBy firedBy) {
        firings.labelValues(job, firedBy.key()).inc();
    }

    /** A snapshot was taken at {@code at}. */
    public void collected(Instant at) {
        collectorRounds.inc();
        lastCollected.set(seconds(Duration.between(Instant.EPOCH, at)));
    }

    /** The job watches for overload under these limits: its hosts' excess is exported. */
    public void watches(String job, Limits limits) {
        watchedLimits.put(job, limits);
    }

    /** A listener for one run of a plan of {@code job}: counts its migrations and times it. */
    public RunListener run(String job) {
        return new RunListener() {
            private Instant started;

            @Override
            public void on(RunEvent event) {
                if (event instanceof RunEvent.RunStarted) {
                    started = event.at();
                } else if (event instanceof RunEvent.RunFinished finished && started != null) {
                    planSeconds.labelValues(job, finished.report().outcome().key())
                            .observe(seconds(Duration.between(started, event.at())));
                } else if (event instanceof RunEvent.StepEvent step && step.step() instanceof Migration) {
                    migrationOutcome(step);
                }
            }
        };
    }

    private void migrationOutcome(RunEvent.StepEvent event) {
        if (event instanceof RunEvent.StepDone done) {
            migrations.labelValues("done").inc();
            if (done.measured() != null && done.measured().wallSeconds() != null) {
                migrationSeconds.observe(done.measured().wallSeconds());
                Migration migration = (Migration) done.step();
                if (migration.estimate() != null && migration.estimate().seconds() > 0) {
                    estimateRatio.observe(done.measured().wallSeconds() / migration.estimate().seconds());
                }
            }
        } else if (event instanceof RunEvent.StepSkipped) {
            migrations.labelValues("skipped").inc();
        } else if (event instanceof RunEvent.StepFailed) {
            migrations.labelValues("failed").inc();
        } else if (event instanceof RunEvent.StepAborted) {
            migrations.labelValues("aborted").inc();
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The text format's content type, with its version. */
    public String contentType() {
        return writer.getContentType();
    }

    /**
     * Writes every metric, scraped now, in Prometheus's text format; while the store is down,
     * with the figures last read from it and {@code ballast_store_up 0}.
     */
    public void write(OutputStream out) throws IOException {
        stored.refresh();
        writer.write(out, registry.scrape());
    }
}
