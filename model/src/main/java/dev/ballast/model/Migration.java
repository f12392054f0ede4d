package dev.ballast.model;

/**
 * One step of a plan: move a VM from one host to another. {@code from} is null when a new VM is
 * started on {@code to}.
 */
public record Migration(String vm, String from, String to) {

    public boolean placesNewVm() {
        return from == null;
    }
}
