package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.SimulationConfig;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code simulated:} section of a Cluster file. */
class SimulatedClusterFileTest {

    private static ClusterConfig parse(String text) throws InputException {
        return ClusterConfigReader.parse(text, "sim.yaml", Path.of("/clusters"));
    }

    private static String problemsOf(String text) {
        InputException e = catchThrowableOfType(InputException.class, () -> parse(text));
        assertThat(e).as("must be refused").isNotNull();
        return e.getMessage();
    }

    @Test
    void aSnapshotFileIsRelativeToTheClusterFile() throws InputException {
        ClusterConfig config = parse("""
                apiVersion: ballast/v1
                kind: Cluster
                simulated:
                  snapshot: cluster.yaml
                  speed: 50
                  failures:
                    - {vm: vm-007, migration: fail}
                    - {vm: vm-008, migration: hang}
                    - {host: host-03, fault: no-power-driver}
                """);

        assertThat(config.isSimulated()).isTrue();
        assertThat(config.hosts()).isEmpty();
        assertThat(config.simulated()).isEqualTo(new SimulationConfig(Path.of("/clusters/cluster.yaml"), null, 50,
                java.util.List.of(Failure.ofVm("vm-007", Fault.MIGRATION_FAILS),
                        Failure.ofVm("vm-008", Fault.MIGRATION_HANGS),
                        Failure.ofHost("host-03", Fault.NO_POWER_DRIVER))));
    }

    @Test
    void aGeneratedClusterRunsAtRealSpeedByDefault() throws InputException {
        ClusterConfig config = parse("""
                apiVersion: ballast/v1
                kind: Cluster
                simulated:
                  generate: {hosts: 36, vms: 400, seed: 7}
                staleAfter: 2m
                """);

        assertThat(config.simulated().generate()).isEqualTo(new SimulationConfig.Generate(36, 400, 7));
        assertThat(config.simulated().speed()).isEqualTo(1);
        assertThat(config.simulated().failures()).isEmpty();
        assertThat(config.staleAfter()).hasMinutes(2);
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        String problems = problemsOf("""
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - {name: host-01, libvirtUri: qemu:///system}
                simulated:
                  generate: {hosts: 0, vms: 10, colour: red}
                  speed: -2
                  failures:
                    - {vm: vm-007, migration: explode}
                    - {host: host-03}
                    - {vm: vm-001, host: host-01}
                """);

        assertThat(problems)
                .contains("hosts: a simulated cluster brings its own hosts")
                .contains("simulated.generate.hosts: must be > 0")
                .contains("simulated.generate.colour: unknown field")
                .contains("simulated.speed: must be > 0")
                .contains("simulated.failures[0].migration: unknown value \"explode\" (allowed: fail, fail-part-way, hang)")
                .contains("simulated.failures[1].fault")
                .contains("simulated.failures[2]: name a vm");
    }

    @Test
    void aSimulatedClusterStartsFromExactlyOnePlace() {
        assertThat(problemsOf("""
                apiVersion: ballast/v1
                kind: Cluster
                simulated: {speed: 5}
                """)).contains("simulated: give where the cluster starts: snapshot");
        assertThat(problemsOf("""
                apiVersion: ballast/v1
                kind: Cluster
                simulated: {snapshot: a.yaml, generate: {hosts: 2, vms: 3}}
                """)).contains("one of them");
    }

    @Test
    void withoutSimulatedHostsAreStillRequired() {
        assertThat(problemsOf("""
                apiVersion: ballast/v1
                kind: Cluster
                """)).contains("hosts");
    }
}
