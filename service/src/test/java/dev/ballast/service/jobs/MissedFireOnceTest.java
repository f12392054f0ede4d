package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.UnknownJob;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule's fire missed while every service was down is caught up once, by one service: two
 * services on one PostgreSQL store that start at the same moment make one plan between them, and a
 * service alone on H2 makes one, even when started again before its Quartz moved the trigger on.
 * The services' time is injected; Quartz is never started, so nothing fires by wall-clock time.
 */
class MissedFireOnceTest {

    private static final Job NIGHTLY = new Job("nightly", "consolidate", "0 0 22 * * ?", Mode.RECOMMEND, null, null,
            Duration.ZERO);
    /** From 22:00 to 03:00 the night after the next: at least one 22:00 fire missed, with no window to close. */
    private static final Duration DOWN = Duration.ofDays(1).plusHours(5);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    /** Each catch-up fire: the plan its service makes. */
    private final List<CompletableFuture<Optional<StoredPlan>>> fires = new CopyOnWriteArrayList<>();

    /** The service's schedules, as it opens them at start, each fire queuing its job. */
    private CronJobs cron(SimulatedService simulated) throws Exception {
        return CronJobs.open(simulated.database.dataSource(), "ballast", simulated.config(), simulated.clock,
                (job, firedBy, why) -> {
                    try {
                        fires.add(simulated.service.runJob(job, firedBy, why));
                    } catch (UnknownJob e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** The plans the catch-up fires made, once each is made. */
    private List<StoredPlan> plansMade() throws Exception {
        for (CompletableFuture<Optional<StoredPlan>> fire : fires) {
            assertThat(fire.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).as("a plan of the fire").isPresent();
        }
        return fires.stream().map(CompletableFuture::join).map(Optional::orElseThrow).toList();
    }

    @Test
    void twoServicesOnPostgresqlStartingAtOnceAfterAMissedFireFireItOnceBetweenThem() throws Exception {
        TestStores.TestStore store = TestStores.POSTGRESQL.fresh(dataDir);
        try (SimulatedService a = new SimulatedService(dataDir.resolve("a"), List.of(NIGHTLY), ZoneOffset.UTC,
                        store.open());
                SimulatedService b = new SimulatedService(dataDir.resolve("b"), List.of(NIGHTLY), ZoneOffset.UTC,
                        store.open())) {
            cron(a).close(); // the schedule was stored, then every service went down
            a.clock.advance(DOWN);
            b.clock.advance(DOWN);

            try (CronJobs cronA = cron(a); CronJobs cronB = cron(b)) {
                startAtOnce(cronA, cronB);
            }

            List<StoredPlan> made = plansMade();
            assertThat(made).as("catch-up fires of the two services").hasSize(1);
            assertThat(a.store().list(Optional.empty())).as("plans in the shared store").hasSize(1)
                    .allSatisfy(plan -> assertThat(plan.job()).isEqualTo("nightly"));
            System.out.printf("missed fire, two services starting at once on one PostgreSQL store: %d fire(s),"
                    + " %d plan(s)%n", fires.size(), a.store().list(Optional.empty()).size());
        }
    }

    /** Both services catch up their missed fires at the same moment, each on its own thread, as two processes would. */
    private static void startAtOnce(CronJobs... services) throws Exception {
        CyclicBarrier together = new CyclicBarrier(services.length);
        ExecutorService threads = Executors.newFixedThreadPool(services.length);
        try {
            List<Callable<Void>> starts = java.util.Arrays.stream(services).<Callable<Void>>map(cron -> () -> {
                together.await(AWAIT.toSeconds(), TimeUnit.SECONDS);
                cron.fireMissed();
                return null;
            }).toList();
            for (Future<Void> start : threads.invokeAll(starts, AWAIT.toSeconds(), TimeUnit.SECONDS)) {
                start.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aServiceAloneOnH2FiresAMissedFireOnceEvenStartedAgainBeforeQuartzMovedItsTriggerOn() throws Exception {
        try (SimulatedService alone = new SimulatedService(dataDir, List.of(NIGHTLY), ZoneOffset.UTC,
                TestStores.H2.fresh(dataDir).open())) {
            cron(alone).close();
            alone.clock.advance(DOWN);

            try (CronJobs first = cron(alone)) {
                first.fireMissed();
            }
            // Stopped before its Quartz started: the stored trigger still says the fire is due.
            try (CronJobs again = cron(alone)) {
                again.fireMissed();
            }

            assertThat(plansMade()).as("catch-up fires").hasSize(1);
            assertThat(alone.store().list(Optional.empty())).hasSize(1);
        }
    }
}
