package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PowerOff;
import dev.ballast.model.VmStep;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's loop on a simulated cluster: collect, plan, apply, collect again. No root, no libvirt. */
class SimulatedLoopTest {

    @TempDir
    Path dir;

    @Test
    void collectPlanApplyAndTheNextCollectSeesWhereTheVmsEnded() throws Exception {
        Path cluster = Files.writeString(dir.resolve("sim.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                simulated:
                  generate: {hosts: 6, vms: 12, seed: 3}
                  speed: 1000
                """);
        Path snapshot = dir.resolve("snapshot.yaml");
        Path plan = dir.resolve("plan.json");

        Run collect = Run.ballast("collect", "--cluster", cluster.toString(), "--output", snapshot.toString());
        assertThat(collect.exitCode()).as(collect.toString()).isZero();
        Run planned = Run.ballast("plan", "--snapshot", snapshot.toString(), "--policy", "consolidate",
                "--time-limit", "2s", "--output", plan.toString());
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        MigrationPlan written = PlanReader.read(plan);
        assertThat(written.steps()).as("a consolidation of a generated cluster moves something").isNotEmpty();

        Run apply = Run.ballast("apply", plan.toString(), "--cluster", cluster.toString(), "--yes",
                "--snapshot-interval", "100ms");

        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("COMPLETED");
        assertThat(apply.err()).contains("state written to " + dir.resolve("sim.state.yaml").toAbsolutePath());
        Run again = Run.ballast("collect", "--cluster", cluster.toString(), "--output", snapshot.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("started from " + dir.resolve("sim.state.yaml").toAbsolutePath());
        ClusterSnapshot after = SnapshotReader.read(snapshot);
        for (var step : written.steps()) {
            if (step instanceof VmStep move) {
                assertThat(after.vm(move.vm()).orElseThrow().host()).as(move.vm()).isEqualTo(written.placement()
                        .hostOf(move.vm()));
            } else if (step instanceof PowerOff off) {
                assertThat(after.host(off.host()).orElseThrow().state()).as(off.host()).isEqualTo(HostState.STANDBY);
            }
        }
    }
}
