package dev.ballast.service.lease;

import java.util.Optional;

/**
 * The right to run plans, held by one service at a time. Its token is the fencing token: it goes
 * up at every take-over, so that a run started under one token stops once the lease moved on.
 */
public interface RunLease {

    /**
     * Where this service stands with the lease.
     *
     * @param held     whether it holds the lease now
     * @param token    the lease's fencing token as last seen
     * @param tookOver whether this call took the lease (at start, or after it lapsed): what the
     *                 lease's previous holder left running must be reconciled before anything else
     * @param why      in words, for the log and {@code /api/v1/health}: who holds it, or why
     *                 nobody can tell (the store unreachable)
     */
    record Standing(boolean held, long token, boolean tookOver, String why) {
    }

    /** Renews the lease this service holds, or takes it when it has lapsed; where it stands now. */
    Standing refresh();

    /** Where this service stood at the last {@link #refresh} or {@link #lost} check, without asking the store. */
    Standing standing();

    /**
     * The fencing check, made before each step: renews the lease taken with {@code token}; empty
     * when this service still holds it, else why the run must stop (another service took it over,
     * or the store cannot be reached to tell).
     */
    Optional<String> lost(long token);

    /** Lets the lease go (a clean stop), so that another service takes it without waiting for it to lapse. */
    void release();
}
