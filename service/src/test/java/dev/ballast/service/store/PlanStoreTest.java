package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.service.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plan store on the embedded H2 database, its schema made by Flyway. */
class PlanStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");

    @TempDir
    Path dataDir;
    private Database database;
    private PlanStore store;
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void open() {
        database = Database.embedded(dataDir);
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

        database = Database.embedded(dataDir);
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

    @ParameterizedTest
    @EnumSource(value = PlanState.class, names = {"SUCCEEDED", "FAILED", "STOPPED", "REJECTED", "SUPERSEDED",
        "CANCELLED"})
    void finalStatesLeadNowhere(PlanState state) {
        assertThat(state.isFinal()).isTrue();
        assertThat(state.next()).isEmpty();
    }

    @Test
    void onlyAPlanNotYetRunningMayBeSupersededOrCancelled() {
        assertThat(PlanState.RECOMMENDED.mayBecome(PlanState.SUPERSEDED)).isTrue();
        assertThat(PlanState.APPROVED.mayBecome(PlanState.CANCELLED)).isTrue();
        assertThat(PlanState.RUNNING.mayBecome(PlanState.SUPERSEDED)).isFalse();
        assertThat(PlanState.RUNNING.mayBecome(PlanState.CANCELLED)).isFalse();
        assertThat(PlanState.RECOMMENDED.mayBecome(PlanState.RUNNING)).isFalse();
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
}
