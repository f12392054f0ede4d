package dev.ballast.hosts.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time that moves only when told: {@link #advance} (or {@link #sleep}, which advances) moves it
 * on and wakes whoever waits for it in {@link #awaitUntil}. For tests and for running a whole
 * plan on a simulated cluster at once: nothing ever sleeps for real.
 *
 * <p>Thread-safe: one thread drives time (the executor's sleeps), others wait for it (a
 * simulated migration on its worker thread).
 */
public final class ManualTicker implements Ticker {

    // A waiter re-checks its conditions at least this often in real time, should a notification
    // ever be missed; it is a safety net, not how time passes.
    private static final long SAFETY_WAIT_MILLIS = 200;

    private final AtomicReference<Instant> now;
    private final Set<Object> monitors = new CopyOnWriteArraySet<>();

    public ManualTicker(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Starting at 2026-01-01T00:00:00Z. */
    public ManualTicker() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves time on and wakes every waiter. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        now.accumulateAndGet(null, (current, ignored) -> current.plus(duration));
        for (Object monitor : monitors) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    @Override
    public void awaitUntil(Object monitor, Instant deadline) throws InterruptedException {
        // Registered before the deadline is checked: an advance either sees the monitor and
        // notifies it, or happened before the check below, which then sees the new time.
        monitors.add(monitor);
        if (deadline != null && !now().isBefore(deadline)) {
            return;
        }
        monitor.wait(SAFETY_WAIT_MILLIS);
    }
}
