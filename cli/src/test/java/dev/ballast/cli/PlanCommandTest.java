package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ballast plan} end to end, with the real planner and short time limits. */
class PlanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aPlanIsWrittenAsJsonAndShownAsText() throws IOException {
        Path snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(6, 40, 3));
        Path output = dir.resolve("plan.json");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance",
                "--time-limit", "1s", "--seed", "1", "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode plan = JSON.readTree(output.toFile());
        assertThat(plan.path("apiVersion").asText()).isEqualTo("ballast/v1");
        assertThat(plan.path("kind").asText()).isEqualTo("MigrationPlan");
        assertThat(plan.path("placement").size()).isEqualTo(40);
        assertThat(plan.path("steps").isArray()).isTrue();
        assertThat(run.out()).startsWith("Policy balance (goal balance;").contains("Summary");
    }

    @Test
    void jsonFormatPrintsThePlanOnStdout() throws IOException {
        Path snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(6, 40, 4));
        Path output = dir.resolve("plan.json");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "consolidate",
                "--time-limit", "1s", "--seed", "1", "--format", "json", "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.out()).path("kind").asText()).isEqualTo("MigrationPlan");
        assertThat(run.out()).isEqualTo(Files.readString(output));
    }

    @Test
    void aPolicyFileIsReadByPath() {
        Path snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(4, 20, 5));
        Path policy = TestFiles.write(dir.resolve("tight.yaml"), TestFiles.POLICY_YAML);

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", policy.toString(), "--time-limit", "1s");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Policy tight (goal balance; limits cpu 80.0%, memory 90.0%");
    }

    @Test
    void noFeasiblePlacementFailsTheJobNamingTheResource() {
        Path snapshot = TestFiles.snapshot(dir, "full.yaml", tooMuchMemory());
        Path output = dir.resolve("plan.json");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance",
                "--time-limit", "2s", "--output", output.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("No feasible placement under policy \"balance\"").contains("memory");
        assertThat(output).doesNotExist();
    }

    @Test
    void anOutputInAMissingDirectoryIsBadInputFoundBeforePlanning() {
        Path snapshot = TestFiles.snapshot(dir, "cluster.yaml", ClusterGenerator.mixed(4, 20, 5));

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "balance",
                "--output", dir.resolve("no/such/dir/plan.json").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--output").contains("does not exist");
    }

    @Test
    void aBadSnapshotAndABadPolicyAreBothReported() {
        Path snapshot = TestFiles.write(dir.resolve("empty.yaml"), "");

        Run run = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "no-such-policy");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("empty.yaml").contains("no-such-policy");
    }

    /** Two hosts of 64 GiB and three new 48 GiB VMs: each fits a host, all three never do. */
    private static ClusterSnapshot tooMuchMemory() {
        List<Host> hosts = List.of(host("host-1"), host("host-2"));
        List<Vm> vms = List.of(newVm("vm-1"), newVm("vm-2"), newVm("vm-3"));
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    private static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(32, 64 * 1024, 10_000), null,
                Set.of("nfs-vms"), Set.of("virbr0"), null, null, null);
    }

    private static Vm newVm(String name) {
        return new Vm(name, null, 48 * 1024, 4, new Demand(1, 10), null, "nfs-vms", Set.of("virbr0"), false);
    }
}
