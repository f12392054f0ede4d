package dev.ballast.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The rule for a file that holds a secret (a BMC's password): a readable regular file that
 * nobody but its owner and its group may read or write. Group access is allowed, since a group
 * is how a secret is shared with a service account ({@code root:ballast 0640}); access by others
 * is refused, as ssh refuses a private key others can read. The cluster file's reader applies
 * the rule when the file is loaded, and the power drivers again before each use.
 */
public final class SecretFile {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE);

    private SecretFile() {
    }

    /** Why {@code file} must not hold a secret; empty when it may. Never reads the secret. */
    public static Optional<String> problemWith(Path file) {
        if (!Files.exists(file)) {
            return Optional.of(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of(file + ": not readable by this user");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                return Optional.of(file + ": others may read or write it (" + PosixFilePermissions.toString(permissions)
                        + "); let only its owner and group, e.g. chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // no POSIX permissions on this file system: nothing to check
        } catch (IOException e) {
            return Optional.of(file + ": cannot read its permissions: " + e.getMessage());
        }
        return Optional.empty();
    }
}
