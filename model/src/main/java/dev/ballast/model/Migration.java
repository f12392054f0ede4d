package dev.ballast.model;

import java.util.Objects;

/**
 * A live migration of a running VM from one host to another.
 *
 * @param detour   true for a temporary stop on the way, announced as such: the VM moves on
 *                 in a later step, once its destination has room
 * @param estimate how long the move should take and pause the guest; null when not estimated
 */
public record Migration(String vm, String from, String to, boolean detour, MigrationEstimate estimate)
        implements VmStep {

    public static final String ACTION = "migrate";

    public Migration {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** A plain move, not yet estimated. */
    public Migration(String vm, String from, String to) {
        this(vm, from, to, false, null);
    }

    @Override
    public String action() {
        return ACTION;
    }

    public Migration withEstimate(MigrationEstimate newEstimate) {
        return new Migration(vm, from, to, detour, newEstimate);
    }

    public Migration asDetour() {
        return new Migration(vm, from, to, true, estimate);
    }
}
