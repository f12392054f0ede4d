package dev.ballast.formats;

/**
 * One element of a list in a file, as read: where it is, its name when that could be read, and
 * the record built from it, null when anything about it was wrong. The name alone is enough to
 * check duplicates and references, so those are reported even for a broken element.
 */
record Entry<T>(String list, int index, String name, T value) {

    /** Where it is: {@code vms[3]}. Spelled on demand: a snapshot holds millions of entries. */
    String path() {
        return list + "[" + index + "]";
    }

    boolean isValid() {
        return value != null;
    }
}
