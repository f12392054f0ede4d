package dev.ballast.formats;

import java.util.ArrayList;
import java.util.Objects;
import java.util.List;

/**
 * The names of millions of VMs as characters packed in blocks, with where each starts, rather
 * than a string each: validating 2.3 million VMs kept a string of each for the whole read, and
 * the collector spent more time copying those than the reader did reading them. A name is made
 * a string again only when asked for (a duplicate, a group's member, a message).
 */
final class PackedNames implements VmNames {

    // Blocks small enough for the collector to treat as ordinary objects (a large array of its
    // own would be copied each time it grew). A name is never split between blocks.
    private static final int BLOCK_CHARS = 1 << 18;
    private static final int BLOCK_NAMES = 1 << 16;
    private static final int NONE = -1;

    private final List<char[]> blocks = new ArrayList<>();
    private char[] block;
    private int used = BLOCK_CHARS;
    /** Of each name, by index: its block in the high bits, its start in the low, or NONE; its length. */
    private final List<long[]> starts = new ArrayList<>();
    private final List<int[]> lengths = new ArrayList<>();
    private int size;

    @Override
    public void add(String name) {
        if (name == null) {
            place(NONE, 0);
        } else {
            add(name.toCharArray(), name.length());
        }
    }

    @Override
    public void add(char[] chars, int length) {
        if (length > BLOCK_CHARS - used) {
            block = new char[Math.max(BLOCK_CHARS, length)];
            blocks.add(block);
            used = 0;
        }
        System.arraycopy(chars, 0, block, used, length);
        place((long) (blocks.size() - 1) << 32 | used, length);
        used += length;
    }

    private void place(long start, int length) {
        if (size % BLOCK_NAMES == 0) {
            starts.add(new long[BLOCK_NAMES]);
            lengths.add(new int[BLOCK_NAMES]);
        }
        starts.get(size / BLOCK_NAMES)[size % BLOCK_NAMES] = start;
        lengths.get(size / BLOCK_NAMES)[size % BLOCK_NAMES] = length;
        size++;
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        long start = starts.get(index / BLOCK_NAMES)[index % BLOCK_NAMES];
        if (start == NONE) {
            return null;
        }
        int length = lengths.get(index / BLOCK_NAMES)[index % BLOCK_NAMES];
        return new String(blocks.get((int) (start >>> 32)), (int) start, length);
    }

    @Override
    public int hashAt(int index) {
        Objects.checkIndex(index, size);
        long start = starts.get(index / BLOCK_NAMES)[index % BLOCK_NAMES];
        if (start == NONE) {
            return 0;
        }
        char[] chars = blocks.get((int) (start >>> 32));
        int hash = 0;
        for (int i = (int) start, end = i + lengths.get(index / BLOCK_NAMES)[index % BLOCK_NAMES]; i < end; i++) {
            hash = 31 * hash + chars[i];
        }
        return hash;
    }

    @Override
    public int size() {
        return size;
    }
}
