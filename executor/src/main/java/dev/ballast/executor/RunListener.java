package dev.ballast.executor;

/**
 * Told of every {@link RunEvent} of a run, in order, on the executor's thread, before the run
 * goes on. The journal is one ({@link JournalListener}: an event it cannot write stops the run),
 * the terminal another ({@link TerminalListener}).
 */
@FunctionalInterface
public interface RunListener {

    void on(RunEvent event);
}
