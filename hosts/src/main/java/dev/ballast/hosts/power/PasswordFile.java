package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.model.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A BMC's password, kept in a file that {@link SecretFile} accepts, checked again before every
 * use (the file may have changed since the cluster file was read). The password is never put in
 * an error, a log line or a command line; errors name the file.
 */
final class PasswordFile {

    private PasswordFile() {
    }

    /** Fails unless the file may hold a password; for tools that read the file themselves ({@code ipmitool -f}). */
    static void check(String host, String operation, Path file) throws HostException {
        Optional<String> problem = SecretFile.problemWith(file);
        if (problem.isPresent()) {
            throw new HostException(host, operation, "password file " + problem.get());
        }
    }

    /**
     * The password: the file's first line, without its line end. A file with more than one line,
     * or an empty first line, is refused: a password is one line.
     */
    static String read(String host, String operation, Path file) throws HostException {
        check(host, operation, file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HostException(host, operation, "password file " + file + ": cannot be read: " + e.getMessage());
        }
        String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (password.isEmpty()) {
            throw new HostException(host, operation, "password file " + file + " is empty");
        }
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new HostException(host, operation, "password file " + file
                    + " holds more than one line; a password is one line");
        }
        return password;
    }
}
