package dev.ballast.cli;

import picocli.CommandLine;

/** The entry point of {@code ballast}: runs one command and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().setOut(Stdout.system()).execute(args));
    }

    /** The whole command tree, ready to execute; tests run it in-process with their own streams. */
    public static CommandLine commandLine() {
        return new CommandLine(new BallastCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new InternalErrorHandler());
    }
}
