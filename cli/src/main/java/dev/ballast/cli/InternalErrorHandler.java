package dev.ballast.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a bug (an exception no command expected) as a failed job, with the stack trace the
 * bug report needs, instead of picocli's bare trace.
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("ballast " + commandLine.getCommandName() + ": internal error: " + e
                + "\nThis is a bug in Ballast; please report it with the trace below.");
        e.printStackTrace(commandLine.getErr());
        commandLine.getErr().flush();
        return ExitCodes.FAILED;
    }
}
