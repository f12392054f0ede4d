package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.Comparator;
import java.util.List;

/**
 * The volume bound on the hosts a placement needs: for each resource, the fewest active hosts
 * whose capacity at the policy's limits covers the total demand, taking the largest hosts first;
 * the highest count over the resources. No placement uses fewer hosts, but the bound ignores
 * that VMs are indivisible, so the best placement may need more (a few percent on typical
 * mixes, more when VMs are large against hosts).
 */
public final class LowerBound {

    private LowerBound() {
    }

    /** The bound; every active host when even they all do not cover the demand. */
    public static int hosts(ClusterSnapshot snapshot, Policy policy) {
        Resources demand = snapshot.vms().stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
        List<Resources> usable = snapshot.hosts().stream().filter(Host::isActive)
                .map(h -> h.capacity().scaledBy(policy.limits())).toList();
        int bound = 0;
        for (Resource resource : Resource.values()) {
            bound = Math.max(bound, fewestCovering(usable, resource, demand.get(resource)));
        }
        return bound;
    }

    private static int fewestCovering(List<Resources> usable, Resource resource, double demand) {
        List<Double> largestFirst = usable.stream().map(r -> r.get(resource))
                .sorted(Comparator.reverseOrder()).toList();
        double covered = 0;
        int count = 0;
        // The same tolerance as the hard rule's, so a demand that exactly fills n hosts needs n.
        while (covered < demand - 1e-9 && count < largestFirst.size()) {
            covered += largestFirst.get(count++);
        }
        return count;
    }
}
