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
 *
 * <p>Shared through this module's test-jar: the cli's {@code TestbedServiceTest} uses it too. The
 * script's path is taken from the module's directory (where Maven runs the tests), one level down
 * from the repository's root.
 */
public final class Testbed {

    public static final String NAME = "ballast-it";
    public static final Path DIR = Path.of("/var/tmp/ballast-testbed-it");
    private static final Path LOCK = Path.of("/var/tmp/ballast-testbed-it.lock");
    private static FileChannel lockFile;
    private static FileLock lock;
    private static final Path SCRIPT = Path.of("..", "deploy", "testbed", "testbed").toAbsolutePath().normalize();

    private Testbed() {
    }

    /** Fails, naming what is missing, unless this machine can run the testbed. */
    public static void requirePreconditions() {
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
    public static void claim() throws IOException {
        Files.createDirectories(LOCK.getParent());
        lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
    }

    public static void release() throws IOException {
        if (lock != null) {
            lock.release();
            lockFile.close();
            lock = null;
        }
    }

    public static Path up(String... options) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "up"));
        command.addAll(List.of(options));
        return Path.of(run(command, 600).trim().lines().reduce((a, b) -> b).orElseThrow());
    }

    public static void down() {
        run(List.of(SCRIPT.toString(), "down"), 120);
    }

    public static void restartLibvirtd(String host) {
        run(List.of(SCRIPT.toString(), "restart-libvirtd", host), 120);
    }

    /** {@code testbed power HOST on|off|status}: what it printed (status: on or off). */
    public static String power(String host, String action) {
        return run(List.of(SCRIPT.toString(), "power", host, action), 120).strip();
    }

    public static long libvirtdPid(String host) throws IOException {
        return Long.parseLong(Files.readString(DIR.resolve("hosts").resolve(host).resolve("run/libvirtd.pid")).trim());
    }

    /** The serial log a VM writes while it runs on a host. */
    public static Path serialLog(String host, String vm) {
        return DIR.resolve("hosts").resolve(host).resolve("log/qemu").resolve(vm + ".serial");
    }

    /** The counters the guest printed on a host, in order; empty when it never ran there. */
    public static List<Long> counters(String host, String vm) throws IOException {
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

    /** The host's libvirt URI, as the testbed's cluster file gives it. */
    public static String uri(String host) {
        return "qemu:///system?socket=" + DIR.resolve("hosts").resolve(host).resolve("run/libvirt-sock");
    }

    /** The guests running on the host, as {@code virsh list} shows them: libvirt's word, not Ballast's. */
    public static List<String> runningGuests(String host) {
        return run(List.of("virsh", "-q", "-c", uri(host), "list", "--name"), 30).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).sorted().toList();
    }

    /** The last counter the VM printed on the host; fails when it printed none there. */
    public static long last(String host, String vm) throws IOException {
        List<Long> counters = counters(host, vm);
        assertThat(counters).as("%s's serial log on %s", vm, host).isNotEmpty();
        return counters.get(counters.size() - 1);
    }

    /**
     * Waits until the VM printed at least {@code lines} more counters on the host, and checks that
     * they only grow (a restart of the guest would begin again at 1); fails after 60 s, saying the
     * VM does not run there (a guest prints a line a second, slower on a loaded machine: TCG).
     */
    public static List<Long> awaitGrowth(String host, String vm, int lines) throws IOException, InterruptedException {
        int before = counters(host, vm).size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Long> counters = counters(host, vm);
            if (counters.size() >= before + lines) {
                for (int i = 1; i < counters.size(); i++) {
                    if (counters.get(i) != counters.get(i - 1) + 1) {
                        assertThat(counters.get(i)).as("%s's counter on %s after %d", vm, host, counters.get(i - 1))
                                .isGreaterThan(counters.get(i - 1));
                    }
                }
                return counters;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(vm + "'s serial log on " + host + " did not grow by " + lines + " lines in 60s: "
                + "it does not run there");
    }

    /** Bytes the host received on its migration link. */
    public static long migrationLinkRxBytes(String host) {
        return Long.parseLong(run(List.of("ip", "netns", "exec", NAME + "-" + host, "cat",
                "/sys/class/net/mig0/statistics/rx_bytes"), 10).trim());
    }

    public static String run(List<String> command, int timeoutSeconds) {
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
