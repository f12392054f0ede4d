package dev.ballast.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A {@code ballast} subcommand: runs with the command line's own writers, so that tests can read
 * what it printed, and flushes them however it ends. A command whose output could not be written
 * (a full disk, a closed pipe) exits with {@link ExitCodes#FAILED} and says why, rather than 0.
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int code;
        try {
            code = run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
        if (out.checkError()) {
            String why = out instanceof Stdout stdout ? stdout.failure() : "a write failed";
            err.println("ballast " + spec.name() + ": cannot write to standard output: " + why);
            err.flush();
            return code == ExitCodes.OK ? ExitCodes.FAILED : code;
        }
        return code;
    }

    /** Does the command's work and returns its exit code (see {@link ExitCodes}). */
    abstract int run(PrintWriter out, PrintWriter err) throws Exception;
}
