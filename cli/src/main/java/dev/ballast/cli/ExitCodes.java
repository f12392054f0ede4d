package dev.ballast.cli;

/** The exit codes of every ballast command, the same as the project's convention. */
final class ExitCodes {

    /** Done: e.g. a plan was written, possibly empty. */
    static final int OK = 0;
    /** The job failed: e.g. no placement satisfies the policy. */
    static final int FAILED = 1;
    /** Bad input: a file, an option or an argument the operator must fix. */
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
