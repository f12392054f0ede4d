package dev.ballast.service.lease;

import dev.ballast.executor.PlanExecutor;
import dev.ballast.executor.RunEvent;
import dev.ballast.executor.RunListener;
import java.util.Optional;

/**
 * Stops a run before its next step once this service no longer holds the run lease it started the
 * run under: the step under way has finished (or is left for the next holder to reconcile), and
 * no further migration starts. Remembers it, so that the service leaves the plan to the lease's
 * new holder rather than ending it.
 */
public final class LeaseCheck implements PlanExecutor.Between {

    private final RunLease lease;
    private final long token;
    private volatile String lost;

    public LeaseCheck(RunLease lease, long token) {
        this.lease = lease;
        this.token = token;
    }

    @Override
    public Optional<String> stopBefore(int step) {
        Optional<String> why = lease.lost(token);
        why.ifPresent(reason -> lost = reason);
        return why.map(reason -> "this service lost the run lease: " + reason);
    }

    /**
     * Asks the lease now, after the run: a run that ended on a failed step was not checked again,
     * and its end must not be written by a service that lost the lease meanwhile. Empty when held.
     */
    public Optional<String> stillHeld() {
        Optional<String> why = lease.lost(token);
        why.ifPresent(reason -> lost = reason);
        return why;
    }

    /**
     * {@code listener}, hearing the run's events only while this service holds the lease: a
     * service that lost it (its step in flight ending after the take-over) must not write into the
     * store what its successor is writing (a step seen done that the successor did). Progress
     * reports pass unchecked, to keep the store's load low; the step events ask the lease.
     */
    public RunListener guard(RunListener listener) {
        return event -> {
            if (event instanceof RunEvent.Progress || (lost == null && stillHeld().isEmpty())) {
                listener.on(event);
            }
        };
    }

    /** Why the lease was lost during the run; empty when it was held throughout. */
    public Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    /** The lease token the run holds. */
    public long token() {
        return token;
    }
}
