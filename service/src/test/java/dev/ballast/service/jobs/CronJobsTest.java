package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.FiredBy;
import dev.ballast.service.MutableClock;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.UnknownJob;
import dev.ballast.service.store.Database;
import dev.ballast.service.store.TestStores;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cron schedules in Quartz's JDBC job store in the service's database, on each database the
 * store runs on ({@link CronJobsOnH2Test}, {@link CronJobsOnPostgresTest}), the time injected:
 * Quartz computes the fire times from the clock the test holds; nothing waits for them to pass.
 * A service restart is a close of the scheduler and a new one on the same store.
 */
abstract class CronJobsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 21:30 in Paris (UTC+1 in November). */
    private static final Instant EVENING = Instant.parse("2026-11-24T20:30:00Z");
    private static final Instant TEN_PM = Instant.parse("2026-11-24T21:00:00Z");
    private static final String NIGHTLY = "0 0 22 * * ?";

    @TempDir
    Path dataDir;
    private TestStores.TestStore store;
    private final MutableClock clock = new MutableClock(EVENING);
    private final List<String> fired = new ArrayList<>();

    /** The database the tests run on. */
    abstract TestStores kind();

    @BeforeEach
    void freshStore() {
        store = kind().fresh(dataDir);
    }

    private static Job nightly(String schedule, LocalTime until) {
        return new Job("nightly", "consolidate", schedule, Mode.RECOMMEND, until, null, Duration.ZERO);
    }

    private ServiceConfig config(Job... jobs) {
        return new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null, ServiceConfig.Http.DEFAULT,
                ServiceConfig.DEFAULT_COLLECT_INTERVAL, List.of(jobs), PARIS, ServiceConfig.DEFAULT_EXPIRY);
    }

    private CronJobs open(Database db, ServiceConfig config) throws Exception {
        return CronJobs.open(db.dataSource(), "test-" + dataDir.getFileName(), config, clock,
                (job, firedBy, why) -> fired.add(job + " (" + firedBy.key() + "): " + why));
    }

    @Test
    void theNightlyScheduleFiresNextAtTenInTheEveningOfTheServicesZoneAndOnceADay() throws Exception {
        try (Database db = store.open(); CronJobs cron = open(db, config(nightly(NIGHTLY, null)))) {
            assertThat(cron.nextFire("nightly")).contains(TEN_PM);
            org.quartz.CronExpression expression = new org.quartz.CronExpression(NIGHTLY);
            expression.setTimeZone(java.util.TimeZone.getTimeZone(PARIS));
            // Once a day: the fire after 22:00 is 22:00 the next day.
            assertThat(expression.getNextValidTimeAfter(java.util.Date.from(TEN_PM)).toInstant())
                    .isEqualTo(TEN_PM.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void firedByQuartzTheNightlyJobMakesOneRecommendedPlan() throws Exception {
        try (SimulatedService simulated = new SimulatedService(dataDir, List.of(nightly(NIGHTLY, null)), PARIS,
                store.open());
                CronJobs cron = CronJobs.open(simulated.database.dataSource(), "test-fire", simulated.config(),
                        simulated.clock, (job, firedBy, why) -> run(simulated, job, firedBy, why))) {
            cron.start();
            cron.fireNow("nightly");

            StoredPlan plan = awaitPlan(simulated);
            assertThat(plan.state()).isEqualTo(PlanState.RECOMMENDED);
            assertThat(plan.job()).isEqualTo("nightly");
            assertThat(simulated.store().list(Optional.empty())).hasSize(1);
        }
    }

    private static void run(SimulatedService simulated, String job, FiredBy firedBy, String why) {
        try {
            simulated.service.runJob(job, firedBy, why);
        } catch (UnknownJob e) {
            throw new AssertionError(e);
        }
    }

    private static StoredPlan awaitPlan(SimulatedService simulated) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<StoredPlan> plans = simulated.store().list(Optional.empty());
            if (!plans.isEmpty()) {
                return plans.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Quartz's fire made no plan within a minute");
    }

    /** A service that ran with {@code config} and stopped: its scheduler and its pool closed. */
    private void ranAndStopped(ServiceConfig config) throws Exception {
        try (Database db = store.open()) {
            open(db, config).close();
        }
    }

    /** A service started again with {@code config} on the same store, as far as its missed fires. */
    private void restartedWith(ServiceConfig config) throws Exception {
        try (Database db = store.open(); CronJobs cron = open(db, config)) {
            cron.fireMissed();
        }
    }

    @Test
    void aRestartKeepsTheStoredNextFireTimeAndAChangedScheduleReplacesIt() throws Exception {
        ranAndStopped(config(nightly(NIGHTLY, null)));
        clock.advance(Duration.ofMinutes(20));

        try (Database db = store.open()) {
            try (CronJobs again = open(db, config(nightly(NIGHTLY, null)))) {
                assertThat(again.nextFire("nightly")).contains(TEN_PM);
            }
            try (CronJobs changed = open(db, config(nightly("0 0 23 * * ?", null)))) {
                assertThat(changed.nextFire("nightly")).contains(TEN_PM.plus(Duration.ofHours(1)));
            }
            try (CronJobs none = open(db, config(Job.onDemand("nightly", "consolidate", Mode.RECOMMEND)))) {
                assertThat(none.nextFire("nightly")).isEmpty();
            }
        }
    }

    @Test
    void aRestartInAZoneGivenAsAnOffsetKeepsTheStoredNextFireTime() throws Exception {
        // Quartz keeps Z as UTC and +01:00 as GMT+01:00: the zone must still count as unchanged.
        for (ZoneId zone : List.of(java.time.ZoneOffset.UTC, java.time.ZoneOffset.ofHours(1))) {
            ServiceConfig config = new ServiceConfig(dataDir.resolve("cluster.yaml"), dataDir, null,
                    ServiceConfig.Http.DEFAULT, ServiceConfig.DEFAULT_COLLECT_INTERVAL,
                    List.of(nightly(NIGHTLY, null)), zone, ServiceConfig.DEFAULT_EXPIRY);
            try (Database db = store.open()) {
                Instant first;
                try (CronJobs cron = open(db, config)) {
                    first = cron.nextFire("nightly").orElseThrow();
                }
                clock.advance(Duration.ofDays(2));
                try (CronJobs again = open(db, config)) {
                    assertThat(again.nextFire("nightly")).as("in zone " + zone).contains(first);
                }
            }
        }
    }

    @Test
    void aFireMissedWhileDownFiresOnceAtStartWhileItsWindowIsOpen() throws Exception {
        ranAndStopped(config(nightly(NIGHTLY, LocalTime.of(6, 0))));
        clock.advance(Duration.ofHours(5).plusMinutes(30)); // 03:00 in Paris, the window open until 06:00

        restartedWith(config(nightly(NIGHTLY, LocalTime.of(6, 0))));

        assertThat(fired).containsExactly("nightly (missed-schedule): missed its fire at " + TEN_PM
                + " while the service was down; its window is open until 2026-11-25T05:00:00Z: fires once now");
    }

    @Test
    void aFireMissedWhoseWindowHasClosedIsSkipped() throws Exception {
        ranAndStopped(config(nightly(NIGHTLY, LocalTime.of(6, 0))));
        clock.advance(Duration.ofHours(10)); // 07:30 in Paris

        restartedWith(config(nightly(NIGHTLY, LocalTime.of(6, 0))));

        assertThat(fired).isEmpty();
    }

    @Test
    void threeMissedNightsFireOnceForAJobWithoutWindow() throws Exception {
        ranAndStopped(config(nightly(NIGHTLY, null)));
        clock.advance(Duration.ofDays(3)); // 21:30 three days later: 22:00 missed three times

        restartedWith(config(nightly(NIGHTLY, null)));

        assertThat(fired).containsExactly("nightly (missed-schedule): missed its fire at "
                + TEN_PM.plus(Duration.ofDays(2)) + " while the service was down: fires once now");
    }

    @Test
    void aFireLessThanAMinuteLateIsNotMissed() throws Exception {
        ranAndStopped(config(nightly(NIGHTLY, null)));
        clock.advance(Duration.ofMinutes(30).plusSeconds(30)); // 22:00:30: Quartz fires it itself

        restartedWith(config(nightly(NIGHTLY, null)));

        assertThat(fired).isEmpty();
    }

    @Test
    void quartzReadsTheStoreWithTheDelegateOfItsDatabase() throws Exception {
        try (Database db = store.open()) {
            assertThat(CronJobs.delegate(db.dataSource())).isEqualTo(kind() == TestStores.POSTGRESQL
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                    : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        }
    }
}
