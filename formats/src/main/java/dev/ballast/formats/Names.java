package dev.ballast.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * Reads the list at {@code field} of named objects, each with {@code reader}: the entries
     * that are valid and whose names are free, in order; an empty list is reported.
     */
    static <T> List<T> readList(NodeReader root, String field, String kind, Problems problems,
            Function<NodeReader, Entry<T>> reader) {
        Names names = new Names(kind);
        List<T> values = new ArrayList<>();
        for (NodeReader object : root.objects(field, true)) {
            int mark = problems.count();
            Entry<T> entry = reader.apply(object);
            names.claim(entry, problems);
            if (entry.isValid() && !problems.addedSince(mark)) {
                values.add(entry.value());
            }
        }
        if (root.isEmptyList(field)) {
            root.report(field, "must list at least one " + kind);
        }
        return values;
    }

    boolean contains(String name) {
        return first.containsKey(name);
    }
}
