package dev.ballast.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A {@code ballast} subcommand: runs with the command line's own writers, so that tests can read
 * what it printed, and flushes them however it ends.
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Does the command's work and returns its exit code (see {@link ExitCodes}). */
    abstract int run(PrintWriter out, PrintWriter err) throws Exception;
}
