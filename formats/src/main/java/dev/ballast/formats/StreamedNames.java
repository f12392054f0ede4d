package dev.ballast.formats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The names of a streamed snapshot's VMs, checked for duplicates once the list has gone by:
 * each name's hash and index are kept in one array, sorted at the end, and only names with
 * equal hashes are compared. Checking each name as it came against a table of millions (a
 * {@link Names}) was a third of the time of validating 2.3 million VMs, nearly all of it spent
 * waiting for memory; the sort reads its array in order.
 */
final class StreamedNames implements NameSet {

    /** A name used again: the index of the element that does, and of the first that used it. */
    record Duplicate(int index, int first) {
    }

    private final IntFunction<String> nameAt;
    // The hash of each name in the high half, its element's index in the low: sorted, they
    // are in order of hash, then of index. Kept outside the heap as the names come, then in
    // one array to sort once every name is in.
    private NativeColumn added = new NativeColumn(Long.BYTES);
    private long[] keys = new long[0];
    private int size;
    private boolean sorted = true;

    /** @param nameAt the name of the element at an index, for those {@link #add}ed */
    StreamedNames(IntFunction<String> nameAt) {
        this.nameAt = nameAt;
    }

    /** The name of the {@code index}-th element; a null name is left out. */
    void add(String name, int index) {
        if (name != null) {
            add(name.hashCode(), index);
        }
    }

    /** The name of the {@code index}-th element, by its hash ({@link String#hashCode}'s). */
    void add(int hash, int index) {
        if (added == null) {
            throw new IllegalStateException("every name is added before any is looked up");
        }
        added.addLong(key(hash, index));
        size++;
        sorted = false;
    }

    /** Each element whose name an earlier one has, in the order of the list. */
    List<Duplicate> duplicates() {
        sort();
        List<Duplicate> found = new ArrayList<>();
        for (int start = 0, end; start < size; start = end) {
            end = start + 1;
            while (end < size && hash(keys[end]) == hash(keys[start])) {
                end++;
            }
            // Equal hashes: a handful at most, each compared with those before it.
            for (int i = start + 1; i < end; i++) {
                String name = nameAt.apply(index(keys[i]));
                for (int j = start; j < i; j++) {
                    if (nameAt.apply(index(keys[j])).equals(name)) {
                        found.add(new Duplicate(index(keys[i]), index(keys[j])));
                        break;
                    }
                }
            }
        }
        found.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return found;
    }

    @Override
    public boolean contains(String name) {
        sort();
        int hash = name.hashCode();
        int at = Arrays.binarySearch(keys, 0, size, key(hash, 0));
        for (int i = at >= 0 ? at : -at - 1; i < size && hash(keys[i]) == hash; i++) {
            if (nameAt.apply(index(keys[i])).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void sort() {
        if (!sorted) {
            keys = added.toLongArray();
            Arrays.sort(keys);
            added = null;
            sorted = true;
        }
    }

    private static long key(int hash, int index) {
        return (long) hash << 32 | index & 0xFFFFFFFFL;
    }

    private static int hash(long key) {
        return (int) (key >> 32);
    }

    private static int index(long key) {
        return (int) key;
    }
}
