package dev.ballast.service.store;

import java.time.Instant;

/**
 * One event of a plan's run as stored: when, what kind ({@code step-done}, {@code run-finished}...),
 * the step's number when it concerns one, and a line that says what happened.
 */
public record StoredEvent(long run, Instant at, String kind, Integer step, String message) {
}
