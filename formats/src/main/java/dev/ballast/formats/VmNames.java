package dev.ballast.formats;

/**
 * The names of a snapshot's VMs by their place in the file's list, as a {@link VmsRead} keeps
 * them: as strings ({@link #asStrings}), for the {@code Vm} records {@code plan} loads, or packed
 * ({@link PackedNames}), for {@code validate}, which needs them only to find duplicates and the
 * members of groups. A null name is one that could not be read.
 */
interface VmNames {

    /** Names kept as the strings given, or made from the characters given. */
    static VmNames asStrings() {
        return new NamesAsStrings();
    }

    void add(String name);

    /** A name given as the first {@code length} characters of {@code chars}, which the caller may reuse. */
    void add(char[] chars, int length);

    /** The name at {@code index}, or null. */
    String get(int index);

    /** The hash of the name at {@code index}, as {@link String#hashCode}'s; 0 for none. */
    int hashAt(int index);

    int size();
}
