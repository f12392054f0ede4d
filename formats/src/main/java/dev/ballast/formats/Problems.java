package dev.ballast.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found so far in one file. Readers report here and carry on, so that one run
 * shows the operator everything that is wrong, not just the first thing.
 */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new Problem(path, message));
    }

    /** Adds a problem before the {@code at}-th found so far, e.g. one found late about an element read early. */
    void insert(int at, String path, String message) {
        found.add(at, new Problem(path, message));
    }

    /** Adds those found elsewhere, e.g. in a part of the file read before the problems that come first were known. */
    void addAll(Problems others) {
        found.addAll(others.found);
    }

    /** A mark to compare with later: an element is valid when nothing was added since. */
    int count() {
        return found.size();
    }

    boolean addedSince(int mark) {
        return found.size() > mark;
    }

    void throwIfAny(String source) throws InputException {
        if (!found.isEmpty()) {
            throw new InputException(source, found);
        }
    }
}
