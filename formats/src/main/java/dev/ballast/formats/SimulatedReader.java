package dev.ballast.formats;

import dev.ballast.model.SimulationConfig;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import dev.ballast.model.SimulationConfig.Generate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code simulated:} section of a Cluster file: a simulated cluster instead of a list
 * of hosts. Validated as the rest of the file, every problem with its path:
 * <pre>
 * simulated:
 *   snapshot: cluster.yaml                      # relative to the cluster file, or
 *   generate: {hosts: 36, vms: 400, seed: 7}    # a generated cluster
 *   speed: 50                                   # migrations 50x faster than predicted
 *   failures:
 *     - {vm: vm-007, migration: fail}           # fail, fail-part-way, hang
 *     - {host: host-03, fault: unreachable}     # unreachable, no-power-driver, power-fails
 * </pre>
 * Whether the named VMs and hosts exist is checked once the cluster is built (the snapshot is
 * another file).
 */
final class SimulatedReader {

    private static final Fault[] MIGRATION_FAULTS = Arrays.stream(Fault.values()).filter(Fault::ofMigration)
            .toArray(Fault[]::new);
    private static final Fault[] HOST_FAULTS = Arrays.stream(Fault.values()).filter(f -> !f.ofMigration())
            .toArray(Fault[]::new);

    private SimulatedReader() {
    }

    /** The simulated cluster the root names; null when it names none (or has problems, reported). */
    static SimulationConfig simulated(NodeReader root, Path directory, Problems problems) {
        if (!root.has("simulated")) {
            return null;
        }
        if (root.has("hosts")) {
            root.report("hosts", "a simulated cluster brings its own hosts: give hosts or simulated, not both");
        }
        NodeReader simulated = root.object("simulated", true);
        if (simulated == null) {
            return null;
        }
        int mark = problems.count();
        simulated.allowOnly("snapshot", "generate", "speed", "failures");
        String snapshot = simulated.text("snapshot");
        Generate generate = generate(simulated.object("generate", false));
        if (simulated.has("snapshot") == simulated.has("generate")) {
            simulated.report("give where the cluster starts: snapshot (a snapshot file) or generate "
                    + "({hosts: N, vms: N, seed: N}), one of them");
        }
        Double speed = simulated.decimal("speed", SimulationConfig.DEFAULT_SPEED, Bound.POSITIVE);
        List<Failure> failures = new ArrayList<>();
        for (NodeReader failure : simulated.objects("failures", false)) {
            Failure read = failure(failure);
            if (read != null) {
                failures.add(read);
            }
        }
        if (problems.addedSince(mark) || speed == null || (snapshot == null && generate == null)) {
            return null;
        }
        return new SimulationConfig(snapshot == null ? null : directory.resolve(snapshot), generate, speed, failures);
    }

    private static Generate generate(NodeReader generate) {
        if (generate == null) {
            return null;
        }
        generate.allowOnly("hosts", "vms", "seed");
        Integer hosts = generate.integer("hosts", null, Bound.POSITIVE, true);
        Integer vms = generate.integer("vms", null, Bound.NON_NEGATIVE, true);
        Long seed = generate.whole("seed", 1L, Bound.ANY);
        return hosts == null || vms == null || seed == null ? null : new Generate(hosts, vms, seed);
    }

    private static Failure failure(NodeReader failure) {
        failure.allowOnly("vm", "migration", "host", "fault");
        if (failure.has("vm") == failure.has("host")) {
            failure.report("name a vm (with migration: fail, fail-part-way or hang) or a host "
                    + "(with fault: unreachable, no-power-driver or power-fails)");
            return null;
        }
        if (failure.has("vm")) {
            String vm = failure.requiredText("vm");
            Fault fault = failure.choice("migration", MIGRATION_FAULTS, Fault::key, null, true);
            if (failure.has("fault")) {
                failure.report("fault", "a VM's failure is given as migration: fail, fail-part-way or hang");
            }
            return vm == null || fault == null ? null : Failure.ofVm(vm, fault);
        }
        String host = failure.requiredText("host");
        Fault fault = failure.choice("fault", HOST_FAULTS, Fault::key, null, true);
        if (failure.has("migration")) {
            failure.report("migration", "a host's failure is given as fault: unreachable, no-power-driver or power-fails");
        }
        return host == null || fault == null ? null : Failure.ofHost(host, fault);
    }
}
