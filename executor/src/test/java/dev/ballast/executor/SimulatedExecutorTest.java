package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.PowerState;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's decisions on a simulated cluster, on simulated time: each test runs in
 * milliseconds. The cluster: host-01 and host-02 hold vm-01..vm-04 (odd VMs on host-01),
 * host-03 and host-04 are empty.
 */
class SimulatedExecutorTest {

    @TempDir
    Path dir;

    private SimulatedRun run() {
        return new SimulatedRun(TestClusters.cluster(4, 4, 2), dir);
    }

    private static Migration move(String vm, String from, String to) {
        return new Migration(vm, from, to, false, null);
    }

    @Test
    void aPlanOfMigrationsAndAPowerOffRunsToTheEnd() throws Exception {
        SimulatedRun sim = run();
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-03", "host-01", "host-03"),
                new PowerOff("host-01"));

        RunReport report = sim.apply(plan, "complete");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.DONE);
        assertThat(sim.cluster.hostOf("vm-01")).contains("host-03");
        assertThat(sim.cluster.hostOf("vm-03")).contains("host-03");
        assertThat(sim.cluster.powerOf("host-01")).isEqualTo(PowerState.OFF);
        assertThat(report.steps().get(0).wallSeconds()).as("simulated seconds").isGreaterThan(1);
        assertThat(sim.journalEvents("complete")).containsSubsequence("run", "start 1", "done 1", "start 2", "done 2",
                "start 3", "done 3", "finished");
        assertThat(sim.events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(sim.events.get(sim.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(sim.err.toString()).contains("step 1/3: vm-01 host-01 -> host-03", "step 3: done");
        assertThat(sim.out.toString()).contains("COMPLETED: 3 done");
    }

    @Test
    void aFailedPreflightSkipsTheStepAndTheLaterStepsOfItsVmAndTheRunGoesOn() throws Exception {
        SimulatedRun sim = run();
        sim.cluster.inject(Failure.ofHost("host-03", Fault.HOST_UNREACHABLE));
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-01", "host-03", "host-04"),
                move("vm-02", "host-02", "host-04"));

        RunReport report = sim.apply(plan, "preflight");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.SKIPPED,
                StepResult.Status.SKIPPED, StepResult.Status.DONE);
        assertThat(report.steps().get(0).reason()).startsWith("pre-flight: destination host-03 does not answer");
        assertThat(report.steps().get(1).reason()).isEqualTo("step 1 of the same VM was skipped");
        assertThat(sim.cluster.hostOf("vm-01")).contains("host-01");
        assertThat(sim.cluster.hostOf("vm-02")).contains("host-04");
    }

    @Test
    void aFailedMigrationStopsTheRunAndNothingAfterItRuns() throws Exception {
        SimulatedRun sim = run();
        sim.cluster.inject(Failure.ofVm("vm-01", Fault.MIGRATION_FAILS_PART_WAY));
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-02", "host-02", "host-03"));

        RunReport report = sim.apply(plan, "stop");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.FAILED,
                StepResult.Status.NOT_RUN);
        assertThat(report.steps().get(0).reason()).contains("failed part-way", "vm-01 runs on host-01");
        assertThat(sim.cluster.hostOf("vm-02")).contains("host-02");
        assertThat(sim.journalEvents("stop")).doesNotContain("start 2").endsWith("stopped");
    }

    @Test
    void aMigrationOverItsTimeLimitIsAbortedAndTheVmStaysOnItsSource() throws Exception {
        SimulatedRun sim = run();
        sim.settings = MigrationSettings.defaults().withStepTimeout(Duration.ofSeconds(30));
        sim.cluster.inject(Failure.ofVm("vm-01", Fault.MIGRATION_HANGS));
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-02", "host-02", "host-03"));

        RunReport report = sim.apply(plan, "timeout");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
        assertThat(report.steps().get(0).status()).isEqualTo(StepResult.Status.ABORTED);
        assertThat(report.steps().get(0).reason()).contains("exceeded its time limit of 30s", "vm-01 runs on host-01");
        assertThat(sim.cluster.hostOf("vm-01")).contains("host-01");
        assertThat(sim.cluster.migrating("vm-01")).isFalse();
        assertThat(sim.journalEvents("timeout")).containsSubsequence("start 1", "progress 1", "note 1", "aborted 1");
    }

    @Test
    void aStepAnEarlierRunStartedWhoseVmIsOnItsDestinationIsDoneEarlierAndNotRepeated() throws Exception {
        // The earlier run died during step 2, after vm-03 had switched over to host-03.
        SimulatedRun sim = new SimulatedRun(moved(TestClusters.cluster(4, 4, 2), "vm-01", "host-03", "vm-03", "host-03"),
                dir);
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-03", "host-01", "host-03"),
                move("vm-02", "host-02", "host-04"));
        crashedDuringStep2(sim, plan, "crash");

        RunReport report = sim.apply(plan, "crash");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.DONE_EARLIER,
                StepResult.Status.DONE_EARLIER, StepResult.Status.DONE);
        List<String> events = sim.journalEvents("crash");
        assertThat(events.stream().filter(e -> e.equals("start 2"))).as("starts of step 2").hasSize(1);
        assertThat(events).containsSubsequence("start 2", "run", "reconciled 2", "start 3", "done 3", "finished");
        assertThat(sim.events).filteredOn(e -> e instanceof RunEvent.Reconciled).singleElement()
                .satisfies(e -> assertThat(((RunEvent.Reconciled) e).resolution()).isEqualTo(RunEvent.Resolution.DONE));
    }

    @Test
    void aStepAnEarlierRunStartedWhoseVmIsStillOnItsSourceRunsAgain() throws Exception {
        SimulatedRun sim = new SimulatedRun(moved(TestClusters.cluster(4, 4, 2), "vm-01", "host-03"), dir);
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), move("vm-03", "host-01", "host-03"),
                move("vm-02", "host-02", "host-04"));
        crashedDuringStep2(sim, plan, "again");

        RunReport report = sim.apply(plan, "again");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.DONE_EARLIER,
                StepResult.Status.DONE, StepResult.Status.DONE);
        assertThat(sim.journalEvents("again")).containsSubsequence("start 2", "run", "reconciled 2", "start 2",
                "done 2");
        assertThat(sim.cluster.hostOf("vm-03")).contains("host-03");
    }

    @Test
    void aPowerOffOfAHostWithoutPowerDriverIsSkippedWithItsReasonAndTheRunCompletes() throws Exception {
        SimulatedRun sim = run();
        sim.cluster.inject(Failure.ofHost("host-04", Fault.NO_POWER_DRIVER));
        var plan = sim.plan(move("vm-02", "host-02", "host-03"), new PowerOff("host-04"));

        RunReport report = sim.apply(plan, "nodriver");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps().get(1).status()).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(report.steps().get(1).reason()).isEqualTo("no power driver configured for host-04");
        assertThat(sim.cluster.powerOf("host-04")).isEqualTo(PowerState.ON);
        assertThat(sim.out.toString()).contains("power off host-04");
    }

    @Test
    void aPowerOffThatFailsLeavesTheHostOnAndTheRunGoesOn() throws Exception {
        SimulatedRun sim = run();
        sim.cluster.inject(Failure.ofHost("host-04", Fault.POWER_FAILS));
        var plan = sim.plan(new PowerOff("host-04"), move("vm-02", "host-02", "host-03"));

        RunReport report = sim.apply(plan, "offfails");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.FAILED,
                StepResult.Status.DONE);
        assertThat(report.steps().get(0).reason()).isEqualTo("switching off: the simulated power driver failed"
                + " (fault power-fails); the host stays on, the run goes on");
        assertThat(sim.cluster.powerOf("host-04")).isEqualTo(PowerState.ON);
        assertThat(sim.cluster.hostOf("vm-02")).contains("host-03");
        assertThat(sim.journalEvents("offfails")).containsSubsequence("start 1", "failed 1", "start 2", "done 2");
    }

    @Test
    void aPowerOnThatFailsStopsTheRunBeforeAnyVmIsSentToTheHost() throws Exception {
        SimulatedRun sim = new SimulatedRun(TestClusters.cluster(4, 4, 2).withHostState("host-04", HostState.STANDBY),
                dir);
        sim.cluster.inject(Failure.ofHost("host-04", Fault.POWER_FAILS));
        var plan = sim.plan(move("vm-01", "host-01", "host-03"), new PowerOn("host-04"),
                move("vm-02", "host-02", "host-04"));

        RunReport report = sim.apply(plan, "onfails");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
        assertThat(report.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.DONE,
                StepResult.Status.FAILED, StepResult.Status.NOT_RUN);
        assertThat(report.reason()).isEqualTo("step 2 failed: switching on: the simulated power driver failed"
                + " (fault power-fails)");
        assertThat(sim.cluster.powerOf("host-04")).isEqualTo(PowerState.OFF);
        assertThat(sim.cluster.hostOf("vm-02")).contains("host-02");
        assertThat(sim.journalEvents("onfails")).doesNotContain("start 3");
    }

    @Test
    void aPowerOnWaitsUntilTheHostAnswersAndFailsAtTheConfiguredTimeLimit() throws Exception {
        SimulatedRun sim = new SimulatedRun(TestClusters.cluster(4, 4, 2).withHostState("host-04", HostState.STANDBY),
                dir);
        sim.cluster.inject(Failure.ofHost("host-04", Fault.HOST_UNREACHABLE)); // switched on, it never answers
        sim.settings = MigrationSettings.defaults().withPowerTimeout(Duration.ofMinutes(3));
        var plan = sim.plan(new PowerOn("host-04"), move("vm-02", "host-02", "host-04"));

        RunReport report = sim.apply(plan, "silent");

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
        assertThat(report.steps().get(0).reason()).startsWith("host-04 did not answer within 3m of switching on: ");
        assertThat(report.steps().get(0).wallSeconds()).as("simulated seconds").isBetween(180.0, 190.0);
        assertThat(report.steps().get(1).status()).isEqualTo(StepResult.Status.NOT_RUN);
        assertThat(sim.cluster.hostOf("vm-02")).contains("host-02");
    }

    @Test
    void aPowerOffOfAHostThatRunsAVmAgainIsSkippedNamingItAndTheHostStaysOn() throws Exception {
        SimulatedRun sim = run();
        var plan = sim.plan(move("vm-02", "host-02", "host-04"), new PowerOff("host-03"));
        // Someone else moves vm-01 onto host-03 once step 1 is done: the plan no longer knows.
        RunListener intruder = event -> {
            if (event instanceof RunEvent.StepDone done && done.number() == 1) {
                moveBehindTheExecutorsBack(sim, "vm-01", "host-01", "host-03");
            }
        };

        RunReport report = sim.apply(plan, "occupied", intruder);

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps().get(1).status()).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(report.steps().get(1).reason()).isEqualTo("pre-flight: host-03 still runs vm-01");
        assertThat(sim.cluster.powerOf("host-03")).isEqualTo(PowerState.ON);
    }

    @Test
    void atEveryEventEachVmRunsOnExactlyOneHost() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            java.util.Random random = new java.util.Random(seed);
            SimulatedRun sim = new SimulatedRun(TestClusters.cluster(4, 8, 2), dir);
            sim.settings = MigrationSettings.defaults().withStepTimeout(Duration.ofSeconds(20));
            List<String> vms = sim.cluster.snapshot().vms().stream().map(dev.ballast.model.Vm::name).toList();
            Fault[] faults = {Fault.MIGRATION_FAILS, Fault.MIGRATION_FAILS_PART_WAY, Fault.MIGRATION_HANGS};
            List<dev.ballast.model.Step> steps = new java.util.ArrayList<>();
            for (String vm : vms) {
                String from = sim.cluster.hostOf(vm).orElseThrow();
                steps.add(move(vm, from, from.equals("host-01") ? "host-03" : "host-04"));
                if (random.nextInt(4) == 0) {
                    sim.cluster.inject(Failure.ofVm(vm, faults[random.nextInt(faults.length)]));
                }
            }
            List<String> breaches = new java.util.ArrayList<>();
            RunListener check = event -> sim.whereEachVmRuns(vms).forEach((vm, on) -> {
                if (on.size() != 1) {
                    breaches.add(event.getClass().getSimpleName() + ": " + vm + " on " + on);
                }
            });

            RunReport report = sim.apply(sim.plan(steps.toArray(dev.ballast.model.Step[]::new)), "loop-" + seed, check);

            assertThat(breaches).as("seed " + seed).isEmpty();
            assertThat(sim.events).as("seed " + seed).hasSizeGreaterThan(vms.size());
            assertThat(report.outcome()).isIn(RunReport.Outcome.COMPLETED, RunReport.Outcome.STOPPED);
        }
    }

    /** A migration the executor does not know of, driven to its end on the simulated time. */
    private static void moveBehindTheExecutorsBack(SimulatedRun sim, String vm, String from, String to) {
        java.util.concurrent.CompletableFuture<Void> move = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                sim.cluster.driver(from).migrate(vm, sim.cluster.driver(to),
                        dev.ballast.hosts.MigrationParameters.defaults());
            } catch (dev.ballast.hosts.HostException e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "intruder").start());
        while (!move.isDone()) {
            sim.ticker.advance(Duration.ofSeconds(1));
            move.handle((ok, failed) -> null).completeOnTimeout(null, 5, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .join();
        }
        move.join();
    }

    /** The cluster with each named VM (even positions) on the host after it. */
    private static ClusterSnapshot moved(ClusterSnapshot start, String... vmsAndHosts) {
        ClusterSnapshot snapshot = start;
        for (int i = 0; i < vmsAndHosts.length; i += 2) {
            snapshot = PlanExecutor.moved(snapshot, vmsAndHosts[i], vmsAndHosts[i + 1]);
        }
        return snapshot;
    }

    /** A journal as a run leaves it that was killed during step 2, after step 1 was done. */
    private static void crashedDuringStep2(SimulatedRun sim, dev.ballast.model.MigrationPlan plan, String name)
            throws Exception {
        Path planFile = sim.planFile(plan, name);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(planFile)));
        Files.writeString(sim.journal(name), String.join("\n",
                "{\"event\":\"run\",\"at\":\"2026-01-01T00:00:00Z\",\"plan\":\"" + planFile + "\",\"planSha256\":\"" + sha256 + "\",\"steps\":3,\"policy\":\"balance\"}",
                "{\"event\":\"start\",\"at\":\"2026-01-01T00:00:01Z\",\"step\":1,\"vm\":\"vm-01\",\"from\":\"host-01\",\"to\":\"host-03\"}",
                "{\"event\":\"done\",\"at\":\"2026-01-01T00:00:09Z\",\"step\":1,\"vm\":\"vm-01\",\"from\":\"host-01\",\"to\":\"host-03\"}",
                "{\"event\":\"start\",\"at\":\"2026-01-01T00:00:10Z\",\"step\":2,\"vm\":\"vm-03\",\"from\":\"host-01\",\"to\":\"host-03\"}",
                "{\"event\":\"progress\",\"at\":\"2026-01-01T00:00:12Z\",\"step\":2,\"vm\":\"vm-03\"}",
                ""));
    }
}
