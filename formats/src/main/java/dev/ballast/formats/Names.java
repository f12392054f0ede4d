package dev.ballast.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The names of one kind of element seen so far, to catch duplicates; each name follows
 * {@link NameRule}.
 *
 * <p>A table of its own rather than a map: a snapshot names millions of VMs, and a map entry
 * each, with the entry it names, was a tenth of the heap reading one took, all of it copied by
 * every collection. Here a name takes a slot in three arrays: the name, and the list and index
 * of the element that used it first, for the message of a duplicate.
 */
final class Names implements NameSet {

    private final String kind;
    private String[] names;
    // The hash of each name in the high half, the index of the element in the low: a probe
    // compares hashes without reaching into the names, each a read from far away in the heap.
    private long[] keys;
    // The list of each element: that of the first claim, or one each once another list comes.
    private String list;
    private String[] lists;
    private int size;
    private int shift; // 32 minus the bits of a slot number

    /** @param kind as the operator calls it in a message: "host", "VM", "group" */
    Names(String kind) {
        this(kind, 16);
    }

    /** @param expected how many names there will be, so that millions are not rehashed as they come */
    Names(String kind, int expected) {
        this.kind = kind;
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    /** What is wrong with {@code name} as a name, or empty when it is fine. */
    static Optional<String> problemWith(String name) {
        return NameRule.problemWith(name);
    }

    /** Records the name of an entry; reports it at {@code path.name} when it is taken. */
    void claim(Entry<?> entry, Problems problems) {
        claim(entry.name(), entry.list(), entry.index(), problems);
    }

    /**
     * Records the name of the {@code index}-th element of {@code list} ({@code vms}); reports it
     * at {@code vms[3].name} when it is taken. A null name is left out.
     */
    void claim(String name, String list, int index, Problems problems) {
        if (name == null) {
            return;
        }
        int slot = slotOf(name);
        if (names[slot] != null) {
            problems.add(list + "[" + index + "].name", "duplicate " + kind + " name \"" + name
                    + "\" (first used at " + listOf(slot) + "[" + (int) keys[slot] + "])");
            return;
        }
        names[slot] = name;
        keys[slot] = (long) name.hashCode() << 32 | index;
        keepList(slot, list);
        if (++size * 2 > names.length) {
            grow();
        }
    }

    /**
     * Reads the list at {@code field} of named objects, each with {@code reader}: the entries
     * that are valid and whose names are free, in order; an empty list is reported.
     */
    static <T> List<T> readList(NodeReader root, String field, String kind, Problems problems,
            Function<NodeReader, Entry<T>> reader) {
        Names names = new Names(kind);
        List<T> values = new ArrayList<>();
        for (NodeReader object : root.objects(field, true)) {
            int mark = problems.count();
            Entry<T> entry = reader.apply(object);
            names.claim(entry, problems);
            if (entry.isValid() && !problems.addedSince(mark)) {
                values.add(entry.value());
            }
        }
        if (root.isEmptyList(field)) {
            root.report(field, "must list at least one " + kind);
        }
        return values;
    }

    @Override
    public boolean contains(String name) {
        return names[slotOf(name)] != null;
    }

    /**
     * The slot holding {@code name}, or the free slot where it would go: open addressing, probing
     * the next slots. The hash is spread by multiplying with the golden ratio and taking the top
     * bits, since names such as vm-0001, vm-0002 have hashes one apart.
     */
    private int slotOf(String name) {
        int mask = names.length - 1;
        int hash = name.hashCode();
        for (int slot = hash * 0x9E3779B9 >>> shift; ; slot = slot + 1 & mask) {
            String there = names[slot];
            if (there == null || (int) (keys[slot] >>> 32) == hash && (there == name || there.equals(name))) {
                return slot;
            }
        }
    }

    private void keepList(int slot, String elementList) {
        if (list == null) {
            list = elementList;
        } else if (lists == null && !list.equals(elementList)) {
            lists = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null) {
                    lists[i] = list;
                }
            }
        }
        if (lists != null) {
            lists[slot] = elementList;
        }
    }

    private String listOf(int slot) {
        return lists == null ? list : lists[slot];
    }

    private void grow() {
        String[] oldNames = names;
        long[] oldKeys = keys;
        String[] oldLists = lists;
        allocate(oldNames.length * 2);
        int mask = names.length - 1;
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                int slot = (int) (oldKeys[i] >>> 32) * 0x9E3779B9 >>> shift;
                while (names[slot] != null) {
                    slot = slot + 1 & mask;
                }
                names[slot] = oldNames[i];
                keys[slot] = oldKeys[i];
                if (oldLists != null) {
                    lists[slot] = oldLists[i];
                }
            }
        }
    }

    private void allocate(int slots) {
        shift = Integer.numberOfLeadingZeros(slots) + 1;
        names = new String[slots];
        keys = new long[slots];
        lists = lists == null ? null : new String[slots];
    }
}
