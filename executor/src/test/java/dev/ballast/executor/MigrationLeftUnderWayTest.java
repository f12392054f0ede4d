package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that hung (its process stopped) rather than died leaves its migration going on in
 * libvirt. The run that takes the plan over must not resolve that step by where the VM is while
 * the job still runs: it waits for the job to end and then records the step by where the VM is,
 * or aborts the job at the step's time limit and records it not done. On a simulated cluster, on
 * simulated time: the hung run's migration goes on on a thread of its own, moved on only by the
 * taking-over run's own waiting. The cluster: host-01 and host-02 hold vm-01..vm-04 (odd VMs on
 * host-01), host-03 and host-04 are empty.
 */
class MigrationLeftUnderWayTest {

    private static final Duration REAL_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<String> vm01Hosts = new ArrayList<>();

    private SimulatedRun run() {
        SimulatedRun sim = new SimulatedRun(TestClusters.cluster(4, 4, 2), dir);
        // Every change of where VMs run, as it happens: vm-01 must go from host-01 to host-03 at most once.
        sim.cluster.onChange(() -> sim.cluster.hostOf("vm-01").ifPresent(host -> {
            if (vm01Hosts.isEmpty() || !vm01Hosts.get(vm01Hosts.size() - 1).equals(host)) {
                vm01Hosts.add(host);
            }
        }));
        vm01Hosts.add("host-01");
        return sim;
    }

    private static Migration move(String vm, String from, String to) {
        return new Migration(vm, from, to, false, null);
    }

