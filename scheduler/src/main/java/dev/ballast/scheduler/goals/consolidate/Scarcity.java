package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

/**
 * How much each resource limits packing, as weights of the packing reward: the resource the VMs
 * need the largest share of weighs 1, the others less, steeply. A cluster full on memory and
 * idle on CPU packs by memory; rewarding CPU fill as much would only blur the search's gradient.
 */
record Scarcity(double cpu, double memory, double network) {

    /** The steepness: measured on mixed clusters, 3 packed tighter than 1 (even) or 8 (scarcest only). */
    static final double EXPONENT = 3;

    static Scarcity of(ClusterSnapshot snapshot, Policy policy) {
        Resources needed = snapshot.vms().stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
        Resources offered = snapshot.hosts().stream().filter(Host::isActive)
                .map(h -> h.capacity().scaledBy(policy.limits())).reduce(Resources.ZERO, Resources::plus);
        double cpu = share(needed.cpu(), offered.cpu());
        double memory = share(needed.memoryMiB(), offered.memoryMiB());
        double network = share(needed.networkMbps(), offered.networkMbps());
        double most = Math.max(cpu, Math.max(memory, network));
        if (most == 0) {
            return new Scarcity(1, 1, 1);
        }
        return new Scarcity(weight(cpu / most), weight(memory / most), weight(network / most));
    }

    /** The resource the VMs need the largest share of: the one that binds the packing. */
    Resource binding() {
        if (memory >= cpu && memory >= network) {
            return Resource.MEMORY;
        }
        return cpu >= network ? Resource.CPU : Resource.NETWORK;
    }

    private static double weight(double relativeShare) {
        return Math.pow(relativeShare, EXPONENT);
    }

    private static double share(double needed, double offered) {
        return offered <= 0 ? 0 : needed / offered;
    }
}
