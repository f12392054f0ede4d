package dev.ballast.model;

/**
 * A host's power draw. {@code idleWatts} is what switching the host off saves, and what
 * consolidation weighs hosts by.
 */
public record Power(double idleWatts, double maxWatts) {
}
