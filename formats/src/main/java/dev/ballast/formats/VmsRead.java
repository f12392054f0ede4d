package dev.ballast.formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * The VMs of a snapshot as read, in the file's order: where the VM readers ({@link VmReader},
 * {@link StreamedVm}) put each VM once checked, so that every check has one definition whatever
 * is kept of its VMs. Two keepers: {@link VmsLoaded} makes a {@code Vm} of each, for the
 * snapshot {@code plan} loads; {@link VmsChecked} keeps only what the checks across VMs need
 * (names, amounts, storage and bridges), for {@code validate}. No {@link Entry} each, as a
 * snapshot has millions; the list's place of a VM is its index in the file's {@code vms}.
 */
abstract class VmsRead {

    static final String LIST = "vms";

    // Each entry's name as read (null when it could not be, or for an entry that is no object).
    private final List<String> names = new ArrayList<>();
    private final BitSet valid = new BitSet();
    private int broken;

    /** A VM read without problems, at {@code index} of the file's list; its storage id and bridge set shared. */
    final void accept(int index, String name, String host, long memoryMiB, int vcpus, double cpu, double networkMbps,
            Double dirtyRate, String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt) {
        skipTo(index);
        valid.set(index);
        names.add(name);
        keep(name, host, memoryMiB, vcpus, cpu, networkMbps, dirtyRate, storage, bridges, pinned, lastMigratedAt);
    }

    /** A VM with problems (reported as it was read); {@code name} as read, null when it could not be. */
    final void reject(int index, String name) {
        skipTo(index);
        broken++;
        names.add(name);
    }

    /** What this keeper keeps of a VM read without problems, the VMs in the file's order. */
    abstract void keep(String name, String host, long memoryMiB, int vcpus, double cpu, double networkMbps,
            Double dirtyRate, String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt);

    /** What each VM read without problems needs of a host, in order (as {@link #validIndexes}). */
    abstract Fit.Needs needs();

    // Entries of the list that are no object, so no VM, are reported apart, and left out of allValid.
    private void skipTo(int index) {
        while (names.size() < index) {
            names.add(null);
        }
    }

    /** The name of the index-th VM, or null when it could not be read; only for an index added. */
    final String nameAt(int index) {
        return names.get(index);
    }

    /** The entries of the file's list read so far, VMs or not. */
    final int size() {
        return names.size();
    }

    final boolean allValid() {
        return broken == 0;
    }

    /** How many VMs were read without problems. */
    final int validCount() {
        return valid.cardinality();
    }

    /** For each VM read without problems, its index in the file's list. */
    final int[] validIndexes() {
        return valid.stream().toArray();
    }

    /** {@code vms[3]}: where the index-th VM is in the file. */
    static String path(int index) {
        return LIST + "[" + index + "]";
    }
}
