package dev.ballast.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease holder hangs (stopped, not dead) in the middle of a migration, which libvirt carries
 * on without it. The service that takes the lease over finds the migration still under way,
 * waits for it to end (or aborts it at the step's time limit) and records the step by where the
 * VM then is; the hung holder, when it resumes, writes nothing and starts no migration. Two
 * services on one PostgreSQL store and one simulated cluster; the hung holder is {@code a}, held
 * at its executor's next look at its migration ({@link dev.ballast.service.Gate}), while its
 * migration goes on on a thread of its own, moved on by {@code b}'s waiting on the simulated time.
 */
class HungHolderTest {

    @TempDir
    Path dataDir;
    private TwoServices two;
    /** Every VM that changed host, in order, as the cluster moved it: "vm-07 -> host-03". */
    private final List<String> moves = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        TestStores.TestStore store = TestStores.POSTGRESQL.fresh(dataDir);
        two = new TwoServices(dataDir, store::open);
        java.util.Map<String, String> last = new java.util.HashMap<>();
        two.cluster.snapshot().vms().forEach(vm -> last.put(vm.name(), vm.host()));
        two.cluster.onChange(() -> two.cluster.snapshot().vms().forEach(vm -> {
            if (!vm.host().equals(last.put(vm.name(), vm.host()))) {
                moves.add(vm.name() + " -> " + vm.host());
            }
        }));
    }

    @AfterEach
    void stop() {
        two.close();
    }

    @Test
    void theTakerWaitsForTheHungHoldersMigrationToEndAndRecordsTheStepDone() throws Exception {
        Hung hung = hangDuringTheFirstMigration();

        takeOver();
        StoredPlan done = two.awaitState(hung.plan.id(), PlanState.SUCCEEDED);
        String reconciled = reconciledMessage(hung.plan.id());
        resumeTheHungHolder(hung);

        assertThat(reconciled).matches("left unfinished by an earlier run: done: " + hung.first.vm() + " "
                + hung.first.from() + " -> " + hung.first.to() + " was still migrating when this run began: waited"
                + " \\d+\\.\\d s, it ended; " + hung.first.vm() + " runs on " + hung.first.to() + ": recorded done");
        assertThat(done.reason()).contains((hung.plan.steps() - 1) + " steps done, 1 done by an earlier run");
        assertThat(two.doneByStep(hung.plan.id())).as("step-done events: step 1 is the reconciliation's")
                .doesNotContainKey(1).hasSize(hung.plan.steps() - 1);
        assertThat(two.stepsRepeated(hung.plan.id())).isZero();
        assertThat(moves).as("each migration of the plan once, the hung holder's included")
                .containsExactlyInAnyOrderElementsOf(planned(hung.steps));
        hung.steps.placement().hostOfVm().forEach((vm, host) -> assertThat(two.cluster.hostOf(vm)).as(vm)
                .contains(host));
    }

    @Test
    void aMigrationThatOutlivesTheStepsTimeLimitIsAbortedRecordedNotDoneAndRunAgainByTheTaker() throws Exception {
        Hung hung = hangDuringTheFirstMigration(Fault.MIGRATION_HANGS);

        takeOver();
        StoredPlan done = two.awaitState(hung.plan.id(), PlanState.SUCCEEDED);
        String reconciled = reconciledMessage(hung.plan.id());
        resumeTheHungHolder(hung);

        assertThat(reconciled).matches("left unfinished by an earlier run: not-done: " + hung.first.vm() + " "
                + hung.first.from() + " -> " + hung.first.to() + " was still migrating when this run began: waited"
                + " \\d+\\.\\d s, past the step's time limit of 10m; aborted it, it ended; " + hung.first.vm()
                + " runs on " + hung.first.from() + ": recorded not done");
        assertThat(done.reason()).contains(hung.plan.steps() + " steps done");
        assertThat(two.stepsRepeated(hung.plan.id())).isZero();
        assertThat(moves).as("each migration of the plan once: the aborted one moved nothing")
                .containsExactlyInAnyOrderElementsOf(planned(hung.steps));
        hung.steps.placement().hostOfVm().forEach((vm, host) -> assertThat(two.cluster.hostOf(vm)).as(vm)
                .contains(host));
    }

    /** A plan run by {@code a}, and its first migration, under way while {@code a} hangs. */
    private record Hung(StoredPlan plan, MigrationPlan steps, Migration first) {
    }

    private Hung hangDuringTheFirstMigration(Fault... faultOfTheFirstMigration) throws Exception {
        assertThat(two.a.keepLease().held()).isTrue();
        assertThat(two.b.keepLease().held()).isFalse();
        StoredPlan plan = two.a.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        MigrationPlan steps = PlanReader.parse(plan.planJson(), "plan " + plan.id());
        assertThat(steps.migrations()).as("the generated cluster has idle hosts to empty").hasSizeGreaterThan(2);
        assertThat(steps.steps().get(0)).as("the plan begins with a migration").isInstanceOf(Migration.class);
        Migration first = (Migration) steps.steps().get(0);
        for (Fault fault : faultOfTheFirstMigration) {
            two.cluster.inject(Failure.ofVm(first.vm(), fault));
        }

        two.gateA.hold();
        two.a.approve(plan.id(), "looks good");
        assertThat(two.gateA.awaitReached(Duration.ofSeconds(60))).as("a's run reached its first step").isTrue();
        two.awaitMigrating(first.vm());
        // a hangs here, its migration going on; a migration started afresh goes through.
        two.cluster.heal(first.vm());
        return new Hung(plan, steps, first);
    }

    private void takeOver() {
        RunLease.Standing standing = two.b.keepLease();
        while (!standing.held()) {
            two.clock.advance(TwoServices.LEASE.renewEvery());
            standing = two.b.keepLease();
        }
        assertThat(standing.token()).as("the fencing token went up").isEqualTo(2);
    }

    /** a resumes after b has finished: it must write nothing into the store and start no migration. */
    private void resumeTheHungHolder(Hung hung) throws Exception {
        List<StoredEvent> eventsBefore = two.store().events(hung.plan.id());
        String journalBefore = two.store().journals().find(hung.plan.id()).orElseThrow();
        List<String> movesBefore = List.copyOf(moves);

        two.gateA.release();
        // a's worker runs one thing at a time: a job queued now runs once the resumed run has ended.
        two.a.runJob("nightly").get(60, TimeUnit.SECONDS);
        List<String> ownJournal = java.nio.file.Files.readAllLines(
                dataDir.resolve("a/runs/plan-" + hung.plan.id() + ".journal.jsonl"));
        String stopped = ownJournal.get(ownJournal.size() - 1);
        two.a.close();

        assertThat(stopped).as("a's own journal: its run's end").contains("\"event\":\"stopped\"")
                .contains("stopped before step 2: this service lost the run lease");

        assertThat(two.store().events(hung.plan.id())).as("events after a resumed").isEqualTo(eventsBefore);
        assertThat(two.store().journals().find(hung.plan.id())).contains(journalBefore);
        assertThat(two.store().find(hung.plan.id()).orElseThrow().state()).isEqualTo(PlanState.SUCCEEDED);
        assertThat(moves).as("migrations after a resumed").isEqualTo(movesBefore);
    }

    private String reconciledMessage(long plan) {
        List<StoredEvent> reconciled = two.store().events(plan).stream().filter(e -> e.kind().equals("reconciled"))
                .toList();
        assertThat(reconciled).extracting(StoredEvent::step).containsExactly(1);
        return reconciled.get(0).message();
    }

    private static List<String> planned(MigrationPlan plan) {
        return plan.migrations().stream().map(m -> m.vm() + " -> " + m.to()).toList();
    }
}
