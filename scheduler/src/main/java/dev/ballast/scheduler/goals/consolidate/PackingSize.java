package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.scheduler.solver.ProblemBuilder;

/**
 * One number for an amount of resources, as consolidation's greedy starts compare VMs and room:
 * each resource as a share of a mean host's capacity within the limits, weighted by its
 * {@link Scarcity}, so that the resource that binds the packing counts most. Every weight is
 * non-negative, so an amount that fits within another, resource by resource, is never the larger.
 */
record PackingSize(double perCore, double perMiB, double perMbps) {

    static PackingSize of(ClusterSnapshot snapshot, Policy policy) {
        Scarcity scarcity = Scarcity.of(snapshot, policy);
        Resources mean = ProblemBuilder.meanActiveCapacity(snapshot).scaledBy(policy.limits());
        return new PackingSize(per(scarcity.cpu(), mean.cpu()), per(scarcity.memory(), mean.memoryMiB()),
                per(scarcity.network(), mean.networkMbps()));
    }

    double of(Resources amount) {
        return amount.cpu() * perCore + amount.memoryMiB() * perMiB + amount.networkMbps() * perMbps;
    }

    private static double per(double weight, double capacity) {
        return capacity > 0 ? weight / capacity : 0;
    }
}
