package dev.ballast.model;

import java.util.Objects;

/**
 * A live migration of a running VM from one host to another.
 *
 * @param detour   true for a temporary stop on the way, announced as such: the VM moves on
 *                 in a later step, once its destination has room
 * @param estimate how long the move should take and pause the guest; null when not estimated
 * @param reason   why it is in the plan; null when not given
 */
public record Migration(String vm, String from, String to, boolean detour, MigrationEstimate estimate, Reason reason)
        implements VmStep {

    public static final String ACTION = "migrate";

    public Migration {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** A plain move, not yet estimated. */
    public Migration(String vm, String from, String to) {
        this(vm, from, to, false, null, null);
    }

    /** A move without a reason. */
    public Migration(String vm, String from, String to, boolean detour, MigrationEstimate estimate) {
        this(vm, from, to, detour, estimate, null);
    }

    @Override
    public String action() {
        return ACTION;
    }

    public Migration withEstimate(MigrationEstimate newEstimate) {
        return new Migration(vm, from, to, detour, newEstimate, reason);
    }

    public Migration asDetour() {
        return new Migration(vm, from, to, true, estimate, reason);
    }

    @Override
    public Migration withReason(Reason newReason) {
        return new Migration(vm, from, to, detour, estimate, newReason);
    }
}
