package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOn;
import dev.ballast.scheduler.goals.relieve.RelieveSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The time limit bounds the whole plan call: the first search, each search with standby hosts
 * woken, the repairs and the retarget share it. Checked on what the planner reports of each
 * search (when it began, what it was given, what it spent), not on the wall clock of a busy
 * machine. WakingPlanTest's cluster: hosts of 16 cores under a CPU limit of 13.6; a runs 16 cores,
 * b 12, and only a standby host has room for what must leave a.
 */
class PlanTimeLimitTest {

    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOON, ZoneOffset.UTC);
    private static final Duration LIMIT = Duration.ofSeconds(2);
    /** What the solver may overrun its own limit by: it looks at the time between steps, each of microseconds here. */
    private static final Duration SOLVER_SLACK = Duration.ofMillis(100);
    /** The unimproved limit is the whole limit, even on these small clusters: only the time limit ends a search. */
    private static final SolverSettings SETTINGS = new SolverSettings(LIMIT, LIMIT, 7L, true);

    private static Policy relieve() {
        return new Policy("relieve", new Limits(0.85, 0.95, 0.8), null, RelieveSettings.DEFAULTS);
    }

    private static ClusterSnapshot hotWithStandby() {
        return new ClusterSnapshot(
                List.of(host("a"), host("b"), host("c", HostState.STANDBY), host("d", HostState.STANDBY)),
                List.of(vm("a1", "a", 4, 4), vm("a2", "a", 4, 4), vm("a3", "a", 4, 4), vm("a4", "a", 4, 4),
                        vm("b1", "b", 4, 4), vm("b2", "b", 4, 4), vm("b3", "b", 4, 4)),
                List.of());
    }

    /** When a search was to end at the latest, counted from the start of the plan. */
    private static Duration endOf(SearchStats search) {
        return search.began().plus(search.limit());
    }

    @Test
    void everySearchOfAPlanThatWakesAHostEndsWithinTheLimit() throws Exception {
        List<SearchStats> searches = new ArrayList<>();
        MigrationPlan plan = new Planner(SETTINGS, CLOCK, searches::add).plan(hotWithStandby(), relieve());

        assertThat(plan.steps().get(0)).isInstanceOf(PowerOn.class);
        assertThat(searches).hasSizeGreaterThanOrEqualTo(2);
        // Each search is given at most what the plan's limit has left when it begins ...
        assertThat(searches).allSatisfy(s -> assertThat(endOf(s)).isLessThanOrEqualTo(LIMIT));
        // ... and the first, which cannot keep every limit without a standby host, leaves half for them.
        assertThat(searches.get(0).limit()).isLessThanOrEqualTo(LIMIT.dividedBy(2));
        Duration spent = searches.stream().map(SearchStats::spent).reduce(Duration.ZERO, Duration::plus);
        assertThat(spent).isLessThanOrEqualTo(LIMIT.plus(SOLVER_SLACK));
    }

    /** a and b well within their limits: a plan adds no breach, so no standby host is ever needed. */
    private static ClusterSnapshot quiet() {
        return new ClusterSnapshot(List.of(host("a"), host("b"), host("c", HostState.STANDBY)),
                List.of(vm("a1", "a", 4, 4), vm("b1", "b", 4, 4)), List.of());
    }

    @Test
    void aClusterThatKeepsEveryRuleGivesItsOneSearchTheWholeLimit() throws Exception {
        List<SearchStats> searches = new ArrayList<>();
        new Planner(SETTINGS, CLOCK, searches::add).plan(quiet(), relieve());

        // It may run until the plan's end less what is kept for the work after it (some 6%),
        // however long preparing it took on a cold JVM.
        assertThat(searches).hasSize(1);
        assertThat(endOf(searches.get(0))).isGreaterThan(LIMIT.multipliedBy(3).dividedBy(4));
    }

    @Test
    void aSmallClusterSearchEndsOnceNothingImproves() throws Exception {
        // 2 VMs on 3 hosts: the unimproved limit of 10 s shrinks to 250 ms, so the search stops
        // long before its limit however busy the machine (the unimproved time is wall time too).
        Duration tenSeconds = Duration.ofSeconds(10);
        List<SearchStats> searches = new ArrayList<>();
        new Planner(new SolverSettings(tenSeconds, tenSeconds, 7L), CLOCK, searches::add).plan(quiet(), relieve());

        assertThat(searches).hasSize(1);
        assertThat(endOf(searches.get(0))).isGreaterThan(tenSeconds.multipliedBy(3).dividedBy(4));
        assertThat(searches.get(0).spent()).isLessThan(tenSeconds.dividedBy(2));
    }

    @Test
    void whenTheLimitRunsOutBeforeAHostCanBeWokenThePlanSoFarIsReturned() throws Exception {
        // The ticker jumps past the limit as soon as the first search reports.
        AtomicLong jump = new AtomicLong();
        List<SearchStats> searches = new ArrayList<>();
        Planner planner = new Planner(SETTINGS, CLOCK, stats -> {
            searches.add(stats);
            jump.set(LIMIT.toNanos());
        }, progress -> { }, () -> System.nanoTime() + jump.get());

        MigrationPlan plan = planner.plan(hotWithStandby(), relieve());

        assertThat(searches).hasSize(1);
        assertThat(plan.steps()).noneMatch(PowerOn.class::isInstance);
        assertThat(plan.summary().unresolved()).isNotEmpty();
    }

    @Test
    void whenTheLimitRunsOutAfterARefusalThePlanIsRefusedSayingSo() {
        // Two new 40 GiB VMs fit on neither a nor b (56 GiB used of 60.8 allowed); a ticker that
        // moves on by the whole limit each time it is read leaves no time for a host to be woken.
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(host("a"), host("b"), host("c", HostState.STANDBY), host("d", HostState.STANDBY)),
                List.of(vm("a1", "a", 56, 1), vm("b1", "b", 56, 1), vm("n1", null, 40, 1), vm("n2", null, 40, 1)),
                List.of());
        AtomicLong time = new AtomicLong();
        Planner planner = new Planner(SETTINGS, CLOCK, stats -> { }, progress -> { },
                () -> time.addAndGet(LIMIT.toNanos()));

        assertThatThrownBy(() -> planner.plan(snapshot, relieve()))
                .isInstanceOf(NoFeasiblePlacementException.class)
                .hasMessageContaining("memory")
                .hasMessageContaining("the time limit of 2.0 s ran out before a plan with [c, d] switched on");
    }
}
