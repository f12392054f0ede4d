package dev.ballast.service.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token every request that changes something must carry. It is kept only as its
 * SHA-256, compared in constant time, and never written to a log or an answer; {@link #toString}
 * hides it.
 */
public final class Token {

    private static final int RANDOM_BYTES = 32;

    private final byte[] digest;

    private Token(String secret) {
        this.digest = sha256(secret);
    }

    /**
     * The token in a file (surrounding whitespace ignored).
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds nothing
     */
    public static Token read(Path file) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": the token file cannot be read: " + e.getMessage(), e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(file + ": the token file is empty; write a long random secret in it");
        }
        return new Token(secret);
    }

    /** A fresh random token written to {@code file}, readable by its owner alone (mode 0600). */
    public static Token createIn(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        return new Token(secret);
    }

    /** True when {@code offered} is the token; the time taken does not depend on how much of it matches. */
    public boolean matches(String offered) {
        return MessageDigest.isEqual(digest, sha256(offered));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }
}
