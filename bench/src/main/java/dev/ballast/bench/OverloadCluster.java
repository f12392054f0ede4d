package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Placement;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.simulator.ClusterGenerator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An overload benchmark: a mixed cluster of 11 VMs per host, spread evenly within the built-in
 * limits, where a few hosts then run hot: the CPU demand of their VMs grows until each runs at
 * 93-101% of its cores, against the built-in limit of 85%. What a good answer does is plain: a
 * few migrations off each hot host; everything else is churn. Reproducible from the seed.
 */
final class OverloadCluster {

    /** The built-in policies' limits: every host but the hot ones starts within them. */
    static final Limits BUILT_IN = new Limits(0.85, 0.95, 0.8);
    static final int VMS_PER_HOST = 11;
    private static final double HOTTEST = 1.01;
    private static final double LEAST_HOT = 0.93;

    private OverloadCluster() {
    }

    /** {@code hosts} hosts, {@code hot} of them over the CPU limit. */
    static ClusterSnapshot generate(int hosts, int hot, long seed) {
        ClusterGenerator.Options even = new ClusterGenerator.Options(hosts, hosts * VMS_PER_HOST, 0.6, 0, 0, seed, 16);
        ClusterSnapshot cluster = ClusterGenerator.generate(even);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Resources> load = cluster.currentPlacement().loadByHost(cluster);
        // The coolest of the hosts within the limits are not made hot: they are where relief goes.
        List<Host> candidates = new ArrayList<>(cluster.hosts().stream()
                .filter(h -> load.getOrDefault(h.name(), Resources.ZERO).fitsWithin(h.capacity().scaledBy(BUILT_IN)))
                .filter(h -> load.containsKey(h.name()))
                .toList());
        Map<String, Double> heatOf = new HashMap<>();
        for (int i = 0; i < hot && !candidates.isEmpty(); i++) {
            Host host = candidates.remove(random.nextInt(candidates.size()));
            double target = LEAST_HOT + (HOTTEST - LEAST_HOT) * (hot == 1 ? 1 : i / (double) (hot - 1));
            heatOf.put(host.name(), target * host.capacity().cpu() / load.get(host.name()).cpu());
        }
        List<Vm> vms = cluster.vms().stream()
                .map(vm -> heatOf.containsKey(vm.host()) ? hotter(vm, heatOf.get(vm.host())) : vm)
                .toList();
        return new ClusterSnapshot(cluster.hosts(), vms, cluster.groups());
    }

    private static Vm hotter(Vm vm, double factor) {
        return new Vm(vm.name(), vm.host(), vm.memoryMiB(), vm.vcpus(),
                new Demand(vm.demand().cpu() * factor, vm.demand().networkMbps()), vm.dirtyRateMiBps(),
                vm.storage(), vm.bridges(), vm.pinned(), vm.lastMigratedAt());
    }

    /** The hosts over a limit of the policy under the placement, hottest first. */
    static List<String> overLimit(ClusterSnapshot snapshot, Limits limits, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        return snapshot.hosts().stream().filter(Host::isActive)
                .filter(h -> !load.getOrDefault(h.name(), Resources.ZERO).fitsWithin(h.capacity().scaledBy(limits)))
                .sorted(Comparator.comparingDouble(
                        (Host h) -> -load.get(h.name()).cpu() / h.capacity().cpu()))
                .map(Host::name).toList();
    }
}
