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
    private final Map<String, Entry<?>> first;

    /** @param kind as the operator calls it in a message: "host", "VM", "group" */
    Names(String kind) {
        this(kind, 16);
    }

    /** @param expected how many names there will be, so that millions are not rehashed as they come */
    Names(String kind, int expected) {
        this.kind = kind;
        this.first = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
    }

    /** What is wrong with {@code name} as a name, or empty when it is fine. */
    static Optional<String> problemWith(String name) {
        return NameRule.problemWith(name);
    }

    /** Records the name of an entry; reports it at {@code path.name} when it is taken. */
    void claim(Entry<?> entry, Problems problems) {
        if (entry.name() == null) {
            return;
        }
        Entry<?> taken = first.putIfAbsent(entry.name(), entry);
        if (taken != null) {
            problems.add(entry.path() + ".name", "duplicate " + kind + " name \"" + entry.name()
                    + "\" (first used at " + taken.path() + ")");
        }
    }

    boolean contains(String name) {
        return first.containsKey(name);
    }
}
