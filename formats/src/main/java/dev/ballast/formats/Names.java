package dev.ballast.formats;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names of one kind of element seen so far, to catch duplicates; each name follows
 * {@link NameRule}.
 */
final class Names {

    private final String kind;
    private final Map<String, String> firstPath;

    /** @param kind as the operator calls it in a message: "host", "VM", "group" */
    Names(String kind) {
        this(kind, 16);
    }

    /** @param expected how many names there will be, so that millions are not rehashed as they come */
    Names(String kind, int expected) {
        this.kind = kind;
        this.firstPath = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
    }

    /** What is wrong with {@code name} as a name, or empty when it is fine. */
    static Optional<String> problemWith(String name) {
        return NameRule.problemWith(name);
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
