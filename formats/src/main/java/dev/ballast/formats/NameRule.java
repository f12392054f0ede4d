package dev.ballast.formats;

import java.util.Optional;

/**
 * The rule every name in a {@code ballast/v1} file follows (a host, a VM, a group, a policy, a
 * storage or bridge id; see {@code docs/input.md}), public for the programs that write such
 * files and must write only what the readers accept, such as the collector.
 *
 * <p>Names are printed in reports, messages and logs, and passed to libvirt, so a name is not
 * empty, is at most {@value #MAX_LENGTH} characters, neither starts nor ends with white space,
 * and holds no character that would not show as itself on a terminal (see {@link Printable}):
 * a host named {@code "host-a\nPLAN: OK"} would otherwise write a line of its own into a report.
 */
public final class NameRule {

    /** The longest host name DNS allows; longer than any libvirt domain name seen in practice. */
    public static final int MAX_LENGTH = 253;

    private NameRule() {
    }

    /**
     * True when the first {@code length} characters of {@code chars} make a good name, as
     * {@link #problemWith} finds: for millions of VM names read from a file's characters.
     */
    static boolean isName(char[] chars, int length) {
        if (length == 0 || length > MAX_LENGTH || chars[0] == ' ' || chars[length - 1] == ' ') {
            return problemWith(new String(chars, 0, length)).isEmpty();
        }
        for (int i = 0; i < length; i++) {
            if (chars[i] < 0x20 || chars[i] >= 0x7f) {
                // Not printable ASCII: the whole rule decides.
                return problemWith(new String(chars, 0, length)).isEmpty();
            }
        }
        return true;
    }

    /** What is wrong with {@code name} as a name, or empty when it is fine. */
    public static Optional<String> problemWith(String name) {
        if (name.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; a name has at most " + MAX_LENGTH);
        }
        int hidden = Printable.firstHidden(name);
        if (hidden >= 0) {
            return Optional.of("holds " + Printable.codePointName(hidden) + ", a control or formatting character;"
                    + " a name may hold only characters that print as themselves");
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isWhitespace(name.codePointBefore(name.length()))) {
            return Optional.of("starts or ends with white space");
        }
        return Optional.empty();
    }
}
