package dev.ballast.service.store;

import com.sun.security.auth.module.UnixSystem;
import dev.ballast.model.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 server for the tests, private to the test JVM: a throwaway cluster
 * ({@code initdb}) in a temporary directory, listening on a free port of 127.0.0.1 only, with a
 * socket directory of its own, so that it neither needs nor disturbs the Debian package's own
 * cluster on 5432. It starts once, on first use, and a shutdown hook stops it and deletes its
 * directory. Its one user, {@code ballast}, logs in with a random password (SCRAM), read from a
 * file as the service reads it.
 *
 * <p>PostgreSQL refuses to run as root: when the tests do (CI does), the server runs as the user
 * {@code postgres} (through {@code runuser}), which owns the directory. Without the binaries the
 * tests fail saying what to install; they are not skipped.
 */
public final class PostgresServer {

    static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
    private static final String USER = "ballast";
    private static final String SERVER_USER = "postgres";
    /** A port found free may be taken before the server binds it (other builds share the machine). */
    private static final int START_ATTEMPTS = 5;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static PostgresServer shared;
    private static RuntimeException failedToStart;

    private final Path directory;
    private final Path passwordFile;
    private final String password;
    private final boolean asServerUser;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path directory, Path passwordFile, String password, boolean asServerUser, int port) {
        this.directory = directory;
        this.passwordFile = passwordFile;
        this.password = password;
        this.asServerUser = asServerUser;
        this.port = port;
    }

    /**
     * The test JVM's server, started on the first call; a server that failed to start fails every
     * later call with the same reason rather than trying again.
     */
    public static synchronized PostgresServer shared() {
        if (failedToStart != null) {
            throw failedToStart;
        }
        if (shared == null) {
            try {
                shared = start(false);
            } catch (RuntimeException e) {
                failedToStart = e;
                throw e;
            }
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    /**
     * A fresh, empty database on the server ({@code CREATE DATABASE}), as the {@code store}
     * section of a Service file would name it.
     */
    public ServiceConfig.Store createDatabase() {
        String name = "store_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL server did not create database " + name + ": "
                    + e.getMessage(), e);
        }
        return new ServiceConfig.Store(url(name), USER, passwordFile);
    }

    /** The server's one user's password (tests that check it is never shown look for it). */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Fails, saying what to install, when PostgreSQL's binaries are not in {@code binaries}: the
     * tests on PostgreSQL are not skipped.
     */
    static void requireBinaries(Path binaries) {
        if (!Files.isExecutable(binaries.resolve("initdb")) || !Files.isExecutable(binaries.resolve("pg_ctl"))) {
            throw new IllegalStateException("the store tests need a real PostgreSQL 15 server and its binaries are not"
                    + " in " + binaries + ": install the Debian package postgresql (bin/test installs it)");
        }
    }

    /** @param durable whether a commit survives the server's crash ({@link #halt}): off for speed when no test halts it */
    private static PostgresServer start(boolean durable) {
        requireBinaries(BINARIES);
        boolean asServerUser = new UnixSystem().getUid() == 0;
        try {
            Path directory = Files.createTempDirectory("ballast-postgres");
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path passwordFile = directory.resolve("password");
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (asServerUser) {
                handToServerUser(directory, passwordFile);
            }
            run(asServerUser, directory, BINARIES.resolve("initdb").toString(), "-D", data(directory).toString(),
                    "-U", USER, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale",
                    "--no-sync");
            Files.writeString(data(directory).resolve("postgresql.conf"), settings(directory, durable),
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return startOnAFreePort(directory, passwordFile, password, asServerUser);
        } catch (IOException e) {
            throw new UncheckedIOException("the test PostgreSQL server could not be set up: " + e.getMessage(), e);
        }
    }

    /** Settings of a throwaway server: loopback only, its own socket directory, no waiting for the disk. */
    private static String settings(Path directory, boolean durable) {
        return String.join("\n", "",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + directory + "'",
                "fsync = off",
                // Off, a commit made just before a crash may be lost: the crash tests need it on.
                "synchronous_commit = " + (durable ? "on" : "off"),
                "full_page_writes = off",
                "shared_buffers = 16MB",
                "max_connections = 50",
                "");
    }

    private static PostgresServer startOnAFreePort(Path directory, Path passwordFile, String password,
            boolean asServerUser) throws IOException {
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                run(asServerUser, directory, BINARIES.resolve("pg_ctl").toString(), "-D", data(directory).toString(),
                        "-l", directory.resolve("server.log").toString(), "-o", "-p " + port, "-w", "-t", "60",
                        "start");
                return new PostgresServer(directory, passwordFile, password, asServerUser, port);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
        }
        throw new IllegalStateException("the test PostgreSQL server did not start in " + START_ATTEMPTS
                + " attempts: " + String.join("; ", failures));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path data(Path directory) {
        return directory.resolve("data");
    }

    /** The server runs as {@code postgres}: it must own its directory and read the password file. */
    private static void handToServerUser(Path directory, Path passwordFile) throws IOException {
        UserPrincipal owner;
        try {
            owner = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_USER);
        } catch (IOException e) {
            throw new IllegalStateException("the tests run as root, as which PostgreSQL refuses to run, and there is"
                    + " no user " + SERVER_USER + " to run it as: install the Debian package postgresql, which"
                    + " creates it", e);
        }
        Files.setOwner(directory, owner);
        Files.setOwner(passwordFile, owner);
    }

    /** Runs a PostgreSQL command, as {@code postgres} when asked; its output goes to a file of the directory. */
    private static void run(boolean asServerUser, Path directory, String... command) {
        List<String> line = new ArrayList<>();
        if (asServerUser) {
            line.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        line.addAll(List.of(command));
        Path output = directory.resolve("commands.log");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish in "
                        + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed (exit " + process.exitValue()
                        + "): " + tail(output) + tail(directory.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", line) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", line), e);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())) + " ";
    }

    /**
     * A server of the caller's own, apart from the shared one, for a test that stops and starts it
     * ({@link #halt}, {@link #resume}) without disturbing the other tests; stopped when the JVM ends.
     */
    public static PostgresServer own() {
        PostgresServer server = start(true);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        return server;
    }

    /** Stops the server as a crash or an unplugged network would: at once, every connection cut. */
    public void halt() {
        run(asServerUser, directory, BINARIES.resolve("pg_ctl").toString(), "-D", data(directory).toString(),
                "-m", "immediate", "-w", "stop");
    }

    /** Starts a halted server again, on its port, with its data. */
    public void resume() {
        run(asServerUser, directory, BINARIES.resolve("pg_ctl").toString(), "-D", data(directory).toString(),
                "-l", directory.resolve("server.log").toString(), "-o", "-p " + port, "-w", "-t", "60", "start");
    }

    /** Stops the server at once (its data is thrown away) and deletes its directory. */
    private void stop() {
        try {
            run(asServerUser, directory, BINARIES.resolve("pg_ctl").toString(), "-D", data(directory).toString(),
                    "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException e) {
            System.err.println("the test PostgreSQL server did not stop: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("the test PostgreSQL server's directory " + directory + " is left: " + e.getMessage());
        }
    }
}
