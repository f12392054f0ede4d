package dev.ballast.model;

/**
 * A hard rule the cluster breaks now and the plan could not mend, left as it is and said so: a
 * host over a limit that no placement relieves, a VM on a host in maintenance that fits nowhere
 * else. The plan still does everything else.
 *
 * @param rule  the rule's id ({@code cpu}, {@code host-state}...), or {@link #FITS_NOWHERE} for a VM that
 *              no host can hold within the policy's limits
 * @param where the host, VM or group it concerns
 * @param why   the breach as it stands after the plan, and why nothing mends it where known
 */
public record Unresolved(String rule, String where, String why) {

    /** A VM that no host of the cluster could hold within the policy's limits, even empty. */
    public static final String FITS_NOWHERE = "fits-nowhere";

    @Override
    public String toString() {
        return rule + ": " + why;
    }
}
