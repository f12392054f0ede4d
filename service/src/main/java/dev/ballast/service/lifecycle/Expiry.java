package dev.ballast.service.lifecycle;

import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.WrongState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recommended plan older than the service's {@code expiry} is superseded rather than approved:
 * the cluster it was made for has moved on (Watcher's stale action plans). Checked on a timer
 * ({@link #sweep}) and before an approval ({@link #check}); time from the store's clock, the one
 * that dated the plans.
 */
public final class Expiry {

    private static final Logger LOG = LoggerFactory.getLogger(Expiry.class);

    private final PlanStore store;
    private final Clock clock;
    private final Duration expiry;

    public Expiry(PlanStore store, Clock clock, Duration expiry) {
        this.store = store;
        this.clock = clock;
        this.expiry = expiry;
    }

    /** Supersedes every recommended plan past its expiry; how many. */
    public int sweep() {
        int superseded = 0;
        for (StoredPlan plan : store.list(Optional.of(PlanState.RECOMMENDED))) {
            if (expire(plan)) {
                superseded++;
            }
        }
        return superseded;
    }

    /** Supersedes the plan if it is recommended and past its expiry. */
    public void check(long id) {
        store.find(id).filter(p -> p.state() == PlanState.RECOMMENDED).ifPresent(this::expire);
    }

    private boolean expire(StoredPlan plan) {
        Instant now = clock.instant();
        if (now.isBefore(plan.createdAt().plus(expiry))) {
            return false;
        }
        try {
            store.move(plan.id(), PlanState.SUPERSEDED, "older than the expiry of " + expiry + ": made at "
                    + plan.createdAt() + "; run its job again for a fresh plan");
            LOG.info("plan {} of job {} superseded: older than the expiry of {}", plan.id(), plan.job(), expiry);
            return true;
        } catch (WrongState e) {
            // Approved or rejected meanwhile: no longer ours to expire.
            return false;
        }
    }
}
