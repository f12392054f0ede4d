package dev.ballast.formats;

/** Names read so far, to check a reference to one: {@link Names}, or {@link StreamedNames} once complete. */
interface NameSet {

    boolean contains(String name);
}
