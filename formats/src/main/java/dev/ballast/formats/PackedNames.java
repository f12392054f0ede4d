package dev.ballast.formats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names of millions of VMs packed as bytes in blocks, with where each starts, rather than a
 * string each: validating 2.3 million VMs kept a string of each for the whole read, and the
 * collector spent more time copying those than the reader did reading them. A name is made a
 * string again only when asked for (a duplicate, a group's member, a message). A name of
 * characters beyond Latin-1, or longer than {@link #LONGEST}, is rare and kept as its string.
 */
final class PackedNames implements VmNames {

    private static final int LONGEST = 255;
    // Blocks small enough for the collector to treat as ordinary objects (a large array of its
    // own would be copied each time it grew). A name is never split between blocks.
    private static final int BLOCK_SHIFT = 18;
    private static final int BLOCK_BYTES = 1 << BLOCK_SHIFT;
    private static final int NAMES_SHIFT = 14;
    private static final int BLOCK_NAMES = 1 << NAMES_SHIFT;
    private static final int NONE = -1;

    private final List<byte[]> blocks = new ArrayList<>();
    private byte[] block;
    private int used = BLOCK_BYTES;
    /**
     * Of each name, by index: its block and offset ({@code block << 18 | offset}); NONE for no
     * name; {@code -2 - k} for the k-th of {@link #strings}. And its length.
     */
    private final List<int[]> starts = new ArrayList<>();
    private final List<byte[]> lengths = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private int size;

    @Override
    public void add(String name) {
        if (name == null) {
            place(NONE, 0);
        } else if (name.length() <= LONGEST && isLatin1(name)) {
            pack(name.toCharArray(), name.length());
        } else {
            keepString(name);
        }
    }

    @Override
    public void add(char[] chars, int length) {
        if (length <= LONGEST && isLatin1(chars, length)) {
            pack(chars, length);
        } else {
            keepString(new String(chars, 0, length));
        }
    }

    private void pack(char[] chars, int length) {
        if (length > BLOCK_BYTES - used) {
            block = new byte[BLOCK_BYTES];
            blocks.add(block);
            used = 0;
        }
        for (int i = 0; i < length; i++) {
            block[used + i] = (byte) chars[i];
        }
        place((blocks.size() - 1) << BLOCK_SHIFT | used, length);
        used += length;
    }

    private void keepString(String name) {
        strings.add(name);
        place(-1 - strings.size(), 0);
    }

    private void place(int start, int length) {
        if ((size & BLOCK_NAMES - 1) == 0) {
            starts.add(new int[BLOCK_NAMES]);
            lengths.add(new byte[BLOCK_NAMES]);
        }
        starts.get(size >>> NAMES_SHIFT)[size & BLOCK_NAMES - 1] = start;
        lengths.get(size >>> NAMES_SHIFT)[size & BLOCK_NAMES - 1] = (byte) length;
        size++;
    }

    @Override
    public String get(int index) {
        int start = startOf(index);
        if (start < 0) {
            return start == NONE ? null : strings.get(-2 - start);
        }
        return new String(blocks.get(start >>> BLOCK_SHIFT), start & BLOCK_BYTES - 1, lengthOf(index),
                StandardCharsets.ISO_8859_1);
    }

    @Override
    public int hashAt(int index) {
        int start = startOf(index);
        if (start < 0) {
            return start == NONE ? 0 : strings.get(-2 - start).hashCode();
        }
        byte[] bytes = blocks.get(start >>> BLOCK_SHIFT);
        int hash = 0;
        for (int i = start & BLOCK_BYTES - 1, end = i + lengthOf(index); i < end; i++) {
            hash = 31 * hash + (bytes[i] & 0xff); // as String.hashCode of the characters
        }
        return hash;
    }

    @Override
    public int size() {
        return size;
    }

    private int startOf(int index) {
        Objects.checkIndex(index, size);
        return starts.get(index >>> NAMES_SHIFT)[index & BLOCK_NAMES - 1];
    }

    private int lengthOf(int index) {
        return lengths.get(index >>> NAMES_SHIFT)[index & BLOCK_NAMES - 1] & 0xff;
    }

    private static boolean isLatin1(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (chars[i] > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLatin1(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }
}
