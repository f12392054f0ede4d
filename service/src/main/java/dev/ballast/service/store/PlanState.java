package dev.ballast.service.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a stored plan is in its life, and where it may go next (after OpenStack Watcher's action
 * plans): {@code recommended -> approved -> running -> succeeded | failed | stopped}; a plan not
 * yet running may instead be {@code rejected} by an operator, {@code cancelled}, or
 * {@code superseded} by a newer plan of its job or by its age. The transitions are defined here
 * and only here; the store refuses any other.
 */
public enum PlanState {
    RECOMMENDED, APPROVED, RUNNING, SUCCEEDED, FAILED, STOPPED, REJECTED, SUPERSEDED, CANCELLED;

    /** As the API and the store spell it: {@code recommended}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state spelled {@code key}, or empty. */
    public static Optional<PlanState> ofKey(String key) {
        for (PlanState state : values()) {
            if (state.key().equals(key)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** The states this one may move to; none for a final state. */
    public Set<PlanState> next() {
        switch (this) {
            case RECOMMENDED:
                return EnumSet.of(APPROVED, REJECTED, SUPERSEDED, CANCELLED);
            case APPROVED:
                return EnumSet.of(RUNNING, SUPERSEDED, CANCELLED);
            case RUNNING:
                return EnumSet.of(SUCCEEDED, FAILED, STOPPED);
            default:
                return EnumSet.noneOf(PlanState.class);
        }
    }

    public boolean mayBecome(PlanState to) {
        return next().contains(to);
    }

    /** No state follows: the plan's life is over. */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
