package dev.ballast.model;

/**
 * An amount of the three resources Ballast places by: CPU cores (decimals allowed), memory in
 * MiB and network bandwidth in Mb/s. Used for host capacities, VM usage and host load alike.
 */
public record Resources(double cpu, long memoryMiB, double networkMbps) {

    public static final Resources ZERO = new Resources(0, 0, 0);

    public Resources plus(Resources other) {
        return new Resources(cpu + other.cpu, memoryMiB + other.memoryMiB, networkMbps + other.networkMbps);
    }

    public Resources minus(Resources other) {
        return new Resources(cpu - other.cpu, memoryMiB - other.memoryMiB, networkMbps - other.networkMbps);
    }

    /** This amount scaled per resource, e.g. a capacity times the policy's limits. */
    public Resources scaledBy(Limits limits) {
        return new Resources(cpu * limits.cpu(), (long) Math.floor(memoryMiB * limits.memory()),
                networkMbps * limits.network());
    }

    /** True when no resource of this amount exceeds the same resource of {@code bound}. */
    public boolean fitsWithin(Resources bound) {
        return fitsWithin(cpu, memoryMiB, networkMbps, bound);
    }

    /** As {@link #fitsWithin(Resources)}, for an amount given as its parts (millions of VMs read, no record each). */
    public static boolean fitsWithin(double cpu, long memoryMiB, double networkMbps, Resources bound) {
        return cpu <= bound.cpu + EPSILON && memoryMiB <= bound.memoryMiB && networkMbps <= bound.networkMbps + EPSILON;
    }

    /** The value of one resource. */
    public double get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY -> memoryMiB;
            case NETWORK -> networkMbps;
        };
    }

    // Decimal cores and Mb/s are summed in floating point; a sum that lands a hair above a
    // limit it exactly meets is not a breach.
    private static final double EPSILON = 1e-9;
}
