package dev.ballast.model;

/**
 * One step of a plan: move a VM from one host to another. {@code from} is null when a new VM is
 * started on {@code to}.
 *
 * @param detour   true for a temporary stop on the way, announced as such: the VM moves on
 *                 in a later step, once its destination has room
 * @param estimate how long the move should take and pause the guest; null when not estimated
 *                 (always null for a new VM)
 */
public record Migration(String vm, String from, String to, boolean detour, MigrationEstimate estimate) {

    /** A plain move, not yet estimated. */
    public Migration(String vm, String from, String to) {
        this(vm, from, to, false, null);
    }

    public boolean placesNewVm() {
        return from == null;
    }

    public Migration withEstimate(MigrationEstimate newEstimate) {
        return new Migration(vm, from, to, detour, newEstimate);
    }

    public Migration asDetour() {
        return new Migration(vm, from, to, true, estimate);
    }
}
