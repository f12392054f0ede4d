package dev.ballast.executor;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the executor lets time pass between two looks at a running step (a migration's job
 * statistics, a host's power). Injected with the clock, so that tests on a simulated cluster
 * move time on instead of waiting for it.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /**
     * Lets at most {@code duration} pass while {@code task} runs, returning early when it ends.
     * By default the whole duration passes.
     */
    default void await(Future<?> task, Duration duration) throws InterruptedException {
        sleep(duration);
    }

    /** Real time: waits, and returns as soon as an awaited task ends. */
    static Sleeper system() {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (!duration.isNegative() && !duration.isZero()) {
                    Thread.sleep(duration.toMillis());
                }
            }

            @Override
            public void await(Future<?> task, Duration duration) throws InterruptedException {
                try {
                    task.get(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // ended with an error, or still running: the caller looks
                }
            }
        };
    }
}
