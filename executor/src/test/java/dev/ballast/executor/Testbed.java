package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's live-migration testbed (deploy/testbed/testbed) driven from tests: brought up
 * under a name and directory of its own, so that it never touches a testbed someone runs by
 * hand, and taken down by the same script. A missing precondition fails with the reason.
 */
final class Testbed {

    static final String NAME = "ballast-it";
    static final Path DIR = Path.of("/var/tmp/ballast-testbed-it");
    private static final Path LOCK = Path.of("/var/tmp/ballast-testbed-it.lock");
    private static FileChannel lockFile;
    private static FileLock lock;
    private static final Path SCRIPT = Path.of("..", "deploy", "testbed", "testbed").toAbsolutePath().normalize();

    private Testbed() {
    }

    /** Fails, naming what is missing, unless this machine can run the testbed. */
    static void requirePreconditions() {
        assertThat(Files.isExecutable(SCRIPT)).as("the testbed script %s", SCRIPT).isTrue();
        String uid = run(List.of("id", "-u"), 10).trim();
        if (!uid.equals("0")) {
            fail("the testbed tests need root (network namespaces, bridges, libvirtd), running as uid " + uid
                    + "; run bin/test as root, as CI does");
        }
        if (!Files.isDirectory(Path.of("/proc/self/ns")) || !Files.exists(Path.of("/proc/self/ns/net"))) {
            fail("the testbed tests need network namespaces: /proc/self/ns/net is missing");
        }
    }

    /**
     * Holds the testbed for this JVM until {@link #release}: two test runs on one machine (two
     * checkouts, say) would otherwise tear down each other's hosts. The second waits its turn.
     */
    static void claim() throws IOException {
        Files.createDirectories(LOCK.getParent());
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
    }

    static void release() throws IOException {
        if (lock != null) {
            lock.release();
            lockFile.close();
            lock = null;
        }
    }

    static Path up(String... options) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "up"));
        command.addAll(List.of(options));
        return Path.of(run(command, 600).trim().lines().reduce((a, b) -> b).orElseThrow());
    }

    static void down() {
        run(List.of(SCRIPT.toString(), "down"), 120);
    }

    static void restartLibvirtd(String host) {
        run(List.of(SCRIPT.toString(), "restart-libvirtd", host), 120);
    }

    static long libvirtdPid(String host) throws IOException {
        return Long.parseLong(Files.readString(DIR.resolve("hosts").resolve(host).resolve("run/libvirtd.pid")).trim());
    }

    /** The serial log a VM writes while it runs on a host. */
    static Path serialLog(String host, String vm) {
        return DIR.resolve("hosts").resolve(host).resolve("log/qemu").resolve(vm + ".serial");
    }

    /** The counters the guest printed on a host, in order; empty when it never ran there. */
    static List<Long> counters(String host, String vm) throws IOException {
        Path log = serialLog(host, vm);
        if (!Files.exists(log)) {
            return List.of();
        }
        List<Long> counters = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("n ") && line.length() == 10) {
                counters.add(Long.parseLong(line.substring(2), 16));
            }
        }
        return counters;
    }

    /** Bytes the host received on its migration link. */
    static long migrationLinkRxBytes(String host) {
        return Long.parseLong(run(List.of("ip", "netns", "exec", NAME + "-" + host, "cat",
                "/sys/class/net/mig0/statistics/rx_bytes"), 10).trim());
    }

    static String run(List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("BALLAST_TESTBED_DIR", DIR.toString());
            builder.environment().put("BALLAST_TESTBED_NAME", NAME);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + ": no end within " + timeoutSeconds + "s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + ": exit " + process.exitValue() + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            return fail(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(String.join(" ", command) + ": interrupted");
        }
    }
}
