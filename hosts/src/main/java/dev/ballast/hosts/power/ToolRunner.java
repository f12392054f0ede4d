package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tool of one host's power driver as a child process, within a time limit: a tool that
 * overruns is killed with every process it started, and the error says so. What the tool writes
 * is kept (up to {@link #MAX_KEPT_BYTES} of each stream) for the answer and for errors, with
 * every secret the driver names replaced by {@code ***} before anyone sees it.
 *
 * <p>No shell: the command is the argument list as given. Secrets travel only on stdin or in
 * files the tool reads, never on the command line (which every user of the machine can read in
 * {@code /proc}); the command line is logged at debug level.
 */
final class ToolRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);
    /** Far more than any power tool says; a runaway tool cannot fill the heap. */
    static final int MAX_KEPT_BYTES = 64 * 1024;
    /** How long the readers of a finished tool's output are waited for (a daemon it left may hold them open). */
    private static final long DRAIN_MILLIS = 2_000;
    /** Which Debian package brings each tool, for the error when it is missing. */
    private static final Map<String, String> PACKAGES = Map.of("ipmitool", "ipmitool", "fence_redfish",
            "fence-agents", "wakeonlan", "wakeonlan", "ssh", "openssh-client");

    private final String host;
    private final Duration limit;

    /** A runner for the tools of {@code host}, each run limited to {@code limit}. */
    ToolRunner(String host, Duration limit) {
        this.host = host;
        this.limit = limit;
    }

    String host() {
        return host;
    }

    Duration limit() {
        return limit;
    }

    /** Runs {@code command} with nothing on stdin. */
    ToolResult run(String operation, List<String> command) throws HostException {
        return run(operation, command, Map.of(), null, List.of());
    }

    /**
     * Runs {@code command} and waits for it, at most the time limit.
     *
     * @param environment added to this process's environment
     * @param stdin       written to the tool's standard input, then closed; null for nothing
     * @param secrets     strings that must never leave this method: scrubbed from what the tool said
     * @return how the tool ended, whatever its exit code
     * @throws HostException when the tool cannot be started, overruns the limit, or the wait is interrupted
     */
    ToolResult run(String operation, List<String> command, Map<String, String> environment, String stdin,
            List<String> secrets) throws HostException {
        String program = command.get(0);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C"); // the answers are parsed: the tools' own words, untranslated
        builder.environment().putAll(environment);
        LOG.debug("{}: {}: running {} (time limit {})", host, operation, ToolResult.scrub(String.join(" ", command),
                secrets), limit);
        long began = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HostException(host, operation, program + " could not be run: " + e.getMessage()
                    + installHint(program));
        }
        Drain out = Drain.of(process.getInputStream(), program + " stdout");
        Drain err = Drain.of(process.getErrorStream(), program + " stderr");
        feed(process, stdin);
        try {
            if (!process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                ToolResult partial = new ToolResult(program, -1, out.text(), err.text(), secrets);
                throw new HostException(host, operation, program + " gave no answer within " + describe(limit)
                        + " and was killed" + partial.saidAfterColon());
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new HostException(host, operation, program + " was interrupted and killed", 0, e);
        }
        ToolResult result = new ToolResult(program, process.exitValue(), out.finish(), err.finish(), secrets);
        LOG.debug("{}: {}: {} exited with code {} after {} ms{}", host, operation, program, result.exitCode(),
                (System.nanoTime() - began) / 1_000_000, result.saidAfterColon());
        return result;
    }

    private static void feed(Process process, String stdin) {
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The tool did not read its input (it exited first): how it ended tells what went wrong.
            LOG.debug("writing to the tool's stdin: {}", e.getMessage());
        }
    }

    /**
     * Kills the tool and whatever it started (an ssh it forked, a script's children), at once:
     * the tool first, so that a shell does not outlive its children long enough to report them
     * killed; its children as they were found before (once it is gone they are no longer its).
     */
    private static void kill(Process process) {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroyForcibly();
        started.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String installHint(String program) {
        String name = program.substring(program.lastIndexOf('/') + 1);
        String debianPackage = PACKAGES.get(name);
        return debianPackage == null ? "" : " (Debian package " + debianPackage + ")";
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Reads one output stream of a tool on a thread of its own, keeping its first bytes. */
    private static final class Drain {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream stream, String name) {
            thread = new Thread(() -> read(stream), "ballast-power-" + name);
            thread.setDaemon(true);
        }

        static Drain of(InputStream stream, String name) {
            Drain drain = new Drain(stream, name);
            drain.thread.start();
            return drain;
        }

        private void read(InputStream stream) {
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.max(0, Math.min(n, MAX_KEPT_BYTES - kept.size())));
                    }
                }
            } catch (IOException e) {
                // the stream closed under us (the tool was killed): what was read is kept
            }
        }

        /** What was read so far. */
        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits a little for the end of the stream, then gives what was read. */
        String finish() {
            try {
                thread.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text();
        }
    }
}
