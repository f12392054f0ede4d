package dev.ballast.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan's life past its approval, on a simulated cluster: the plan check before it runs, a
 * cancel while it runs, and a service that died during a run and was started again.
 */
class PlanLifeTest {

    @TempDir
    Path dataDir;
    private SimulatedService simulated;

    @BeforeEach
    void start() {
        simulated = new SimulatedService(dataDir);
    }

    @AfterEach
    void stop() {
        simulated.gate.release();
        simulated.close();
    }

    private StoredPlan nightly() throws Exception {
        StoredPlan plan = simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        assertThat(plan.migrations()).as("the generated cluster has idle hosts to empty").isGreaterThan(2);
        return plan;
    }

    private static MigrationPlan parsed(StoredPlan plan) throws Exception {
        return PlanReader.parse(plan.planJson(), "plan " + plan.id());
    }

    @Test
    void anApprovedPlanThatNoLongerHoldsIsSupersededByAFreshPlanOfItsJob() throws Exception {
        StoredPlan plan = nightly();
        Migration first = parsed(plan).migrations().get(0);
        // The host its first migration goes to is put into maintenance meanwhile.
        simulated.service.enterMaintenance(first.to(), Mode.RECOMMEND).get(60, TimeUnit.SECONDS);

        simulated.service.approve(plan.id(), "looks good");

        StoredPlan superseded = simulated.awaitState(plan.id(), PlanState.SUPERSEDED);
        assertThat(superseded.reason()).startsWith("the plan no longer holds on the cluster as it is now: step ")
                .contains(first.to()).endsWith("; a fresh plan replaces it");
        assertThat(simulated.store().events(plan.id())).as("nothing of it ran").isEmpty();
        StoredPlan fresh = awaitPlanOfNightlyAfter(plan.id());
        assertThat(fresh.state()).as("the job waits for approval, so does its fresh plan")
                .isEqualTo(PlanState.RECOMMENDED);
        assertThat(parsed(fresh).migrations()).extracting(Migration::to).doesNotContain(first.to());
    }

    @Test
    void cancellingARunningPlanLetsTheStepUnderWayEndAndStopsItBeforeTheNext() throws Exception {
        StoredPlan plan = nightly();
        Migration first = parsed(plan).migrations().get(0);
        simulated.gate.hold();
        simulated.service.approve(plan.id(), "looks good");
        assertThat(simulated.gate.awaitReached(Duration.ofSeconds(60))).as("the run reached its first step").isTrue();

        StoredPlan asked = simulated.service.cancel(plan.id(), "change freeze").orElseThrow();
        assertThat(asked.state()).isEqualTo(PlanState.RUNNING);
        assertThat(asked.cancelRequested()).isEqualTo("change freeze");
        simulated.gate.release();

        StoredPlan stopped = simulated.awaitState(plan.id(), PlanState.STOPPED);
        assertThat(stopped.reason()).contains("stopped before step 2: cancelled while running: change freeze");
        assertThat(simulated.store().events(plan.id())).extracting(StoredEvent::kind)
                .containsOnlyOnce("step-started").containsOnlyOnce("step-done");
        assertThat(simulated.cluster.hostOf(first.vm())).contains(first.to());
        Migration second = parsed(plan).migrations().get(1);
        assertThat(simulated.cluster.hostOf(second.vm())).contains(second.from());
    }

    @Test
    void aPlanRunningWhenTheServiceDiedRunsOnOnceItsJournalIsReconciledAndNoStepRunsTwice() throws Exception {
        StoredPlan plan = nightly();
        MigrationPlan steps = parsed(plan);
        Migration first = steps.migrations().get(0);
        simulated.gate.hold();
        simulated.service.approve(plan.id(), "looks good");
        assertThat(simulated.gate.awaitReached(Duration.ofSeconds(60))).as("the run reached its first step").isTrue();
        // The service dies here: its worker never moves again, and the migration under way dies
        // with it, as a migration driven by a client that is gone does.
        awaitMigrating(first.vm());
        simulated.cluster.driver(first.from()).abortJob(first.vm());

        Service again = simulated.restarted();
        again.recover();

        StoredPlan done = simulated.awaitState(plan.id(), PlanState.SUCCEEDED);
        assertThat(done.reason()).contains(plan.steps() + " steps done");
        List<StoredEvent> events = simulated.store().events(plan.id());
        assertThat(events).filteredOn(e -> e.kind().equals("reconciled")).extracting(StoredEvent::step)
                .containsExactly(1);
        Map<Integer, Long> doneByStep = events.stream().filter(e -> e.kind().equals("step-done"))
                .collect(Collectors.groupingBy(StoredEvent::step, Collectors.counting()));
        assertThat(doneByStep).as("every step done once, none twice").hasSize(plan.steps())
                .allSatisfy((step, times) -> assertThat(times).as("step " + step).isEqualTo(1));
        steps.placement().hostOfVm().forEach((vm, host) -> assertThat(simulated.cluster.hostOf(vm)).as(vm)
                .contains(host));
        assertThat(Files.readString(dataDir.resolve("runs").resolve("plan-" + plan.id() + ".journal.jsonl")))
                .as("the journal of both runs").contains("\"reconciled\"");
    }

    @Test
    void aPlanApprovedWhenTheServiceDiedRunsAfterTheRestart() throws Exception {
        StoredPlan plan = nightly();
        // Approved, but the service died before its worker got to it: the store alone says so.
        simulated.store().move(plan.id(), PlanState.APPROVED, "approved just before the service died");

        simulated.restarted().recover();

        simulated.awaitState(plan.id(), PlanState.SUCCEEDED);
    }

    @Test
    void hostsPutIntoMaintenanceStayThereWhenTheServiceStartsAgain() throws Exception {
        String host = simulated.service.snapshot().hosts().get(0).name();
        simulated.service.enterMaintenance(host, Mode.RECOMMEND).get(60, TimeUnit.SECONDS);

        Service again = simulated.restarted();

        assertThat(again.hostsInMaintenance()).containsExactly(host);
        assertThat(again.collect().host(host).orElseThrow().state()).isEqualTo(HostState.MAINTENANCE);
        again.exitMaintenance(host);
        assertThat(simulated.service.hostsInMaintenance()).as("one store, one set of marks").isEmpty();
    }

    /** The migration is started on its own thread: wait, a bounded time, until the cluster has its job. */
    private void awaitMigrating(String vm) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!simulated.cluster.migrating(vm)) {
            assertThat(System.nanoTime()).as("a migration of " + vm + " under way within a minute").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private StoredPlan awaitPlanOfNightlyAfter(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StoredPlan> fresh = simulated.store().list(Optional.empty()).stream()
                    .filter(p -> p.id() > id && p.job().equals("nightly")).findFirst();
            if (fresh.isPresent()) {
                return fresh.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no fresh plan of job nightly within a minute");
    }
}
