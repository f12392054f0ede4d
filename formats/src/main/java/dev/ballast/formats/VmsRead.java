package dev.ballast.formats;

import dev.ballast.model.Vm;
import java.util.ArrayList;
import java.util.List;

/**
 * The VMs of a snapshot as read, in the file's order: each VM, or null for one with problems
 * (reported as it was read). No {@link Entry} each, as a snapshot has millions; the list's
 * place of a VM is its index in the file's {@code vms}.
 */
final class VmsRead {

    static final String LIST = "vms";

    private final List<Vm> vms = new ArrayList<>();
    private int broken;

    /** The next VM of the list, or null when it had problems. */
    void add(Vm vm) {
        vms.add(vm);
        if (vm == null) {
            broken++;
        }
    }

    int size() {
        return vms.size();
    }

    boolean allValid() {
        return broken == 0;
    }

    /** The VMs read without problems, in order. */
    List<Vm> valid() {
        return broken == 0 ? vms : vms.stream().filter(vm -> vm != null).toList();
    }

    /** For each of {@link #valid}, its index in the file's list. */
    int[] validIndexes() {
        int[] indexes = new int[vms.size() - broken];
        for (int i = 0, next = 0; i < vms.size(); i++) {
            if (vms.get(i) != null) {
                indexes[next++] = i;
            }
        }
        return indexes;
    }

    /** {@code vms[3]}: where the index-th VM is in the file. */
    static String path(int index) {
        return LIST + "[" + index + "]";
    }
}
