package dev.ballast.cli;

import picocli.CommandLine.Option;

/**
 * {@code --progress} / {@code --no-progress}: whether a long run shows a progress line on stderr.
 * Without either, it does when stderr is a terminal, and stays quiet when piped or logged. A
 * picocli mixin.
 */
final class ProgressOption {

    @Option(names = "--progress", negatable = true,
            description = "Show a progress line on stderr (default: only on a terminal).")
    Boolean progress;

    /** The progress line to write to, quiet unless wanted. */
    TerminalProgress open(java.io.PrintWriter err, String task) {
        return TerminalProgress.start(TerminalProgress.wanted(progress, System.console() != null), err, task,
                java.time.Clock.systemUTC());
    }
}
