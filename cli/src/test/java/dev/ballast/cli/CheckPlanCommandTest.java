package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.PlanWriter;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.reports.PlanTextRenderer;
import dev.ballast.reports.PlanView;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ballast check-plan}: plans from {@code ballast plan} pass; hand-edited ones fail at the step they break. */
class CheckPlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Three hosts of 32 cores and 64 GiB under the built-in balance policy (memory limit 95%, so
     * 62.2 GiB): host-a holds 8 + 16 GiB, host-b 32 GiB, host-c 52 GiB.
     */
    private static final ClusterSnapshot CLUSTER = new ClusterSnapshot(
            List.of(host("host-a"), host("host-b"), host("host-c")),
            List.of(vm("vm-1", "host-a", 8), vm("vm-2", "host-a", 16), vm("vm-3", "host-b", 32),
                    vm("vm-4", "host-c", 52)),
            List.of());

    @TempDir
    Path dir;
    private Path snapshot;

    @BeforeEach
    void writeTheSnapshot() {
        snapshot = TestFiles.snapshot(dir, "cluster.yaml", CLUSTER);
    }

    @Test
    void aPlanMadeByBallastPlanIsValid() throws IOException {
        Path cluster = TestFiles.snapshot(dir, "mixed.yaml", ClusterGenerator.mixed(6, 40, 3));
        Path plan = dir.resolve("plan.json");
        Run planned = Run.ballast("plan", "--snapshot", cluster.toString(), "--policy", "consolidate",
                "--time-limit", "1s", "--seed", "1", "--output", plan.toString());
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        int steps = JSON.readTree(plan.toFile()).path("steps").size();

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", cluster.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(plan + ": OK, " + Text.count(steps, "step") + " valid on " + cluster
                + " under policy \"consolidate\"\n");
    }

    @Test
    void aPlanOfTheConsolidateGoalSwitchesEachEmptiedHostOffRightAfterItsLastVmLeavesAndReplays()
            throws IOException {
        Path cluster = TestFiles.snapshot(dir, "mixed.yaml", ClusterGenerator.mixed(6, 40, 3));
        Path plan = dir.resolve("plan.json");
        Run planned = Run.ballast("plan", "--snapshot", cluster.toString(), "--policy", "consolidate",
                "--time-limit", "1s", "--seed", "1", "--output", plan.toString());
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        List<JsonNode> steps = new java.util.ArrayList<>();
        JSON.readTree(plan.toFile()).path("steps").forEach(steps::add);

        assertThat(steps).extracting(step -> step.path("action").asText()).contains("migrate", "power-off");
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).path("action").asText().equals("power-off")) {
                String host = steps.get(i).path("host").asText();
                int last = i - 1;
                while (last >= 0 && !steps.get(last).path("from").asText().equals(host)) {
                    last--;
                }
                // Right after the step that empties it, or, empty from the start, before every migration.
                assertThat(steps.subList(last + 1, i)).as("steps between %s's last VM leaving and its power-off", host)
                        .allMatch(step -> step.path("action").asText().equals("power-off"));
            }
        }
        assertThat(Run.ballast("check-plan", plan.toString(), "--snapshot", cluster.toString()).exitCode()).isZero();
    }

    /**
     * Written by {@code ballast plan --policy consolidate} before steps had actions: migrations
     * with no {@code action}, and the emptied hosts in {@code hostsToPowerOff}, which now replay
     * as power-off steps at the end.
     */
    @Test
    void aPlanWrittenBeforeStepsHadActionsStillChecks() throws Exception {
        Path plan = Path.of(getClass().getResource("/compat/plan-before-typed-steps.json").toURI());
        Path cluster = Path.of(getClass().getResource("/compat/snapshot.yaml").toURI());
        int migrations = JSON.readTree(plan.toFile()).path("steps").size();
        int powerOffs = JSON.readTree(plan.toFile()).path("hostsToPowerOff").size();

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", cluster.toString());

        assertThat(powerOffs).isPositive();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(": OK, " + Text.count(migrations + powerOffs, "step") + " valid");
    }

    /**
     * A plan written by the main of before reasons (typed steps, every power-off at the end, no
     * reason on its steps, no figures after each step) still checks, and its report replays the
     * figures after each step.
     */
    @Test
    void aPlanWrittenBeforeReasonsStillChecksAndReports() throws Exception {
        Path plan = Path.of(getClass().getResource("/compat/plan-before-reasons.json").toURI());
        Path cluster = Path.of(getClass().getResource("/compat/snapshot.yaml").toURI());
        int steps = JSON.readTree(plan.toFile()).path("steps").size();

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", cluster.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(": OK, " + Text.count(steps, "step") + " valid");
        MigrationPlan read = PlanReader.read(plan);
        assertThat(read.steps()).allMatch(step -> step.reason() == null);
        PlanView view = PlanView.of(SnapshotReader.read(cluster), Policies.builtIn("consolidate", Goals.registry()),
                read);
        assertThat(view.curve()).hasSize(steps + 1);
        assertThat(view.curve().get(steps).hostsUsed()).isEqualTo(read.summary().hostsUsedAfter());
        assertThat(PlanTextRenderer.render(view)).contains("If the plan stops early");
    }

    @Test
    void aPowerOffOfAHostThatStillHoldsAVmIsRefusedNamingTheHost() {
        // vm-1 joins vm-4 on host-c (60 of 64 GiB), and then host-c is to be switched off.
        MigrationPlan edited = new MigrationPlan("balance", "0hard/0soft",
                CLUSTER.currentPlacement().with("vm-1", "host-c"),
                List.of(new Migration("vm-1", "host-a", "host-c"), new PowerOff("host-c")), null);
        Path plan = TestFiles.write(dir.resolve("power.json"), PlanWriter.toJson(edited));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(plan + ": step 2 (power off host-c): power-state: host-c still holds"
                + " [vm-1, vm-4]: a host is switched off only when it holds no VM\n");
    }

    @Test
    void aStepFromTheWrongHostFailsAtThatStep() {
        Path plan = plan(new Migration("vm-1", "host-a", "host-b"), new Migration("vm-2", "host-b", "host-b"));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(plan + ": step 2 (vm-2 host-b -> host-b): vm-2 is on host-a, not on host-b\n");
    }

    @Test
    void aStepThatOverloadsAHostFailsNamingTheResource() {
        // host-b would hold 32 + 16 + 52 GiB while vm-4 is still on host-c: over 62.2 GiB.
        Path plan = plan(new Migration("vm-2", "host-a", "host-b"), new Migration("vm-4", "host-c", "host-b"));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith(plan + ": step 2 (vm-4 host-c -> host-b): memory: ").contains("host-b");
    }

    @Test
    void theStepsMustLeadToThePlansPlacement() {
        MigrationPlan edited = new MigrationPlan("balance", "0hard/0soft",
                CLUSTER.currentPlacement().with("vm-1", "host-c"), List.of(new Migration("vm-1", "host-a", "host-b")),
                null);
        Path plan = TestFiles.write(dir.resolve("edited.json"), PlanWriter.toJson(edited));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("end of plan: the steps do not lead to the plan's placement");
    }

    @Test
    void aPolicyGivenOnTheCommandLineReplacesThePlansOwn() {
        Path plan = plan(new Migration("vm-1", "host-a", "host-c"));
        Path tight = TestFiles.write(dir.resolve("tight.yaml"), TestFiles.POLICY_YAML);

        Run builtIn = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());
        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString(), "--policy", tight.toString());

        // 52 + 8 GiB is 93.8% of host-c: within balance's 95% memory limit, over tight's 90%.
        assertThat(builtIn.exitCode()).as(builtIn.toString()).isZero();
        assertThat(builtIn.out()).contains("under policy \"balance\"");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("step 1 (vm-1 host-a -> host-c): memory: ");
    }

    @Test
    void aPlanOfAnotherPolicyNeedsThePolicyFile() {
        Path plan = plan("night-consolidation", new Migration("vm-1", "host-a", "host-b"));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(plan + ": policy: \"night-consolidation\" is not a built-in policy")
                .contains("--policy FILE");
    }

    @Test
    void aBrokenPlanFileIsBadInputNamingTheFileAndThePath() {
        Path plan = TestFiles.write(dir.resolve("broken.json"), """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "balance", "placement": {},
                 "steps": [{"vm": "vm-1", "from": "host-a"}]}
                """);

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", snapshot.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("broken.json").contains("steps[0].to: required");
    }

    @Test
    void aMissingPlanAndABadSnapshotAreBothReported() {
        Path bad = TestFiles.write(dir.resolve("empty.yaml"), "");

        Run run = Run.ballast("check-plan", dir.resolve("nowhere.json").toString(), "--snapshot", bad.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("nowhere.json").contains("no such file").contains("empty.yaml");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void theSnapshotIsRequired() {
        Run run = Run.ballast("check-plan", plan(new Migration("vm-1", "host-a", "host-b")).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--snapshot");
    }

    @Test
    void aNewVmIsShownComingFromNowhere() {
        ClusterSnapshot withNew = new ClusterSnapshot(CLUSTER.hosts(),
                List.of(vm("vm-3", "host-b", 32), vm("vm-5", null, 40)), List.of());
        Path cluster = TestFiles.snapshot(dir, "with-new.yaml", withNew);
        // 32 + 40 GiB on host-b: over its 62.2 GiB.
        List<VmStep> steps = List.of(new StartVm("vm-5", "host-b"));
        MigrationPlan edited = new MigrationPlan("balance", "0hard/0soft",
                withNew.currentPlacement().with("vm-5", "host-b"), List.copyOf(steps), null);
        Path plan = TestFiles.write(dir.resolve("new.json"), PlanWriter.toJson(edited));

        Run run = Run.ballast("check-plan", plan.toString(), "--snapshot", cluster.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith(plan + ": step 1 (vm-5 (new) -> host-b): memory: ");
    }

    private Path plan(VmStep... steps) {
        return plan("balance", steps);
    }

    /** A plan file as an operator might edit it: the steps given, the placement they lead to. */
    private Path plan(String policy, VmStep... steps) {
        Placement after = CLUSTER.currentPlacement();
        for (VmStep step : steps) {
            after = after.with(step.vm(), step.to());
        }
        MigrationPlan plan = new MigrationPlan(policy, "0hard/0soft", after, List.of(steps), null);
        return TestFiles.write(dir.resolve("plan.json"), PlanWriter.toJson(plan));
    }

    private static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 64 * 1024, 10_000), null,
                Set.of("nfs-vms"), Set.of("virbr0"), null, null, null);
    }

    private static Vm vm(String name, String host, int gib) {
        return new Vm(name, host, gib * 1024L, 4, new Demand(1, 10), null, "nfs-vms", Set.of("virbr0"), false);
    }
}
