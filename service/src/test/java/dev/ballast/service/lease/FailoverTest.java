package dev.ballast.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredEvent;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services on one PostgreSQL store and one simulated cluster: one runs the plans, the one
 * holding the run lease; when it dies in the middle of a step the other takes the lease once it
 * lapses, reconciles the run's journal (found in the store) with where the VMs really are, and
 * carries the plan to its end, no step done twice. Time is the injected clock's: the test moves
 * it on by the lease's renewal period and calls the renewal the timer would.
 */
class FailoverTest {

    @TempDir
    Path dataDir;
    private TwoServices two;

    @BeforeEach
    void start() {
        TestStores.TestStore store = TestStores.POSTGRESQL.fresh(dataDir);
        two = new TwoServices(dataDir, store::open);
    }

    @AfterEach
    void stop() {
        two.close();
    }

    @Test
    void onlyAServiceNotHoldingTheLeaseReadsTheClusterBackBeforeEachSnapshot() throws Exception {
        List<String> readBack = new java.util.concurrent.CopyOnWriteArrayList<>();
        two.a.whileStandby(() -> readBack.add("a"));
        two.b.whileStandby(() -> readBack.add("b"));
        assertThat(two.a.keepLease().held()).isTrue();
        assertThat(two.b.keepLease().held()).isFalse();

        two.a.collect();
        two.b.collect();
        two.b.collect();
        assertThat(readBack).as("the standby reads back at each snapshot, the holder never").containsExactly("b", "b");

        two.a.lease().release(); // a stops cleanly
        assertThat(two.b.keepLease().tookOver()).isTrue();
        two.b.collect();
        assertThat(readBack).as("once it holds the lease, its own cluster is the one that moves").hasSize(2);
    }

    @Test
    void oneServiceHoldsTheLeaseAndAnApprovalTakenByTheOtherRunsOnIt() throws Exception {
        assertThat(two.a.keepLease().held()).isTrue();
        RunLease.Standing b = two.b.keepLease();
        assertThat(b.held()).isFalse();
        assertThat(b.why()).contains("service service-a holds the run lease (token 1)");

        StoredPlan plan = two.b.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        two.b.approve(plan.id(), "approved on b");
        two.a.keepLease();

        two.awaitState(plan.id(), PlanState.SUCCEEDED);
        assertThat(two.stepsRepeated(plan.id())).isZero();
        assertThat(two.store().runs(plan.id())).hasSize(1);
    }

    @Test
    void whenTheServiceRunningAPlanDiesMidStepTheOtherTakesOverWithinTheLeaseAndNoStepRunsTwice()
            throws Exception {
        assertThat(two.a.keepLease().held()).isTrue();
        assertThat(two.b.keepLease().held()).isFalse();
        StoredPlan plan = two.a.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
        MigrationPlan steps = PlanReader.parse(plan.planJson(), "plan " + plan.id());
        assertThat(steps.migrations()).as("the generated cluster has idle hosts to empty").hasSizeGreaterThan(2);
        Migration first = steps.migrations().get(0);

        two.gateA.hold();
        two.a.approve(plan.id(), "looks good");
        assertThat(two.gateA.awaitReached(Duration.ofSeconds(60))).as("a's run reached its first step").isTrue();
        Instant lastRenewedByA = two.clock.instant();
        // a dies here: its worker never moves again, and the migration it drove dies with it.
        two.awaitMigrating(first.vm());
        two.cluster.driver(first.from()).abortJob(first.vm());

        Duration takeOver = Duration.ZERO;
        RunLease.Standing standing = two.b.keepLease();
        while (!standing.held()) {
            assertThat(takeOver).as("b takes over within the lease and one renewal period")
                    .isLessThanOrEqualTo(TwoServices.LEASE.duration().plus(TwoServices.LEASE.renewEvery()));
            two.clock.advance(TwoServices.LEASE.renewEvery());
            takeOver = Duration.between(lastRenewedByA, two.clock.instant());
            standing = two.b.keepLease();
        }
        assertThat(standing.token()).as("the fencing token went up").isEqualTo(2);

        StoredPlan done = two.awaitState(plan.id(), PlanState.SUCCEEDED);
        // a comes back to life after its step: it must stop, leave the plan alone, and write nothing over b's journal.
        two.gateA.release();
        two.a.close();

        assertThat(two.store().find(plan.id()).orElseThrow().state()).isEqualTo(PlanState.SUCCEEDED);
        assertThat(done.reason()).contains(plan.steps() + " steps done");
        List<StoredEvent> events = two.store().events(plan.id());
        assertThat(events).filteredOn(e -> e.kind().equals("reconciled")).extracting(StoredEvent::step)
                .as("b found the VM in flight where it was: still on its source, so the step ran again")
                .containsExactly(1);
        assertThat(two.doneByStep(plan.id())).hasSize(plan.steps());
        long repeated = two.stepsRepeated(plan.id());
        assertThat(repeated).as("steps done twice").isZero();
        steps.placement().hostOfVm().forEach((vm, host) -> assertThat(two.cluster.hostOf(vm)).as(vm).contains(host));
        assertThat(two.store().journals().find(plan.id())).get().asString()
                .as("the journal in the store is b's: both runs, a's start and b's reconciliation").contains("\"reconciled\"");
        System.out.printf("failover (in one JVM, injected clock): took over %s after the dead service's last renewal"
                + " (lease %s, renewed every %s); steps repeated: %d%n", takeOver, TwoServices.LEASE.duration(),
                TwoServices.LEASE.renewEvery(), repeated);
    }
}
