package dev.ballast.hosts.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time a simulated cluster runs on. {@link #system()} is real time: waiting waits. A
 * {@link ManualTicker} is time a test (or whoever drives it) moves on: waiting for it never
 * sleeps, it lasts until someone advances it, so a ten-minute migration ends in microseconds.
 *
 * <p>{@link #awaitUntil} is how a simulated migration waits for its end while staying abortable:
 * the caller holds the monitor, the wait releases it, and a {@code notifyAll} on it (an abort, a
 * host going away) or the deadline passing ends the wait. Callers loop and re-check.
 */
public interface Ticker {

    /** Now, by this time. */
    Instant now();

    /** Lets {@code duration} pass: real time sleeps, manual time advances. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits on {@code monitor} (which the caller holds) until {@code deadline} has passed, or the
     * monitor is notified, or for no reason at all; a null deadline waits for a notification only.
     */
    void awaitUntil(Object monitor, Instant deadline) throws InterruptedException;

    /** This time as a {@link Clock}, for whoever reads time through one (the collector, the executor). */
    default Clock asClock() {
        Ticker ticker = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return ticker.now();
            }
        };
    }

    /** Real time. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    /** Real time from the system clock; waits are real waits. */
    final class SystemTicker implements Ticker {

        static final SystemTicker INSTANCE = new SystemTicker();

        private SystemTicker() {
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        }

        @Override
        public void awaitUntil(Object monitor, Instant deadline) throws InterruptedException {
            if (deadline == null) {
                monitor.wait();
                return;
            }
            long millis = Duration.between(now(), deadline).toMillis() + 1;
            if (millis > 0) {
                monitor.wait(millis);
            }
        }
    }
}
