package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.service.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan store, its schema made by Flyway, on each database it runs on: {@link PlanStoreOnH2Test}
 * and {@link PlanStoreOnPostgresTest}. Each test has a store of its own.
 */
abstract class PlanStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");

    @TempDir
    Path dataDir;
    private TestStores.TestStore where;
    private Database database;
    private PlanStore store;
    private final MutableClock clock = new MutableClock(T0);

    /** The database the tests run on. */
    abstract TestStores kind();

    @BeforeEach
    void open() {
        where = kind().fresh(dataDir);
        database = where.open();
        store = new PlanStore(database.dataSource(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PlanStore.NewPlan plan(String job) {
        return new PlanStore.NewPlan(job, "consolidate", 3, 2, "{\"hostsUsedAfter\":4}", "{\"steps\":[]}",
                "{\"hosts\":[]}", null);
    }

    @Test
    void aNewPlanIsRecommendedAndReadsBackAsItWasKept() {
        StoredPlan added = store.add(plan("nightly"));

        assertThat(added.state()).isEqualTo(PlanState.RECOMMENDED);
        assertThat(store.find(added.id())).contains(added);
    }

    @Test
    void plansOutliveTheConnectionPool() {
        long id = store.add(plan("nightly")).id();
        database.close();

        database = where.open();
        store = new PlanStore(database.dataSource(), clock);

        assertThat(store.find(id)).map(StoredPlan::job).contains("nightly");
    }

    @Test
    void aPlanFollowsItsLifeToSucceededWithTheTimeOfEachChange() throws WrongState {
        long id = store.add(plan("nightly")).id();
        clock.advance(Duration.ofMinutes(5));
        store.move(id, PlanState.APPROVED, "approved through the API");
        store.move(id, PlanState.RUNNING, null);
        clock.advance(Duration.ofMinutes(1));

        StoredPlan done = store.move(id, PlanState.SUCCEEDED, "3 steps done").orElseThrow();

        assertThat(done.state()).isEqualTo(PlanState.SUCCEEDED);
        assertThat(done.reason()).isEqualTo("3 steps done");
        assertThat(done.createdAt()).isEqualTo(T0);
        assertThat(done.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(6)));
    }

    @Test
    void aWrongTransitionIsRefusedAndChangesNothing() throws WrongState {
        long id = store.add(plan("nightly")).id();
        store.move(id, PlanState.REJECTED, "not tonight");

        WrongState e = catchThrowableOfType(WrongState.class, () -> store.move(id, PlanState.APPROVED, null));

        assertThat(e.getMessage()).isEqualTo("plan " + id + " is rejected and cannot become approved"
                + " (rejected is final)");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(PlanState.REJECTED);
    }

    @Test
    void movingAPlanThatDoesNotExistFindsNothing() throws WrongState {
        assertThat(store.move(404, PlanState.APPROVED, null)).isEmpty();
    }

    @Test
    void listsPlansByState() throws WrongState {
        long first = store.add(plan("nightly")).id();
        long second = store.add(plan("watch")).id();
        store.move(first, PlanState.REJECTED, null);

        assertThat(store.list(Optional.of(PlanState.RECOMMENDED))).extracting(StoredPlan::id).containsExactly(second);
        assertThat(store.list(Optional.empty())).extracting(StoredPlan::id).containsExactly(first, second);
        assertThat(store.ofJob("watch", PlanState.RECOMMENDED)).extracting(StoredPlan::id).containsExactly(second);
    }

    @Test
    void keepsTheEventsOfAPlansRunsInOrder() {
        long id = store.add(plan("nightly")).id();
        long run = store.startRun(id);
        store.addEvent(new StoredEvent(run, T0, "run-started", null, "3 steps"));
        store.addEvent(new StoredEvent(run, T0.plusSeconds(40), "step-done", 1, "vm-1 moved"));
        store.finishRun(run, "completed", "{}");

        assertThat(store.events(id)).containsExactly(
                new StoredEvent(run, T0, "run-started", null, "3 steps"),
                new StoredEvent(run, T0.plusSeconds(40), "step-done", 1, "vm-1 moved"));
    }

    @Test
    void keepsARunsOutcomeAndReportOnceItEnds() {
        long id = store.add(plan("nightly")).id();
        long first = store.startRun(id);
        store.finishRun(first, "stopped", "{\"steps\": []}");
        long second = store.startRun(id);

        List<StoredRun> runs = store.runs(id);

        assertThat(runs).extracting(StoredRun::id).containsExactly(first, second);
        assertThat(runs.get(0).outcome()).isEqualTo("stopped");
        assertThat(runs.get(0).reportJson()).isEqualTo("{\"steps\": []}");
        assertThat(runs.get(0).finishedAt()).isNotNull();
        assertThat(runs.get(1).finishedAt()).isNull();
        assertThat(runs.get(1).outcome()).isNull();
        assertThat(runs.get(1).reportJson()).isNull();
    }

    @Test
    void aCancelRequestReachesTheRunningPlanThroughTheStoreAndOnlyARunningOne() throws WrongState {
        long running = store.add(plan("nightly")).id();
        store.move(running, PlanState.APPROVED, null);
        store.move(running, PlanState.RUNNING, null);
        long recommended = store.add(plan("watch")).id();
        clock.advance(Duration.ofMinutes(3));

        assertThat(store.requestCancel(running, "cancelled by an operator: not tonight")).isTrue();
        assertThat(store.requestCancel(recommended, "too early")).isFalse();

        // Read back through a pool of its own, as a second service sharing the store reads it.
        try (Database other = where.open()) {
            PlanStore elsewhere = new PlanStore(other.dataSource(), clock);
            assertThat(elsewhere.cancelRequest(running)).contains("cancelled by an operator: not tonight");
            assertThat(elsewhere.find(running).orElseThrow().updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
            assertThat(elsewhere.cancelRequest(recommended)).isEmpty();
        }
    }

    @Test
    void aRestartEndsOnlyTheRunsLeftUnfinishedAsInterrupted() {
        long id = store.add(plan("nightly")).id();
        long finished = store.startRun(id);
        store.finishRun(finished, "stopped", "{}");
        long cutShort = store.startRun(id);
        clock.advance(Duration.ofMinutes(10));

        assertThat(store.endInterruptedRuns(id)).isEqualTo(1);

        List<StoredRun> runs = store.runs(id);
        assertThat(runs).extracting(StoredRun::id).containsExactly(finished, cutShort);
        assertThat(runs).extracting(StoredRun::outcome).containsExactly("stopped", "interrupted");
        assertThat(runs.get(1).finishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(store.endInterruptedRuns(id)).as("nothing left to end").isZero();
    }

    @Test
    void countsThePlansOfEachJobInEachState() throws WrongState {
        store.add(plan("nightly"));
        long rejected = store.add(plan("nightly")).id();
        store.add(plan("watch"));
        store.move(rejected, PlanState.REJECTED, null);

        assertThat(store.counts()).containsExactly(
                new PlanStore.PlanCount("nightly", PlanState.RECOMMENDED, 1),
                new PlanStore.PlanCount("nightly", PlanState.REJECTED, 1),
                new PlanStore.PlanCount("watch", PlanState.RECOMMENDED, 1));
    }

    @Test
    void aTimeFinerThanTheDatabaseKeepsReadsBackAsThePlanWasReturned() {
        // Both databases keep microseconds; the system clock gives nanoseconds.
        clock.advance(Duration.ofNanos(123_456_789));

        StoredPlan added = store.add(plan("nightly"));

        assertThat(store.find(added.id())).contains(added);
        assertThat(added.createdAt()).isEqualTo(T0.plus(Duration.ofNanos(123_456_000)));
    }

    @Test
    void timesAreKeptAsInstantsWhateverTheSessionsTimeZone() throws SQLException {
        // Chatham is 13:45 ahead of UTC in November, Los Angeles 8 hours behind: no zone hides a shift.
        PlanStore writer = new PlanStore(inZone(database.dataSource(), "Pacific/Chatham"), clock);
        PlanStore reader = new PlanStore(inZone(database.dataSource(), "America/Los_Angeles"), clock);

        long id = writer.add(plan("nightly")).id();

        assertThat(reader.find(id).orElseThrow().createdAt()).isEqualTo(T0);
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT COUNT(*) FROM plans WHERE id = ? AND created_at = ?")) {
            s.setLong(1, id);
            s.setObject(2, OffsetDateTime.parse("2026-11-24T22:00:00Z"));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).as("the row holds 22:00 UTC").isEqualTo(1);
            }
        }
    }

    /** Connections of {@code db} whose session is set to {@code zone} before they are handed out. */
    private static DataSource inZone(DataSource db, String zone) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    Object result = invoke(db, method, arguments);
                    if (result instanceof Connection c) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SET TIME ZONE '" + zone + "'");
                        }
                    }
                    return result;
                });
    }

    private static Object invoke(DataSource db, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(db, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
