package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

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
    private int size;
    private int shift = Integer.numberOfLeadingZeros(texts.length) + 1;

    /** The text of the parser's current string token. */
    String of(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i]; // as String.hashCode
        }
        int mask = texts.length - 1;
        for (int slot = hash * 0x9E3779B9 >>> shift; ; slot = slot + 1 & mask) {
            String there = texts[slot];
            if (there == null) {
                String text = new String(chars, offset, length);
                if (size < MAX_KEPT) {
                    texts[slot] = text;
                    if (++size * 2 > texts.length) {
                        grow();
                    }
                }
                return text;
            }
            if (there.hashCode() == hash && sameText(there, chars, offset, length)) {
                return there;
            }
        }
    }

    private static boolean sameText(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] old = texts;
        texts = new String[old.length * 2];
        shift = Integer.numberOfLeadingZeros(texts.length) + 1;
        int mask = texts.length - 1;
        for (String text : old) {
            if (text != null) {
                int slot = text.hashCode() * 0x9E3779B9 >>> shift;
                while (texts[slot] != null) {
                    slot = slot + 1 & mask;
                }
                texts[slot] = text;
            }
        }
    }
}
