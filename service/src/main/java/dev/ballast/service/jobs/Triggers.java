package dev.ballast.service.jobs;

import dev.ballast.formats.InputException;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.service.FiredBy;
import dev.ballast.service.JobPolicies;
import dev.ballast.service.Service;
import dev.ballast.service.UnknownJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes the service's jobs fire by themselves: the cron schedules ({@link CronJobs}), and the
 * collector's loop, which every {@code collect.interval} takes a snapshot (kept as the newest, for
 * the API), feeds it to each job's {@link OverloadWatch} and supersedes the recommended plans past
 * their expiry. A job that fires is queued on the service's worker.
 */
public final class Triggers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);

    /** One job's overload watch and the limits of its policy it watches. */
    private record Watched(Job job, Limits limits, OverloadWatch watch) {
    }

    private final Service service;
    private final Clock clock;
    private final CronJobs cron;
    private final List<Watched> watched;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ballast-collector");
        thread.setDaemon(true);
        return thread;
    });
    /** The lease's own thread: a slow collector round must not delay a renewal. */
    private final ScheduledExecutorService leaseTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ballast-lease");
        thread.setDaemon(true);
        return thread;
    });

    private Triggers(Service service, Clock clock, CronJobs cron, List<Watched> watched) {
        this.service = service;
        this.clock = clock;
        this.cron = cron;
        this.watched = watched;
    }

    /**
     * The triggers of the service's jobs, not started.
     *
     * @param db    the service's database: Quartz keeps its triggers there
     * @param clock the service's time (the store's)
     */
    public static Triggers of(Service service, DataSource db, Clock clock) throws SchedulerException {
        List<Watched> watched = new ArrayList<>();
        for (Job job : service.config().jobs()) {
            if (job.overload() == null) {
                continue;
            }
            try {
                Limits limits = JobPolicies.resolve(job).limits();
                watched.add(new Watched(job, limits, new OverloadWatch(job.overload(), job.cooldown())));
                service.metrics().watches(job.name(), limits);
            } catch (InputException e) {
                LOG.warn("job {} watches no overload: its policy cannot be read: {}", job.name(), e.getMessage());
            }
        }
        CronJobs cron = CronJobs.open(db, "ballast", service.config(), clock, (job, firedBy, why) -> fire(service, job, firedBy, why));
        return new Triggers(service, clock, cron, watched);
    }

    private static void fire(Service service, String job, FiredBy firedBy, String why) {
        try {
            service.runJob(job, firedBy, why);
        } catch (UnknownJob e) {
            // The store held a trigger of a job since removed; CronJobs deletes those at start.
            LOG.warn("a trigger fired for {}", e.getMessage());
        }
    }

    /**
     * Fires the jobs whose fire was missed while down (as {@link MissedFire} says), then starts
     * Quartz, the collector and the run lease's renewals, every {@code renewEvery}.
     */
    public void start(java.time.Duration renewEvery) throws SchedulerException {
        cron.fireMissed();
        cron.start();
        long every = service.config().collectInterval().toMillis();
        loop.scheduleWithFixedDelay(this::roundLogged, 0, every, TimeUnit.MILLISECONDS);
        leaseTimer.scheduleWithFixedDelay(this::keepLeaseLogged, renewEvery.toMillis(), renewEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** As {@link #start(java.time.Duration)}, for a service alone on its store: its lease needs no renewal. */
    public void start() throws SchedulerException {
        start(java.time.Duration.ofSeconds(10));
    }

    private void keepLeaseLogged() {
        try {
            service.keepLease();
        } catch (RuntimeException e) {
            // The lease says what went wrong in its standing; the timer must go on.
            LOG.warn("run lease renewal failed: {}", e.toString());
        }
    }

    private void roundLogged() {
        try {
            round();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A round that fails (a host unreachable, the store down) must not end the loop.
            LOG.warn("collector round failed: {}", e.toString());
        }
    }

    /** One round of the collector: a snapshot, the overload watches fed, the expired plans superseded. */
    public void round() throws InterruptedException {
        ClusterSnapshot snapshot = service.collect();
        // Every service collects (reads are served by all); only the one running plans fires on overload.
        boolean acting = service.lease().standing().held();
        for (Watched w : watched) {
            if (!acting) {
                continue;
            }
            Optional<String> why = w.watch().observe(clock.instant(), Excess.of(snapshot, w.limits()));
            why.ifPresent(reason -> fire(service, w.job().name(), FiredBy.OVERLOAD, reason));
        }
        service.expiry().sweep();
    }

    public CronJobs cron() {
        return cron;
    }

    @Override
    public void close() {
        leaseTimer.shutdownNow();
        loop.shutdownNow();
        cron.close();
    }
}
