package dev.ballast.service.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.WrongState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan's window and expiry on the simulated cluster; plans are made at 22:00 UTC. */
class LifecycleTest {

    @TempDir
    Path dataDir;
    private SimulatedService simulated;

    private SimulatedService start(LocalTime until) {
        simulated = new SimulatedService(dataDir, List.of(new Job("nightly", "consolidate", null, Mode.RECOMMEND,
                until, null, Duration.ZERO)), ZoneOffset.UTC);
        return simulated;
    }

    @AfterEach
    void stop() {
        simulated.close();
    }

    private StoredPlan plan() throws Exception {
        return simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
    }

    @Test
    void aRecommendedPlanIsSupersededOnTheTimerOnceOlderThanTheExpiry() throws Exception {
        start(null);
        StoredPlan plan = plan();

        simulated.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(simulated.service.expiry().sweep()).isZero();
        simulated.clock.advance(Duration.ofSeconds(1));
        assertThat(simulated.service.expiry().sweep()).isEqualTo(1);

        StoredPlan expired = simulated.store().find(plan.id()).orElseThrow();
        assertThat(expired.state()).isEqualTo(PlanState.SUPERSEDED);
        assertThat(expired.reason()).startsWith("older than the expiry of PT24H: made at 2026-11-24T22:00:00Z");
    }

    @Test
    void anExpiredPlanCannotBeApproved() throws Exception {
        start(null);
        StoredPlan plan = plan();
        simulated.clock.advance(Duration.ofHours(25));

        assertThatThrownBy(() -> simulated.service.approve(plan.id(), "late")).isInstanceOf(WrongState.class);
        assertThat(simulated.store().find(plan.id()).orElseThrow().state()).isEqualTo(PlanState.SUPERSEDED);
    }

    @Test
    void aPlanApprovedAfterItsWindowClosedStopsBeforeItsFirstStep() throws Exception {
        start(LocalTime.of(6, 0));
        StoredPlan plan = plan();
        simulated.ticker.advance(Duration.ofHours(9)); // 07:00

        simulated.service.approve(plan.id(), "late");
        StoredPlan stopped = simulated.awaitState(plan.id(), PlanState.STOPPED);

        assertThat(stopped.reason()).contains("stopped before step 1: the job's window closed at 2026-11-25T06:00:00Z");
        assertThat(simulated.store().events(plan.id())).extracting(StoredEvent::kind).doesNotContain("step-started");
    }

    @Test
    void aPlanStillRunningWhenItsWindowClosesStopsBetweenSteps() throws Exception {
        // The window closes a second after the plan is made: the first migration outlasts it.
        start(LocalTime.of(22, 0, 1));
        StoredPlan plan = plan();
        assertThat(plan.steps()).as("a plan of several steps").isGreaterThan(1);

        simulated.service.approve(plan.id(), "now");
        StoredPlan stopped = simulated.awaitState(plan.id(), PlanState.STOPPED);

        assertThat(stopped.reason()).contains("stopped before step 2: the job's window closed at 2026-11-24T22:00:01Z");
        assertThat(simulated.store().events(plan.id())).extracting(StoredEvent::kind)
                .containsOnlyOnce("step-started").containsOnlyOnce("step-done");
    }
}
