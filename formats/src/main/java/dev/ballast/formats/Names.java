package dev.ballast.formats;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules every name in a file follows (a host, a VM, a group, a policy, a storage or bridge
 * id), and the names of one kind of element seen so far, to catch duplicates.
 *
 * <p>Names are printed in reports, messages and logs, and passed to libvirt, so a name is not
 * empty, is at most {@value #MAX_LENGTH} characters, neither starts nor ends with white space,
 * and holds no character that would not show as itself on a terminal (see {@link Printable}):
 * a host named {@code "host-a\nPLAN: OK"} would otherwise write a line of its own into a report.
 */
final class Names {

    /** Longer than any host name DNS allows (253) or libvirt domain name seen in practice. */
    static final int MAX_LENGTH = 253;

    private final String kind;
    private final Map<String, String> firstPath = new HashMap<>();

    /** @param kind as the operator calls it in a message: "host", "VM", "group" */
    Names(String kind) {
        this.kind = kind;
    }

    /** What is wrong with {@code name} as a name, or empty when it is fine. */
    static Optional<String> problemWith(String name) {
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

    /** Records a name read at {@code path}; reports it at {@code path.name} when it is taken. */
    void claim(String name, String path, Problems problems) {
        if (name == null) {
            return;
        }
        String first = firstPath.putIfAbsent(name, path);
        if (first != null) {
            problems.add(path + ".name", "duplicate " + kind + " name \"" + name + "\" (first used at " + first + ")");
        }
    }

    boolean contains(String name) {
        return firstPath.containsKey(name);
    }
}
