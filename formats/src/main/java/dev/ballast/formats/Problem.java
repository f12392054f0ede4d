package dev.ballast.formats;

import java.util.Objects;

/**
 * One thing wrong with an input file, located by its path in the document, e.g.
 * {@code vms[3].demand.cpu: must be >= 0, got -1}. Whole-file problems use the path
 * {@code (file)}; parse errors use {@code line L, column C}.
 */
public record Problem(String path, String message) {

    /** The path of a problem about the file as a whole (empty, unreadable, not an object). */
    public static final String FILE = "(file)";

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
