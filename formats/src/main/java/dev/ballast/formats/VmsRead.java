package dev.ballast.formats;

import java.time.Instant;
import java.util.BitSet;
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
    private final VmNames names;
    private final BitSet valid = new BitSet();
    private int broken;

    VmsRead(VmNames names) {
        this.names = names;
    }

    /** The name of a VM read without problems, at {@code index} of the file's list; {@link #keep} follows. */
    final void accept(int index, String name) {
        skipTo(index);
        valid.set(index);
        names.add(name);
    }

    /** As {@link #accept(int, String)}, the name given as the first {@code length} of {@code chars}. */
    final void accept(int index, char[] chars, int length) {
        skipTo(index);
        valid.set(index);
        names.add(chars, length);
    }

    /** A VM with problems (reported as it was read); {@code name} as read, null when it could not be. */
    final void reject(int index, String name) {
        skipTo(index);
        broken++;
        names.add(name);
    }

    /**
     * What this keeper keeps of the VM last {@link #accept}ed (its storage id and bridge set
     * shared with the VMs read before it), the VMs in the file's order; {@code dirtyRate} is NaN
     * when not given.
     */
    abstract void keep(String host, long memoryMiB, int vcpus, double cpu, double networkMbps,
            double dirtyRate, String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt);

    /** What each VM read without problems needs of a host, in order (as {@link #validIndexes}). */
    abstract Fit.Needs needs();

    // Entries of the list that are no object, so no VM, are reported apart, and left out of allValid.
    private void skipTo(int index) {
        while (names.size() < index) {
            names.add(null);
        }
    }

    /** The name of the VM last {@link #accept}ed. */
    final String lastName() {
        return names.get(names.size() - 1);
    }

    /** The name of the index-th VM, or null when it could not be read; only for an index added. */
    final String nameAt(int index) {
        return names.get(index);
    }

    /** The hash of the index-th VM's name, as {@link String#hashCode}'s; only for a VM read without problems. */
    final int hashAt(int index) {
        return names.hashAt(index);
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
