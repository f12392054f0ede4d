package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.Resource;

/**
 * Balance: how far above the cluster's mean utilisation each resource of a host may run before
 * the host counts as hot, as fractions: 0.04 is 4 percentage points. Memory is allocated in
 * large pieces (a VM's whole memory), so holding it as tight as CPU may cost many migrations or
 * be impossible; operators often keep CPU tight and the others loose.
 */
public record Tolerance(double cpu, double memory, double network) {

    /** The same tolerance for every resource. */
    public static Tolerance uniform(double fraction) {
        return new Tolerance(fraction, fraction, fraction);
    }

    public double get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case NETWORK -> network;
        };
    }

    public boolean isUniform() {
        return cpu == memory && memory == network;
    }
}
