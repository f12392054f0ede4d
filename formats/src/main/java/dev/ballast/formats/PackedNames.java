package dev.ballast.formats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of millions of VMs packed as bytes, outside the heap as {@link NativeColumn}s are,
 * with where each starts, rather than a string each: validating 2.3 million VMs kept a string
 * of each for the whole read, and the collector spent more time copying those than the reader
 * did reading them. A name is made a string again only when asked for (a duplicate, a group's
 * member, a message). A name of characters beyond Latin-1, or longer than {@link #LONGEST}, is
 * rare and kept as its string.
 */
final class PackedNames implements VmNames {

    private static final int LONGEST = 255;
    // A name is never split between blocks.
    private static final int BLOCK_SHIFT = 20;
    private static final int BLOCK_BYTES = 1 << BLOCK_SHIFT;
    private static final int NONE = -1;

    private final List<ByteBuffer> blocks = new ArrayList<>();
    private ByteBuffer block;
    private int used = BLOCK_BYTES;
    /**
     * Of each name, by index: its block and offset ({@code block << 20 | offset}); NONE for no
     * name; {@code -2 - k} for the k-th of {@link #strings}. And its length.
     */
    private final NativeColumn starts = new NativeColumn(Integer.BYTES);
    private final NativeColumn lengths = new NativeColumn(1);
    private final List<String> strings = new ArrayList<>();

    @Override
    public void add(String name) {
        if (name == null) {
            place(NONE, 0);
        } else {
            add(name.toCharArray(), name.length()); // a name read with problems: rare
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
            block = ByteBuffer.allocateDirect(BLOCK_BYTES);
            blocks.add(block);
            used = 0;
        }
        for (int i = 0; i < length; i++) {
            block.put(used + i, (byte) chars[i]);
        }
        place((blocks.size() - 1) << BLOCK_SHIFT | used, length);
        used += length;
    }

    private void keepString(String name) {
        strings.add(name);
        place(-1 - strings.size(), 0);
    }

    private void place(int start, int length) {
        starts.addInt(start);
        lengths.addByte((byte) length);
    }

    @Override
    public String get(int index) {
        int start = starts.intAt(index);
        if (start < 0) {
            return start == NONE ? null : strings.get(-2 - start);
        }
        byte[] bytes = new byte[lengthOf(index)];
        blocks.get(start >>> BLOCK_SHIFT).get(start & BLOCK_BYTES - 1, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int hashAt(int index) {
        int start = starts.intAt(index);
        if (start < 0) {
            return start == NONE ? 0 : strings.get(-2 - start).hashCode();
        }
        ByteBuffer bytes = blocks.get(start >>> BLOCK_SHIFT);
        int hash = 0;
        for (int i = start & BLOCK_BYTES - 1, end = i + lengthOf(index); i < end; i++) {
            hash = 31 * hash + (bytes.get(i) & 0xff); // as String.hashCode of the characters
        }
        return hash;
    }

    @Override
    public int size() {
        return starts.size();
    }

    private int lengthOf(int index) {
        return lengths.byteAt(index) & 0xff;
    }

    private static boolean isLatin1(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (chars[i] > 0xff) {
                return false;
            }
        }
        return true;
    }
}
