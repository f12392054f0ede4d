package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How one run of a power tool ended: its exit code and what it wrote, with the driver's secrets
 * already replaced by {@code ***}.
 */
record ToolResult(String program, int exitCode, String stdout, String stderr) {

    /** How much of what a tool said goes into an error: enough for its message, not its life story. */
    static final int MAX_SAID_CHARS = 400;

    ToolResult(String program, int exitCode, String stdout, String stderr, List<String> secrets) {
        this(program, exitCode, scrub(stdout, secrets), scrub(stderr, secrets));
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * What the tool said, for an error: its non-blank lines of stderr then stdout, joined with
     * "; ", cut at {@link #MAX_SAID_CHARS}; empty when it said nothing.
     */
    String said() {
        String lines = (stderr + "\n" + stdout).lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("; "));
        return lines.length() <= MAX_SAID_CHARS ? lines : lines.substring(0, MAX_SAID_CHARS) + "...";
    }

    /** {@code ": "} and what the tool said, or nothing when it said nothing. */
    String saidAfterColon() {
        String said = said();
        return said.isEmpty() ? "" : ": " + said;
    }

    /** The error for a tool that did not do what was asked: its exit code and what it said. */
    HostException failure(String host, String operation) {
        String said = said();
        return new HostException(host, operation, program + " exited with code " + exitCode
                + (said.isEmpty() ? " and said nothing" : ": " + said));
    }

    /** The error for a tool whose answer could not be understood. */
    HostException unexpected(String host, String operation, String expected) {
        String said = said();
        return new HostException(host, operation, program + " (exit code " + exitCode + ") did not say " + expected
                + (said.isEmpty() ? "; it said nothing" : "; it said: " + said));
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    static String scrub(String text, List<String> secrets) {
        String scrubbed = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "***");
            }
        }
        return scrubbed;
    }
}
