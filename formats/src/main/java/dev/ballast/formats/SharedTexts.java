package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * The strings of a streamed file that repeat, such as the host, storage id and bridges each of
 * millions of VMs names: the parser's characters are looked up among those seen before, and the
 * string read first is given again rather than a new one. That spares a string for each (most
 * of the garbage reading a large snapshot made) and lets later look-ups of it find their hash
 * kept and compare instances. Unique strings such as VM names do not belong here.
 */
final class SharedTexts {

    /** Past this many different strings, new ones are made as usual and not kept. */
    private static final int MAX_KEPT = 1 << 16;

    private String[] texts = new String[256];
    // Each kept text's characters, compared as a block, and what its reader made of it.
    private char[][] chars = new char[256][];
    private int[] hashes = new int[256];
    private Object[] meanings = new Object[256];
    private int size;
    private int shift = Integer.numberOfLeadingZeros(texts.length) + 1;
    /** The slot of the text given last, or -1 when it is not kept. */
    private int last = -1;

    /** The text of the parser's current string token. */
    String of(JsonParser parser) throws IOException {
        char[] given = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + given[i]; // as String.hashCode
        }
        int mask = texts.length - 1;
        for (int slot = hash * 0x9E3779B9 >>> shift; ; slot = slot + 1 & mask) {
            String there = texts[slot];
            if (there == null) {
                String text = new String(given, offset, length);
                last = -1;
                if (size < MAX_KEPT) {
                    texts[slot] = text;
                    chars[slot] = Arrays.copyOfRange(given, offset, offset + length);
                    hashes[slot] = hash;
                    last = slot;
                    if (++size * 2 > texts.length) {
                        grow();
                    }
                }
                return text;
            }
            if (hashes[slot] == hash && Arrays.equals(chars[slot], 0, chars[slot].length, given, offset, offset + length)) {
                last = slot;
                return there;
            }
        }
    }

    /**
     * What the reader made of the text {@link #of} gave last (see {@link #mean}), or null when
     * nothing yet: a VM's host is looked up once, not for each of its millions of VMs.
     */
    Object meaningOfLast() {
        return last < 0 ? null : meanings[last];
    }

    /** Keeps what the reader made of the text {@link #of} gave last; forgotten when the text is not kept. */
    void mean(Object meaning) {
        if (last >= 0) {
            meanings[last] = meaning;
        }
    }

    private void grow() {
        String[] oldTexts = texts;
        char[][] oldChars = chars;
        Object[] oldMeanings = meanings;
        int[] oldHashes = hashes;
        texts = new String[oldTexts.length * 2];
        chars = new char[texts.length][];
        meanings = new Object[texts.length];
        hashes = new int[texts.length];
        shift = Integer.numberOfLeadingZeros(texts.length) + 1;
        int mask = texts.length - 1;
        int lastBefore = last;
        last = -1;
        for (int old = 0; old < oldTexts.length; old++) {
            String text = oldTexts[old];
            if (text != null) {
                int slot = oldHashes[old] * 0x9E3779B9 >>> shift;
                while (texts[slot] != null) {
                    slot = slot + 1 & mask;
                }
                texts[slot] = text;
                chars[slot] = oldChars[old];
                meanings[slot] = oldMeanings[old];
                hashes[slot] = oldHashes[old];
                if (old == lastBefore) {
                    last = slot;
                }
            }
        }
    }
}
