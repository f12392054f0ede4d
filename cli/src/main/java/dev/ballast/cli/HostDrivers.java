package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.hosts.simulated.SimulatedCluster;
import dev.ballast.hosts.simulated.Ticker;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.SimulationConfig;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.simulator.ClusterGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which {@link HostDriver} reaches the hosts of a cluster file: the one place the command line
 * chooses. A list of hosts is reached through libvirt; a {@code simulated:} section is a
 * {@link SimulatedCluster} in this process.
 *
 * <p>A simulated cluster keeps its state between commands in a state file beside the cluster
 * file ({@code sim.yaml}: {@code sim.state.yaml}, a snapshot): it starts from that file when
 * there is one, else from the snapshot or generated cluster the file names, and
 * {@link #saveState} writes it after a command changed it ({@code ballast apply}). Delete the
 * state file to start over.
 */
final class HostDrivers {

    private final ClusterConfig cluster;
    private final SimulatedCluster simulation;
    private final Path stateFile;
    private final String startedFrom;

    private HostDrivers(ClusterConfig cluster, SimulatedCluster simulation, Path stateFile, String startedFrom) {
        this.cluster = cluster;
        this.simulation = simulation;
        this.stateFile = stateFile;
        this.startedFrom = startedFrom;
    }

    /**
     * The drivers of the cluster file's hosts; for a simulated cluster, the cluster itself,
     * running on {@code ticker}.
     *
     * @throws InputException when the simulated cluster's snapshot or state file is bad, or a
     *                        failure names a VM or host it does not have
     */
    static HostDrivers of(ClusterConfig config, Path clusterFile, Ticker ticker) throws InputException {
        if (!config.isSimulated()) {
            return new HostDrivers(config, null, null, null);
        }
        SimulationConfig simulated = config.simulated();
        Path state = stateFileOf(clusterFile);
        ClusterSnapshot start;
        String from;
        if (Files.exists(state)) {
            start = SnapshotReader.read(state);
            from = state.toString();
        } else if (simulated.snapshot() != null) {
            start = SnapshotReader.read(simulated.snapshot());
            from = simulated.snapshot().toString();
        } else {
            SimulationConfig.Generate generate = simulated.generate();
            // The demo's fill and skew (hot and idle hosts to balance), without groups: the
            // collector cannot see groups, so a collected snapshot would lose them.
            start = ClusterGenerator.generate(new ClusterGenerator.Options(generate.hosts(), generate.vms(), 0.60,
                    0.8, 0, generate.seed()));
            from = "a generated cluster (" + generate.hosts() + " hosts, " + generate.vms() + " VMs, seed "
                    + generate.seed() + ")";
        }
        checkFailures(simulated.failures(), start, clusterFile);
        SimulatedCluster cluster = new SimulatedCluster(start, simulated.speed(), ticker, simulated.failures());
        return new HostDrivers(config.withHosts(cluster.hostConfigs()), cluster, state, from);
    }

    /** {@code sim.yaml} keeps its state in {@code sim.state.yaml}. */
    static Path stateFileOf(Path clusterFile) {
        String name = clusterFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return clusterFile.toAbsolutePath().resolveSibling(stem + ".state.yaml");
    }

    private static void checkFailures(List<Failure> failures, ClusterSnapshot start, Path clusterFile)
            throws InputException {
        for (int i = 0; i < failures.size(); i++) {
            Failure failure = failures.get(i);
            if (failure.vm() != null && start.vm(failure.vm()).isEmpty()) {
                throw new InputException(clusterFile.toString(), "simulated.failures[" + i + "].vm",
                        "the simulated cluster has no VM " + failure.vm());
            }
            if (failure.host() != null && start.host(failure.host()).isEmpty()) {
                throw new InputException(clusterFile.toString(), "simulated.failures[" + i + "].host",
                        "the simulated cluster has no host " + failure.host());
            }
        }
    }

    /** The cluster file, with a simulated cluster's own hosts listed. */
    ClusterConfig cluster() {
        return cluster;
    }

    /** Drivers for reading only (the collector). */
    Function<HostConfig, HostDriver> readOnly() {
        return simulation == null ? LibvirtHostDriver::openReadOnly : host -> simulation.driver(host.name());
    }

    /** Drivers for acting (the executor). */
    Function<HostConfig, HostDriver> readWrite() {
        return simulation == null ? LibvirtHostDriver::open : host -> simulation.driver(host.name());
    }

    /**
     * The simulated cluster's state file as it is now (written by whichever process changed the
     * cluster last); empty when there is none yet, or it cannot be read (logged).
     */
    Optional<ClusterSnapshot> reloadState() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotReader.read(stateFile));
        } catch (InputException e) {
            org.slf4j.LoggerFactory.getLogger(HostDrivers.class).warn("the simulated cluster's state file cannot be"
                    + " read back: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The simulated cluster, when the file names one. */
    Optional<SimulatedCluster> simulation() {
        return Optional.ofNullable(simulation);
    }

    /** Where a simulated cluster started from, in words; empty for real hosts. */
    Optional<String> startedFrom() {
        return Optional.ofNullable(startedFrom);
    }

    /** Writes a simulated cluster's state to its state file, for the next command; returns the file. */
    Optional<Path> saveState() throws IOException {
        if (simulation == null) {
            return Optional.empty();
        }
        PlanFiles.write(stateFile, SnapshotWriter.toYaml(simulation.snapshot()));
        return Optional.of(stateFile);
    }
}
