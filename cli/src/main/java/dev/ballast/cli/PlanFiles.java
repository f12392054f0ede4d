package dev.ballast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Writes plan files whole or not at all. */
final class PlanFiles {

    private PlanFiles() {
    }

    /**
     * A problem with an output path found before planning, so that a long search is not wasted
     * on a file that cannot be written; empty when the path is fine or absent.
     */
    static Optional<String> checkWritable(Path file, String option) {
        if (file == null) {
            return Optional.empty();
        }
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            return Optional.of(option + " " + file + ": is a directory; name a file, e.g. " + file.resolve("plan.json"));
        }
        if (dir != null && !Files.isDirectory(dir)) {
            return Optional.of(option + " " + file + ": directory " + dir + " does not exist; create it first");
        }
        return Optional.empty();
    }

    /** Writes a sibling temporary file and moves it into place, so readers never see half a plan. */
    static void write(Path file, String content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temp, Text.endLine(content));
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
