package dev.ballast.cli;

import dev.ballast.formats.Printable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the files {@code --output} names (plans, snapshots), whole or not at all: the one place
 * the command line writes a file of the operator's choosing.
 *
 * <p>Only a regular file or a new path is written: the content goes to a sibling temporary file
 * that is renamed over the target, and a rename would replace a device, a FIFO or a socket with
 * a regular file ({@code --output /dev/null} as root would replace the machine's /dev/null). A
 * symbolic link is followed, so the file it points to is replaced and the link stays. A file
 * that is rewritten keeps its permissions; a new one gets the default the umask gives.
 */
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
        String shown = Printable.escape(file.toString());
        if (Files.isDirectory(file)) {
            return Optional.of(option + " " + shown + ": is a directory; name a file, e.g. " + file.resolve("plan.json"));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return Optional.of(option + " " + shown + ": is not a regular file (a device, FIFO or socket);"
                    + " name a file to create or replace");
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return Optional.of(option + " " + shown + ": is a symbolic link to nothing; name a file to create or replace");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            return Optional.of(option + " " + shown + ": directory " + dir + " does not exist; create it first");
        }
        return Optional.empty();
    }

    /**
     * Writes a sibling temporary file, syncs it, and moves it into place, so readers never see
     * half a file.
     *
     * @throws IOException with the reason, e.g. a full disk, or a target that is not a regular file
     */
    static void write(Path file, String content) throws IOException {
        Path target = target(file);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
        try {
            // CREATE_NEW gives the mode the umask gives a new file; createTempFile would give 0600.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(Text.endLine(content).getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            keepPermissions(target, temp);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // The file a link points to, so the link is kept; the path itself when it is new or a file.
    private static Path target(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && Files.exists(absolute)) {
            absolute = absolute.toRealPath();
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("is not a regular file (a device, FIFO or socket); name a file to create or replace");
        }
        return absolute;
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        if (!Files.exists(target) || Files.getFileAttributeView(target, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        Files.setPosixFilePermissions(temp, permissions);
    }
}
