package dev.ballast.simulator;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulated clusters shaped like real clouds, reproducible from a seed: the same options give
 * the same snapshot, VM for VM, on every machine.
 *
 * <p>Hosts are a mix of {@link HostFlavour}s chosen so the VMs fill their memory to
 * {@link Options#fill()} on average. VMs are mostly small with a tail of large ones, CPU-,
 * memory-heavy or balanced, mostly lightly used. The current placement is valid (memory within
 * 100%, CPU within 92%, every group rule kept) and skewed: with {@link Options#skew()} above 0
 * a few hosts are hot (CPU over 85%) and a few nearly idle.
 *
 * <p>Limits: the largest VM is 128 GiB, so small hosts cannot take every VM; clusters that are
 * too full to place are refused with an {@link IllegalArgumentException}.
 */
public final class ClusterGenerator {

    /** The seed of the built-in demo cluster. */
    public static final long DEMO_SEED = 20_240_601L;

    /**
     * What to generate.
     *
     * @param fill   the mean memory fill of the hosts: above 0, at most 0.95
     * @param skew   0 spreads VMs evenly around the fill; 1 makes about 12% of hosts hot and
     *               12% nearly idle and spreads the rest widely
     * @param groups placement groups: alternately an anti-affinity group of 3 VMs and an
     *               affinity group of 2
     * @param maxVcpus the largest VM drawn, in vCPUs (1, 2, 4, 8, 16 or 32; default 32)
     */
    public record Options(int hosts, int vms, double fill, double skew, int groups, long seed, int maxVcpus) {

        public Options(int hosts, int vms, double fill, double skew, int groups, long seed) {
            this(hosts, vms, fill, skew, groups, seed, 32);
        }

        public Options {
            require(hosts >= 1, "hosts must be at least 1, got " + hosts);
            require(vms >= 0, "vms must not be negative, got " + vms);
            require(fill > 0 && fill <= 0.95, "fill must be above 0 and at most 0.95, got " + fill);
            require(skew >= 0 && skew <= 1, "skew must be between 0 and 1, got " + skew);
            require(groups >= 0, "groups must not be negative, got " + groups);
            require(groups == 0 || hosts >= 3, "groups need at least 3 hosts (anti-affinity of 3), got " + hosts);
            require(groups * 3 <= vms, "groups need 3 VMs each: " + groups + " groups, " + vms + " VMs");
            require(maxVcpus >= 1, "maxVcpus must be at least 1, got " + maxVcpus);
        }

        public Options withSeed(long newSeed) {
            return new Options(hosts, vms, fill, skew, groups, newSeed, maxVcpus);
        }

        /** These options with no VM larger than {@code vcpus}. */
        public Options withMaxVcpus(int vcpus) {
            return new Options(hosts, vms, fill, skew, groups, seed, vcpus);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    private ClusterGenerator() {
    }

    /** The options of {@link #demo()}. */
    public static Options demoOptions() {
        return new Options(36, 400, 0.60, 0.8, 2, DEMO_SEED);
    }

    /** The built-in demo: 36 hosts, 400 VMs, 2 groups, some hosts hot and some nearly idle. */
    public static ClusterSnapshot demo() {
        return generate(demoOptions());
    }

    /**
     * A mixed cluster for tests: memory about 60% full, moderate skew, no groups. Feasible at
     * the usual policy limits (CPU 0.85, memory 0.95, network 0.8) for any seed.
     */
    public static ClusterSnapshot mixed(int hosts, int vms, long seed) {
        return generate(mixedOptions(hosts, vms, seed));
    }

    /** The options of {@link #mixed}, to vary. */
    public static Options mixedOptions(int hosts, int vms, long seed) {
        return new Options(hosts, vms, 0.60, 0.5, 0, seed);
    }

    /** The cluster the options describe. */
    public static ClusterSnapshot generate(Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Vm> vms = new ArrayList<>(options.vms());
        for (int i = 1; i <= options.vms(); i++) {
            vms.add(VmShapes.draw(vmName(i), options.maxVcpus(), random));
        }
        long vmMemory = vms.stream().mapToLong(Vm::memoryMiB).sum();
        List<Host> hosts = HostFleet.build(HostFleet.flavours(options.hosts(), vmMemory, options.fill(), random));
        List<Group> groups = groups(options.groups(), vms, random);
        return new ClusterSnapshot(hosts, SkewedPlacer.place(hosts, vms, groups, options.skew(), random), groups);
    }

    /**
     * A cluster of identical medium hosts and identical VMs (4 vCPUs, 16 GiB, 1 core, 50 Mb/s),
     * whose best consolidation is easy to compute: for benchmarks.
     */
    public static ClusterSnapshot identical(int hosts, int vms, long seed) {
        HostFlavour[] flavours = new HostFlavour[hosts];
        Arrays.fill(flavours, HostFlavour.MEDIUM);
        List<Host> hostList = HostFleet.build(flavours);
        List<Vm> vmList = new ArrayList<>(vms);
        for (int i = 1; i <= vms; i++) {
            vmList.add(new Vm(vmName(i), null, 16 * 1024L, 4, new Demand(1.0, 50.0), 20.0,
                    VmShapes.STORAGE, Set.of(VmShapes.BRIDGE), false));
        }
        SplittableRandom random = new SplittableRandom(seed);
        return new ClusterSnapshot(hostList, SkewedPlacer.place(hostList, vmList, List.of(), 0.5, random), List.of());
    }

    /** Alternately three replicas kept apart and a pair kept together, picked among small VMs. */
    private static List<Group> groups(int count, List<Vm> vms, SplittableRandom random) {
        List<String> candidates = new ArrayList<>(vms.stream().filter(vm -> vm.vcpus() <= 4).map(Vm::name).toList());
        if (candidates.size() < count * 3) {
            candidates = new ArrayList<>(vms.stream().map(Vm::name).toList());
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 1; g <= count; g++) {
            boolean apart = g % 2 == 1;
            List<String> members = new ArrayList<>();
            for (int k = 0; k < (apart ? 3 : 2); k++) {
                members.add(candidates.remove(random.nextInt(candidates.size())));
            }
            groups.add(apart
                    ? new Group("db-replicas-" + g, GroupRule.ANTI_AFFINITY, members)
                    : new Group("app-pair-" + g, GroupRule.AFFINITY, members));
        }
        return groups;
    }

    private static String vmName(int number) {
        return String.format("vm-%04d", number);
    }
}