    @Test
    void aMigrationStillUnderWayIsWaitedForAndTheStepRecordedDoneOnceTheVmIsOnItsDestination() throws Exception {
        SimulatedRun sim = run();
        MigrationPlan plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-02", "host-02", "host-04"));
        CompletableFuture<Void> hungRunsMigration = hungDuringStep1(sim, plan, "hung");
        sim.ticker.advance(Duration.ofSeconds(1)); // the lease lapses; the migration goes on meanwhile

        RunReport report = sim.apply(plan, "hung");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status)
                .containsExactly(StepResult.Status.DONE_EARLIER, StepResult.Status.DONE);
        RunEvent.Reconciled reconciled = reconciled(sim);
        assertThat(reconciled.resolution()).isEqualTo(RunEvent.Resolution.DONE);
        assertThat(reconciled.note()).matches("vm-01 host-01 -> host-03 was still migrating when this run began:"
                + " waited \\d+\\.\\d s, it ended; vm-01 runs on host-03: recorded done");
        assertThat(report.steps().get(0).reason()).isEqualTo(reconciled.note());
        assertThat(sim.journalEvents("hung").stream().filter(e -> e.equals("start 1")))
                .as("step 1 started once, by the run that hung").hasSize(1);
        assertThat(Files.readString(sim.journal("hung"))).contains("\"note\":\"vm-01 host-01 -> host-03 was still");
        hungRunsMigration.get();
        assertThat(vm01Hosts).containsExactly("host-01", "host-03");
    }

    @Test
    void aMigrationThatOutlivesTheStepsTimeLimitIsAbortedRecordedNotDoneAndRunAgain() throws Exception {
        SimulatedRun sim = run();
        sim.settings = MigrationSettings.defaults().withStepTimeout(Duration.ofSeconds(30));
        sim.cluster.inject(Failure.ofVm("vm-01", Fault.MIGRATION_HANGS));
        MigrationPlan plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-02", "host-02", "host-04"));
        CompletableFuture<Void> hungRunsMigration = hungDuringStep1(sim, plan, "stuck");
        sim.cluster.heal("vm-01"); // the job under way hangs on; a migration started afresh goes through
        sim.ticker.advance(Duration.ofSeconds(10));
        List<String> breaches = new ArrayList<>();
        RunListener oneHostEach = event -> sim.whereEachVmRuns(List.of("vm-01", "vm-02")).forEach((vm, on) -> {
            if (on.size() != 1) {
                breaches.add(event.getClass().getSimpleName() + ": " + vm + " on " + on);
            }
        });

        RunReport report = sim.apply(plan, "stuck", oneHostEach);

        RunEvent.Reconciled reconciled = reconciled(sim);
        assertThat(reconciled.resolution()).isEqualTo(RunEvent.Resolution.NOT_DONE);
        // The job had run 10 s of its 30 s limit when the run began: 20 s more, then the abort.
        assertThat(reconciled.note()).isEqualTo("vm-01 host-01 -> host-03 was still migrating when this run began:"
                + " waited 20.0 s, past the step's time limit of 30s; aborted it, it ended;"
                + " vm-01 runs on host-01: recorded not done");
        assertThat(hungRunsMigration).failsWithin(REAL_WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(HostException.class).withMessageContaining("aborted");
        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status)
                .containsExactly(StepResult.Status.DONE, StepResult.Status.DONE);
        assertThat(sim.journalEvents("stuck")).containsSubsequence("start 1", "run", "reconciled 1", "start 1",
                "done 1");
        assertThat(breaches).isEmpty();
        assertThat(vm01Hosts).as("vm-01 stayed on its source until the step ran again").containsExactly("host-01",
                "host-03");
    }

    @Test
    void withNoMigrationUnderWayTheStepIsResolvedAtOnceAsBefore() throws Exception {
        SimulatedRun sim = run();
        MigrationPlan plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-02", "host-02", "host-04"));
        journalOfARunStoppedInStep1(sim, plan, "died");
        var before = sim.ticker.now();

        sim.apply(plan, "died");

        RunEvent.Reconciled reconciled = reconciled(sim);
        assertThat(reconciled.resolution()).isEqualTo(RunEvent.Resolution.NOT_DONE);
        assertThat(reconciled.note()).isNull();
        assertThat(reconciled.at()).as("no time spent waiting before the step was resolved").isEqualTo(before);
    }

    private static RunEvent.Reconciled reconciled(SimulatedRun sim) {
        return sim.events.stream().filter(e -> e instanceof RunEvent.Reconciled).map(e -> (RunEvent.Reconciled) e)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one step reconciled: " + a + ", " + b);
                }).orElseThrow(() -> new AssertionError("no step reconciled"));
    }

    /**
     * The journal of a run that started step 1 and then stopped (hung), and its migration of
     * vm-01, which libvirt goes on with: started on a thread of its own, under way on return.
     */
    private static CompletableFuture<Void> hungDuringStep1(SimulatedRun sim, MigrationPlan plan, String name)
            throws Exception {
        journalOfARunStoppedInStep1(sim, plan, name);
        CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> {
            try {
                sim.cluster.driver("host-01").migrate("vm-01", sim.cluster.driver("host-03"),
                        MigrationParameters.defaults());
            } catch (HostException e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "hung-run-migration").start());
        long deadline = System.nanoTime() + REAL_WAIT.toNanos();
        while (!sim.cluster.migrating("vm-01")) {
            assertThat(System.nanoTime()).as("the migration is under way").isLessThan(deadline);
            assertThat(migration).as("the migration started").isNotDone();
            Thread.sleep(2);
        }
        return migration;
    }

    private static void journalOfARunStoppedInStep1(SimulatedRun sim, MigrationPlan plan, String name)
            throws Exception {
        Path planFile = sim.planFile(plan, name);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(planFile)));
        Files.writeString(sim.journal(name), String.join("\n",
                "{\"event\":\"run\",\"at\":\"2026-01-01T00:00:00Z\",\"plan\":\"" + planFile + "\",\"planSha256\":\""
                        + sha256 + "\",\"steps\":2,\"policy\":\"balance\"}",
                "{\"event\":\"start\",\"at\":\"2026-01-01T00:00:00Z\",\"step\":1,\"vm\":\"vm-01\",\"from\":\"host-01\","
                        + "\"to\":\"host-03\"}",
                ""));
    }
}
