package dev.ballast.cli;

import java.time.Duration;

/** Waits on something a child process or a real server does, by polling it, for a bounded time. */
final class Poll {

    /** Often enough that a test does not lag what it waits on; rare enough to leave the machine's cores to it. */
    private static final long EVERY_MILLIS = 50;

    /** One look at what is awaited: a value once it is there, {@code null} while it is not yet. */
    interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    /**
     * Polls {@code probe} until it gives something.
     *
     * @throws AssertionError naming {@code what} when nothing came within {@code within}
     */
    static <T> T until(Duration within, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(EVERY_MILLIS);
        }
        throw new AssertionError("no " + what + " within " + within);
    }
}
