package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIfCase;
import dev.ballast.rules.ClusterState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many more VMs of one shape fit, exactly, without moving any VM: each host takes the
 * largest whole number of them its free room holds under the policy's limits, for every
 * resource at once, if it offers their storage and bridges and its figures are fresh. A new VM
 * belongs to no group, so no other rule limits it; the hosts being independent, the sum is the
 * exact count, not an estimate from the cluster's totals (which would add up slivers of room no
 * VM can use).
 */
final class FitMore {

    private FitMore() {
    }

    static Answer.FitMore answer(WhatIfCase.FitMore question, ClusterSnapshot snapshot, Policy policy) {
        ClusterState state = ClusterState.current(snapshot, policy);
        VmShape shape = question.vm();
        Map<String, Integer> perHost = new LinkedHashMap<>();
        Map<String, Integer> boundBy = new TreeMap<>();
        int count = 0;
        int standby = 0;
        for (Host host : snapshot.hosts()) {
            if (host.isStale() || host.state() == HostState.MAINTENANCE) {
                continue;
            }
            Resources limit = host.capacity().scaledBy(policy.limits());
            if (!host.offersAttachmentsOf(shape.newVm("shape"))) {
                if (host.isActive()) {
                    boundBy.merge(shape.storage() != null && !host.storage().contains(shape.storage())
                            ? "storage" : "bridges", 1, Integer::sum);
                }
                continue;
            }
            if (host.state() == HostState.STANDBY) {
                standby += onHost(Resources.ZERO, limit, shape.usage());
                continue;
            }
            Resources load = state.loadOf(host.name());
            int n = onHost(load, limit, shape.usage());
            count += n;
            if (n > 0) {
                perHost.put(host.name(), n);
            }
            boundBy.merge(binding(load, limit, shape.usage(), n), 1, Integer::sum);
        }
        return new Answer.FitMore(question.name(), Verdict.of(count > 0), count, count + standby, perHost, boundBy);
    }

    /** The most VMs of {@code usage} that {@code load} leaves room for under {@code limit}. */
    static int onHost(Resources load, Resources limit, Resources usage) {
        long n = Long.MAX_VALUE;
        for (Resource resource : Resource.values()) {
            double each = usage.get(resource);
            if (each > 0) {
                double free = limit.get(resource) - load.get(resource);
                n = Math.min(n, (long) Math.max(0, Math.floor((free + 1e-9) / each)));
            }
        }
        n = Math.min(n, Integer.MAX_VALUE - 1);
        // The rule's own arithmetic decides at the edge: floating sums land a hair either side.
        while (n > 0 && !fits(load, limit, usage, n)) {
            n--;
        }
        while (fits(load, limit, usage, n + 1)) {
            n++;
        }
        return (int) n;
    }

    private static boolean fits(Resources load, Resources limit, Resources usage, long n) {
        return load.plus(new Resources(usage.cpu() * n, usage.memoryMiB() * n, usage.networkMbps() * n))
                .fitsWithin(limit);
    }

    /** The resource that stops the host taking one more. */
    private static String binding(Resources load, Resources limit, Resources usage, int n) {
        Resources next = load.plus(new Resources(usage.cpu() * (n + 1), usage.memoryMiB() * (n + 1L),
                usage.networkMbps() * (n + 1)));
        for (Resource resource : new Resource[] {Resource.MEMORY, Resource.CPU, Resource.NETWORK}) {
            if (next.get(resource) > limit.get(resource) + 1e-9) {
                return resource.key();
            }
        }
        return "memory";
    }
}
