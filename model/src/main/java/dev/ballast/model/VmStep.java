package dev.ballast.model;

/** A step that puts a VM on a host: a live migration, or the start of a new VM. */
public sealed interface VmStep extends Step permits Migration, StartVm {

    String vm();

    /** Where the VM runs before the step; null for a new VM. */
    String from();

    /** Where the VM runs after the step. */
    String to();

    @Override
    default String host() {
        return to();
    }

    @Override
    default void applyTo(ClusterChanges cluster) {
        cluster.placeVm(vm(), to());
    }

    @Override
    default String describe() {
        return vm() + " " + (from() == null ? "(new)" : from()) + " -> " + to();
    }
}
