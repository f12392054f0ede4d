package dev.ballast.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's loop on a simulated cluster: job, plan, approval, run, supersession. */
class ServiceTest {

    @TempDir
    Path dataDir;
    private SimulatedService simulated;

    @BeforeEach
    void start() {
        simulated = new SimulatedService(dataDir);
    }

    @AfterEach
    void stop() {
        simulated.close();
    }

    private StoredPlan run(String job) throws Exception {
        return simulated.service.runJob(job).get(60, TimeUnit.SECONDS).orElseThrow();
    }

    @Test
    void aRecommendJobKeepsItsPlanForApprovalWithTheSnapshotItWasMadeFrom() throws Exception {
        StoredPlan plan = run("nightly");

        assertThat(plan.state()).isEqualTo(PlanState.RECOMMENDED);
        assertThat(plan.policy()).isEqualTo("consolidate");
        assertThat(SnapshotReader.parse(plan.snapshotJson(), "snapshot").hosts()).hasSize(6);
        assertThat(PlanReader.parse(plan.planJson(), "plan").policy()).isEqualTo("consolidate");
        assertThat(plan.migrations()).as("the generated cluster has idle hosts to empty").isPositive();
    }

    @Test
    void anApprovedPlanRunsToSucceededAndItsEventsAreKept() throws Exception {
        StoredPlan plan = run("nightly");

        simulated.service.approve(plan.id(), "looks good");
        StoredPlan done = simulated.awaitState(plan.id(), PlanState.SUCCEEDED);

        assertThat(done.reason()).contains(plan.steps() + " steps done").contains("0 failed");
        assertThat(simulated.store().events(plan.id())).extracting(StoredEvent::kind)
                .startsWith("run-started").contains("step-done").endsWith("run-finished");
        PlanReader.parse(plan.planJson(), "plan").placement().hostOfVm().forEach((vm, host) ->
                assertThat(simulated.cluster.hostOf(vm)).as(vm).contains(host));
    }

    @Test
    void anAutoJobRunsItsPlanAtOnce() throws Exception {
        StoredPlan plan = run("rebalance");

        assertThat(plan.state()).isEqualTo(PlanState.SUCCEEDED);
    }

    @Test
    void aNewerPlanOfTheSameJobSupersedesTheOlderOneNotYetRun() throws Exception {
        StoredPlan older = run("nightly");

        StoredPlan newer = run("nightly");

        StoredPlan superseded = simulated.store().find(older.id()).orElseThrow();
        assertThat(superseded.state()).isEqualTo(PlanState.SUPERSEDED);
        assertThat(superseded.reason()).isEqualTo("superseded by plan " + newer.id() + " of the same job");
        assertThat(simulated.store().list(Optional.of(PlanState.RECOMMENDED))).extracting(StoredPlan::id)
                .containsExactly(newer.id());
    }
}
