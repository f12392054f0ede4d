package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.collector.Collector;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.PowerControl;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Step;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.formats.PlanWriter;
import dev.ballast.formats.PolicyReader;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor on real libvirt and real QEMU: the testbed with four hosts (host-04 without
 * virbr0, though the cluster file says it has it) and three tiny guests, one on each of host-01
 * to host-03, each printing a counter to its serial log. The tests run in order and each starts
 * where the previous one left the guests (the plans start from where the guests really run).
 * The last one switches the empty host-04 off and on through the testbed's power driver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TestbedMigrationTest {

    private static final String POLICY = """
            apiVersion: ballast/v1
            kind: Policy
            name: testbed
            goal: balance
            # The testbed's hosts share one machine's CPUs, so no host has CPU to spare by itself.
            limits: {cpu: 1.0, memory: 0.95, network: 1.0}
            weights: {spread: 1, migration: 1}
            """;
    private static final long GUEST_DATA_BYTES = 40L * 1024 * 1024; // the guest fills 48 MiB

    private static ClusterConfig cluster;
    private static Policy policy;

    @TempDir
    static Path files;

    @BeforeAll
    static void up() throws Exception {
        Testbed.requirePreconditions();
        Testbed.claim();
        Testbed.down(); // whatever an interrupted earlier run left
        Path clusterFile = Testbed.up("--hosts", "4", "--vms", "3", "--no-bridge", "host-04");
        cluster = ClusterConfigReader.read(clusterFile);
        policy = PolicyReader.parse(POLICY, "testbed policy", Goals.registry());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            Testbed.down();
        } finally {
            Testbed.release();
        }
    }

    @Test
    @Order(1)
    void aPlanOfThreeStepsMovesRunningGuestsOverTheMigrationLinkAndTheyKeepRunning() throws Exception {
        MigrationPlan plan = plan(step("vm-01", "host-02"), step("vm-02", "host-03"), step("vm-03", "host-01"));
        Map<String, Long> rxBefore = rxBytes("host-01", "host-02", "host-03");

        RunReport report = apply(plan, MigrationSettings.defaults(), files.resolve("three.journal.jsonl"));

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.DONE);
        for (Migration step : plan.migrations()) {
            assertThat(locate(step.vm()).running()).as(step.vm()).containsExactly(step.to());
            // The counter lives in the guest's registers: the destination goes on where the source stopped.
            // (A line cut in two by the switchover is lost, hence + 2.)
            List<Long> onDestination = Testbed.awaitGrowth(step.to(), step.vm(), 3);
            long lastOnSource = Testbed.last(step.from(), step.vm());
            assertThat(onDestination.get(0)).as("%s's first counter on %s", step.vm(), step.to())
                    .isBetween(lastOnSource + 1, lastOnSource + 2);
            assertThat(rxBytes(step.to()).get(step.to()) - rxBefore.get(step.to()))
                    .as("bytes %s received on its migration link", step.to()).isGreaterThan(GUEST_DATA_BYTES);
        }
        for (StepResult step : report.steps()) {
            assertThat(step.libvirtSeconds()).as("libvirt's time of step %d", step.step()).isPositive();
            assertThat(step.downtimeMs()).as("downtime of step %d", step.step()).isNotNull();
            assertThat(step.overheadSeconds()).as("overhead of step %d", step.step()).isNotNegative();
        }
        assertThat(Files.exists(RunReport.pathFor(files.resolve("three.journal.jsonl")))).isTrue();
    }

    @Test
    @Order(2)
    void aDestinationWithoutTheBridgeIsSkippedByThePreflightAndTheVmIsLeftAlone() throws Exception {
        // vm-01 is on host-02, vm-02 on host-03.
        MigrationPlan plan = plan(step("vm-01", "host-04"), step("vm-02", "host-02"));

        RunReport report = apply(plan, MigrationSettings.defaults(), files.resolve("bridge.journal.jsonl"));

        StepResult skipped = report.steps().get(0);
        assertThat(skipped.status()).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(skipped.reason()).contains("pre-flight", "host-04 has no bridge virbr0");
        assertThat(report.steps().get(1).status()).isEqualTo(StepResult.Status.DONE);
        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(locate("vm-01").running()).containsExactly("host-02");
        Testbed.awaitGrowth("host-02", "vm-01", 2);
    }

    @Test
    @Order(3)
    void theDestinationsLibvirtdKilledDuringAMigrationLeavesTheVmOnItsSourceAndARerunMovesNothingTwice()
            throws Exception {
        // vm-01 and vm-02 are on host-02, vm-03 on host-01.
        MigrationPlan plan = plan(step("vm-03", "host-02"), step("vm-01", "host-03"));
        Path journal = files.resolve("killed.journal.jsonl");
        long victim = Testbed.libvirtdPid("host-03");
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            // 8 MiB/s: each migration takes about 6 s, time enough to kill the destination's daemon.
            Future<RunReport> run = background.submit(() -> apply(plan,
                    MigrationSettings.defaults().withBandwidth(8L), journal));
            awaitJournal(journal, "progress", 2, run);
            new ProcessBuilder("kill", "-9", Long.toString(victim)).start().waitFor();
            RunReport report = run.get(2, TimeUnit.MINUTES);

            assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
            assertThat(report.steps()).extracting(StepResult::status)
                    .containsExactly(StepResult.Status.DONE, StepResult.Status.ABORTED);
            assertThat(report.steps().get(1).reason()).contains("destination host-03 stopped answering",
                    "vm-01 runs on host-02");
        } finally {
            background.shutdownNow();
        }
        List<JsonNode> entries = Journal.readOnly(journal, Clock.systemUTC()).entries();
        assertThat(events(entries, 2)).containsSubsequence("start", "progress", "note", "aborted");
        JsonNode aborted = entries.stream().filter(e -> e.path("event").asText().equals("aborted")).findFirst().orElseThrow();
        assertThat(aborted.path("runningOn").toString()).isEqualTo("[\"host-02\"]");
        assertThat(entries.get(entries.size() - 1).path("event").asText()).isEqualTo("stopped");
        Testbed.restartLibvirtd("host-03");
        assertThat(locate("vm-01").running()).containsExactly("host-02");
        Testbed.awaitGrowth("host-02", "vm-01", 2);

        RunReport rerun = apply(plan, MigrationSettings.defaults(), journal);

        assertThat(rerun.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(rerun.steps()).extracting(StepResult::status)
                .containsExactly(StepResult.Status.DONE_EARLIER, StepResult.Status.DONE);
        List<JsonNode> after = Journal.readOnly(journal, Clock.systemUTC()).entries();
        assertThat(events(after, 1).stream().filter("start"::equals)).as("starts of step 1").hasSize(1);
        assertThat(events(after, 2)).containsSubsequence("aborted", "reconciled", "start", "done");
        assertThat(locate("vm-03").running()).containsExactly("host-02");
        assertThat(locate("vm-01").running()).containsExactly("host-03");
        Testbed.awaitGrowth("host-03", "vm-01", 2);
    }

    @Test
    @Order(4)
    void aMigrationOverItsTimeLimitIsAbortedAndTheVmRunsOnItsSource() throws Exception {
        // vm-02 and vm-03 are on host-02, vm-01 on host-03.
        MigrationPlan plan = plan(step("vm-02", "host-01"));
        MigrationSettings tight = MigrationSettings.defaults().withBandwidth(4L).withStepTimeout(Duration.ofSeconds(3));

        RunReport report = apply(plan, tight, files.resolve("timeout.journal.jsonl"));

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.STOPPED);
        assertThat(report.steps().get(0).status()).isEqualTo(StepResult.Status.ABORTED);
        assertThat(report.steps().get(0).reason()).contains("exceeded its time limit of 3s", "vm-02 runs on host-02");
        assertThat(locate("vm-02").running()).containsExactly("host-02");
        Testbed.awaitGrowth("host-02", "vm-02", 2);
    }

    @Test
    @Order(5)
    void anEmptyHostSwitchedOffThroughTheTestbedScriptIsStandbyAndAnswersAgainOnceSwitchedOn() throws Exception {
        // host-04 has never run a guest (it has no virbr0). The cluster file testbed up wrote gives
        // every host the testbed power driver.
        assertThat(cluster.hosts()).allSatisfy(host -> assertThat(host.powerControl())
                .isInstanceOf(PowerControl.Testbed.class));
        assertThat(Testbed.power("host-04", "status")).isEqualTo("on");

        RunReport off = apply(powerPlan(new PowerOff("host-04")), MigrationSettings.defaults(),
                files.resolve("off.journal.jsonl"));

        assertThat(off.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(off.steps().get(0).status()).isEqualTo(StepResult.Status.DONE);
        assertThat(Testbed.power("host-04", "status")).isEqualTo("off");
        try (LibvirtHostDriver host = LibvirtHostDriver.openReadOnly(config("host-04"))) {
            assertThatThrownBy(host::ping).as("host-04's libvirtd, switched off").isInstanceOf(HostException.class);
        }
        Host standby = freshSnapshot().host("host-04").orElseThrow();
        assertThat(standby.state()).isEqualTo(HostState.STANDBY);
        assertThat(standby.isStale()).isFalse();

        RunReport on = apply(powerPlan(new PowerOn("host-04")), MigrationSettings.defaults(),
                files.resolve("on.journal.jsonl"));

        assertThat(on.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(on.steps().get(0).status()).isEqualTo(StepResult.Status.DONE);
        assertThat(Testbed.power("host-04", "status")).isEqualTo("on");
        Host active = freshSnapshot().host("host-04").orElseThrow();
        assertThat(active.state()).isEqualTo(HostState.ACTIVE);
        assertThat(active.isStale()).isFalse();
    }

    @Test
    @Order(6)
    void aPowerOffOfAHostWhereADomainWasStartedBehindThePlannersBackIsRefusedAtPreflight() throws Exception {
        // The plan is checked against a snapshot in which host-04 is empty, then a domain is
        // started there: the executor's look at the live host, right before the step, refuses it.
        ClusterSnapshot empty = freshSnapshot();
        assertThat(empty.vms()).noneMatch(vm -> "host-04".equals(vm.host()));
        Path xml = Files.writeString(files.resolve("intruder.xml"), INTRUDER);
        Testbed.run(List.of("virsh", "-c", Testbed.uri("host-04"), "create", xml.toString()), 60);
        try {
            Path journal = files.resolve("intruder.journal.jsonl");
            RunReport report = apply(powerPlan(new PowerOff("host-04")), MigrationSettings.defaults(), journal,
                    () -> empty);

            StepResult step = report.steps().get(0);
            assertThat(step.status()).as(step.toString()).isEqualTo(StepResult.Status.SKIPPED);
            assertThat(step.reason()).isEqualTo("pre-flight: host-04 still runs intruder");
            assertThat(Files.readString(RunReport.pathFor(journal))).contains("pre-flight: host-04 still runs intruder");
            assertThat(Testbed.power("host-04", "status")).isEqualTo("on");
            assertThat(Testbed.runningGuests("host-04")).containsExactly("intruder");
        } finally {
            Testbed.run(List.of("virsh", "-c", Testbed.uri("host-04"), "destroy", "intruder"), 60);
        }
    }

    /** A guest with no disk and no network, as an operator might start one by hand: SeaBIOS idles. */
    private static final String INTRUDER = """
            <domain type='qemu'>
              <name>intruder</name>
              <memory unit='MiB'>32</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64' machine='pc'>hvm</type></os>
              <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <video><model type='none'/></video>
                <memballoon model='none'/>
              </devices>
            </domain>
            """;

    // ------------------------------------------------------------------ helpers

    private static HostConfig config(String host) {
        return cluster.hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }

    /** A plan of one power step, every guest staying where it runs. */
    private static MigrationPlan powerPlan(Step step) {
        Map<String, String> placement = new LinkedHashMap<>();
        for (String vm : List.of("vm-01", "vm-02", "vm-03")) {
            placement.put(vm, locate(vm).running().get(0));
        }
        return new MigrationPlan("testbed", null, new Placement(placement), List.of(step), null);
    }

    /** A step of the VM from where it runs now (each test expects the previous ones to have left it as they say). */
    private static Migration step(String vm, String to) {
        List<String> running = locate(vm).running();
        assertThat(running).as("where %s runs", vm).hasSize(1);
        return new Migration(vm, running.get(0), to);
    }

    /** A plan of these steps from where the guests are now, its placement where they lead. */
    private static MigrationPlan plan(Migration... steps) {
        Map<String, String> placement = new LinkedHashMap<>();
        for (String vm : List.of("vm-01", "vm-02", "vm-03")) {
            placement.put(vm, locate(vm).running().get(0));
        }
        for (Migration step : steps) {
            placement.put(step.vm(), step.to());
        }
        return new MigrationPlan("testbed", null, new Placement(placement), List.of(steps), null);
    }

    private static RunReport apply(MigrationPlan plan, MigrationSettings settings, Path journal) throws Exception {
        return apply(plan, settings, journal, TestbedMigrationTest::freshSnapshot);
    }

    private static RunReport apply(MigrationPlan plan, MigrationSettings settings, Path journal,
            SnapshotSource snapshots) throws Exception {
        Path planFile = files.resolve(journal.getFileName().toString().replace(".journal.jsonl", ".plan.json"));
        Files.writeString(planFile, PlanWriter.toJson(plan));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan, policy, cluster, settings, journal,
                false, true);
        PlanExecutor executor = new PlanExecutor(Clock.systemUTC(), Sleeper.system(), LibvirtHostDriver::open,
                snapshots);
        try {
            return executor.run(request, question -> false,
                    List.of(new TerminalListener(new PrintWriter(out, true), new PrintWriter(err, true), false)));
        } finally {
            System.out.print(err);
            System.out.print(out);
        }
    }

    /** The fresh snapshot, as the cli takes it: two samples of the collector a second apart. */
    private static ClusterSnapshot freshSnapshot() throws InterruptedException {
        try (Collector collector = new Collector(cluster, Clock.systemUTC())) {
            collector.sample();
            Thread.sleep(1000);
            collector.sample();
            return collector.snapshot();
        }
    }

    private static Whereabouts locate(String vm) {
        try (Hosts hosts = new Hosts(cluster, LibvirtHostDriver::open)) {
            return hosts.locate(vm);
        }
    }

    private static void awaitJournal(Path journal, String event, int step, Future<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String needle = "\"step\":" + step;
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (Files.exists(journal) && Files.readAllLines(journal).stream()
                    .anyMatch(l -> l.contains("\"event\":\"" + event + "\"") && l.contains(needle))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + event + " of step " + step + " in " + journal
                + (run.isDone() ? " before the run ended" : " within 60s"));
    }

    private static List<String> events(List<JsonNode> entries, int step) {
        return entries.stream().filter(e -> e.path("step").asInt() == step).map(e -> e.path("event").asText()).toList();
    }

    private static Map<String, Long> rxBytes(String... hosts) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String host : hosts) {
            bytes.put(host, Testbed.migrationLinkRxBytes(host));
        }
        return bytes;
    }
}
