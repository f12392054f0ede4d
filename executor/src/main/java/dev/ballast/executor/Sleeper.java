package dev.ballast.executor;

import java.time.Duration;

/**
 * How the executor lets time pass between two looks at a running step (a migration's job
 * statistics, a host's power). Injected with the clock, so that tests on a simulated cluster
 * move time on instead of waiting for it.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Real time: {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
