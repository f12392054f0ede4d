package dev.ballast.formats;

import dev.ballast.model.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The VMs of a snapshot as read, in the file's order: each VM, or null for one with problems
 * (reported as it was read). No {@link Entry} each, as a snapshot has millions; the list's
 * place of a VM is its index in the file's {@code vms}.
 */
final class VmsRead {

    static final String LIST = "vms";

    private final List<Vm> vms = new ArrayList<>();
    private final Map<Integer, String> brokenNames = new HashMap<>();
    private int broken;
    // Entries of the list that are no object, so no VM: reported apart, and left out of allValid.
    private int holes;

    /**
     * The VM at {@code index} of the file's list, or null when it had problems; {@code name} as
     * read, null when it could not be. The entries before it that were no VM are left empty.
     */
    void add(int index, Vm vm, String name) {
        while (vms.size() < index) {
            vms.add(null);
            holes++;
        }
        if (vm == null) {
            broken++;
            if (name != null) {
                brokenNames.put(vms.size(), name);
            }
        }
        vms.add(vm);
    }

    /** The name of the index-th VM, or null when it could not be read; only for an index {@link #add}ed. */
    String nameAt(int index) {
        Vm vm = vms.get(index);
        return vm != null ? vm.name() : brokenNames.get(index);
    }

    int size() {
        return vms.size();
    }

    boolean allValid() {
        return broken == 0;
    }

    /** The VMs read without problems, in order. */
    List<Vm> valid() {
        return broken + holes == 0 ? vms : vms.stream().filter(vm -> vm != null).toList();
    }

    /** For each of {@link #valid}, its index in the file's list. */
    int[] validIndexes() {
        int[] indexes = new int[vms.size() - broken - holes];
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
