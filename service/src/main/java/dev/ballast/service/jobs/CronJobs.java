package dev.ballast.service.jobs;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.service.FiredBy;
import dev.ballast.service.store.MissedFireClaims;
import dev.ballast.service.store.Vendor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs with a {@code schedule}, fired by Quartz: one cron trigger each, in the service's time
 * zone, kept in Quartz's JDBC job store in the service's own database (its tables come with the
 * store's Flyway migrations), so that a trigger's next fire time outlives a restart and a fire
 * missed while the service was down is known at start ({@link MissedFire} says what becomes of
 * it). A fire only queues the job on the service's worker: Quartz needs one thread.
 *
 * <p>Quartz keeps wall-clock time itself; what this class computes (first fire times, missed
 * fires) comes from the injected clock.
 *
 * <p>On PostgreSQL the job store is clustered: services sharing the database share the triggers
 * (one scheduler name, each service its own {@code AUTO} instance id), a trigger fires on one of
 * them only, and a service that stops checking in is found dead by the others after
 * {@link #CHECKIN}, its fires in flight recovered. On H2 (one service) the store is not clustered.
 * A fire missed while they were all down is caught up by one of them only, the one whose
 * {@link MissedFireClaims claim} in the store went in.
 */
public final class CronJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CronJobs.class);
    static final String GROUP = "cron";
    static final String FIRING = "ballast.firing";
    /** Every path through a cron expression of a year of seconds ends well before this. */
    private static final int MAX_WALK = 1_000_000;
    /** How often a clustered scheduler tells the others it is alive; they take over its fires after about this long. */
    static final java.time.Duration CHECKIN = java.time.Duration.ofSeconds(5);
    /** Quartz's connection providers are process-wide, by name: each scheduler gets a name of its own. */
    private static final java.util.concurrent.atomic.AtomicInteger OPENED = new java.util.concurrent.atomic.AtomicInteger();

    private final Scheduler scheduler;
    private final ServiceConfig config;
    private final Clock clock;
    private final JobFiring firing;
    private final MissedFireClaims claims;

    private CronJobs(Scheduler scheduler, ServiceConfig config, Clock clock, JobFiring firing,
            MissedFireClaims claims) {
        this.scheduler = scheduler;
        this.config = config;
        this.clock = clock;
        this.firing = firing;
        this.claims = claims;
    }

    /**
     * A Quartz scheduler on {@code db}, in standby, its triggers brought in line with the jobs:
     * a job whose schedule and zone are unchanged keeps its stored trigger (and so its next fire
     * time), a changed one gets a new trigger, a job no longer configured loses its own.
     *
     * @param name the scheduler's name in the store; services sharing a database share it
     */
    public static CronJobs open(DataSource db, String name, ServiceConfig config, Clock clock, JobFiring firing)
            throws SchedulerException {
        Scheduler scheduler = new StdSchedulerFactory(properties(db, name)).getScheduler();
        // Quartz keeps one scheduler per name and process; the service holds its own, and two
        // services in one process (tests of the cluster) must not be handed the same one.
        org.quartz.impl.SchedulerRepository.getInstance().remove(name);
        scheduler.getContext().put(FIRING, firing);
        CronJobs jobs = new CronJobs(scheduler, config, clock, firing, new MissedFireClaims(db));
        try {
            jobs.register();
        } catch (SchedulerException | RuntimeException e) {
            scheduler.shutdown(false);
            throw e;
        }
        return jobs;
    }

    private static Properties properties(DataSource db, String name) throws SchedulerException {
        // Quartz finds its connections by name in a process-wide registry; one name per scheduler.
        String dataSource = "ballast-" + name + "-" + OPENED.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return db.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool is the service's: it closes it.
            }

            @Override
            public void initialize() {
                // Nothing to set up: the pool is open.
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        String delegate = delegate(db);
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate);
        if (delegate.endsWith("PostgreSQLDelegate")) {
            p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN.toMillis()));
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        } else {
            p.setProperty("org.quartz.scheduler.instanceId", "ballast");
        }
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MissedFire.GRACE.toMillis()));
        return p;
    }

    /**
     * Quartz's SQL for the store's database: PostgreSQL keeps job data in {@code BYTEA}, which the
     * standard delegate reads as a large object and fails on.
     */
    static String delegate(DataSource db) throws SchedulerException {
        try {
            switch (Vendor.of(db)) {
                case POSTGRESQL:
                    return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
                case H2:
                default:
                    return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
            }
        } catch (SQLException e) {
            throw new SchedulerException("cannot reach the store to set up the schedules: " + e.getMessage(), e);
        }
    }

    private void register() throws SchedulerException {
        List<String> scheduled = new ArrayList<>();
        for (Job job : config.jobs()) {
            if (job.schedule() != null) {
                register(job);
                scheduled.add(job.name());
            }
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!scheduled.contains(key.getName())) {
                scheduler.deleteJob(key);
                LOG.info("job {} has no schedule any more: its trigger is removed", key.getName());
            }
        }
    }

    private void register(Job job) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(job.name(), GROUP);
        // Compared as Quartz keeps it: a zone such as Z or +02:00 is stored as UTC or GMT+02:00.
        TimeZone zone = TimeZone.getTimeZone(config.timeZone());
        if (scheduler.getTrigger(key) instanceof CronTrigger existing
                && existing.getCronExpression().equals(job.schedule())
                && existing.getTimeZone().getID().equals(zone.getID())) {
            return;
        }
        JobDetail detail = newJob(FireJob.class).withIdentity(job.name(), GROUP).storeDurably().build();
        CronTrigger trigger;
        try {
            // Quartz skips what it finds missed (do nothing); start() applies MissedFire instead.
            trigger = newTrigger().withIdentity(key).forJob(detail).startAt(Date.from(clock.instant()))
                    .withSchedule(cronSchedule(job.schedule()).inTimeZone(zone)
                            .withMisfireHandlingInstructionDoNothing())
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("job " + job.name() + ": schedule \"" + job.schedule()
                    + "\" is not a Quartz cron expression: " + e.getMessage(), e);
        }
        scheduler.scheduleJob(detail, Set.of(trigger), true);
        LOG.info("job {} scheduled \"{}\" in {}: fires next at {}", job.name(), job.schedule(), config.timeZone(),
                trigger.getNextFireTime().toInstant());
    }

    /** When the job fires next, as its stored trigger says; empty for a job without schedule. */
    public Optional<Instant> nextFire(String job) throws SchedulerException {
        if (scheduler.getTrigger(TriggerKey.triggerKey(job, GROUP)) instanceof CronTrigger trigger
                && trigger.getNextFireTime() != null) {
            return Optional.of(trigger.getNextFireTime().toInstant());
        }
        return Optional.empty();
    }

    /**
     * Fires, once each, the jobs whose stored next fire time passed while the service was down
     * (more than {@link MissedFire#GRACE} ago), when {@link MissedFire} says so; the others are
     * skipped with a line in the log. Called before {@link #start}.
     *
     * <p>Until Quartz starts, the stored trigger still says the fire is due: services sharing the
     * store that start at once all find it missed, so each fire is first claimed in the store,
     * under the trigger's stored next fire time, and fired only by the service whose claim went
     * in (a service started again before its Quartz moved the trigger on finds its own claim).
     */
    public void fireMissed() throws SchedulerException {
        Instant now = clock.instant();
        for (Job job : config.jobs()) {
            if (job.schedule() == null
                    || !(scheduler.getTrigger(TriggerKey.triggerKey(job.name(), GROUP)) instanceof CronTrigger t)
                    || t.getNextFireTime() == null
                    || !t.getNextFireTime().toInstant().isBefore(now.minus(MissedFire.GRACE))) {
                continue;
            }
            Instant missed = lastBefore(t, now);
            Optional<String> why = MissedFire.decide(missed, now, job.until(), config.timeZone());
            if (why.isPresent()) {
                Instant due = t.getNextFireTime().toInstant();
                if (claims.claim(job.name(), due, scheduler.getSchedulerInstanceId(), now)) {
                    firing.fire(job.name(), FiredBy.MISSED_SCHEDULE, why.get());
                } else {
                    LOG.info("job {} missed its fire at {} while the service was down; another service sharing the"
                            + " store fired it already (its missed fire due at {} is claimed): not fired again",
                            job.name(), missed, due);
                }
            } else {
                LOG.info("job {} missed its fire at {} while the service was down; its window closed: skipped,"
                        + " it fires next at its next time", job.name(), missed);
            }
        }
    }

    private static Instant lastBefore(CronTrigger trigger, Instant now) {
        Date last = trigger.getNextFireTime();
        Date limit = Date.from(now);
        for (int i = 0; i < MAX_WALK; i++) {
            Date next = trigger.getFireTimeAfter(last);
            if (next == null || next.after(limit)) {
                break;
            }
            last = next;
        }
        return last.toInstant();
    }

    /** Lets Quartz fire the triggers from now on. */
    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** Fires the job through Quartz at once, as its schedule would. */
    public void fireNow(String job) throws SchedulerException {
        scheduler.triggerJob(JobKey.jobKey(job, GROUP));
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("the cron scheduler did not stop cleanly: {}", e.getMessage());
        }
    }
}
