package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.formats.SnapshotReader;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Vm;
import dev.ballast.simulator.ClusterGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast collect} on a simulated cluster file: no root, no libvirt, no waiting. */
class SimulatedCollectTest {

    @TempDir
    Path dir;

    private Path cluster(String simulated) throws Exception {
        return Files.writeString(dir.resolve("sim.yaml"), "apiVersion: ballast/v1\nkind: Cluster\nsimulated:\n"
                + simulated.indent(2));
    }

    private ClusterSnapshot collect(Path cluster) throws Exception {
        Path output = dir.resolve("collected.yaml");
        Run run = Run.ballast("collect", "--cluster", cluster.toString(), "--output", output.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("simulated cluster, started from");
        return SnapshotReader.read(output);
    }

    @Test
    void collectsTheSnapshotTheClusterStartedFrom() throws Exception {
        ClusterSnapshot start = ClusterGenerator.mixed(4, 30, 3);
        Files.writeString(dir.resolve("start.yaml"), SnapshotWriter.toYaml(start));

        ClusterSnapshot collected = collect(cluster("snapshot: start.yaml"));

        assertThat(collected.vms()).hasSameSizeAs(start.vms());
        for (Vm vm : start.vms()) {
            Vm found = collected.vm(vm.name()).orElseThrow();
            assertThat(found.host()).isEqualTo(vm.host());
            assertThat(found.memoryMiB()).isEqualTo(vm.memoryMiB());
            assertThat(found.demand().cpu()).as(vm.name() + " cpu").isCloseTo(vm.demand().cpu(), within(1e-6));
            assertThat(found.demand().networkMbps()).as(vm.name() + " network")
                    .isCloseTo(vm.demand().networkMbps(), within(1e-6));
        }
        for (Host host : start.hosts()) {
            Host found = collected.host(host.name()).orElseThrow();
            assertThat(found.capacity().cpu()).isCloseTo(host.capacity().cpu(), within(1e-6));
            assertThat(found.capacity().memoryMiB()).isEqualTo(host.capacity().memoryMiB());
            assertThat(found.capacity().networkMbps()).isCloseTo(host.capacity().networkMbps(), within(1e-6));
            assertThat(found.isStale()).isFalse();
        }
    }

    @Test
    void startsFromTheStateFileBesideTheClusterFileWhenThereIsOne() throws Exception {
        ClusterSnapshot start = ClusterGenerator.mixed(3, 6, 5);
        Host emptied = start.hosts().get(2);
        ClusterSnapshot state = new ClusterSnapshot(start.hosts(),
                start.vms().stream().map(vm -> vm.host().equals(emptied.name()) ? vm.onHost(start.hosts().get(0).name()) : vm).toList(),
                start.groups()).withHostState(emptied.name(), HostState.STANDBY);
        Files.writeString(dir.resolve("sim.state.yaml"), SnapshotWriter.toYaml(state));

        ClusterSnapshot collected = collect(cluster("generate: {hosts: 3, vms: 6, seed: 5}"));

        assertThat(collected.host(emptied.name()).orElseThrow().state()).isEqualTo(HostState.STANDBY);
        assertThat(collected.host(emptied.name()).orElseThrow().isStale()).isFalse();
        assertThat(collected.vms()).allSatisfy(vm -> assertThat(vm.host()).isNotEqualTo(emptied.name()));
    }

    @Test
    void aFailureOfAVmTheClusterDoesNotHaveIsBadInput() throws Exception {
        Path cluster = cluster("""
                generate: {hosts: 2, vms: 3, seed: 1}
                failures: [{vm: vm-999, migration: fail}]
                """);

        Run run = Run.ballast("collect", "--cluster", cluster.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sim.yaml").contains("simulated.failures[0].vm")
                .contains("the simulated cluster has no VM vm-999");
    }
}
