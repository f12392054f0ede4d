package dev.ballast.service.metrics;

import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.PlanStore.PlanCount;
import dev.ballast.service.store.StoreException;
import dev.ballast.service.store.StoredPlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What the metrics read from the store, read once a scrape ({@link #refresh}), so that a scrape
 * answers while the store is down: the metrics then show the figures of the last read that
 * worked, and {@link #storeUp} says that this one did not. Before any read has worked they have
 * none, and those metrics are left out.
 *
 * <p>A scrape stops reading at the first failure: a store that does not answer costs it the pool's
 * connection timeout once, not once a figure.
 */
final class StoreFigures {

    /** The figures of one read that worked. */
    record Figures(List<PlanCount> counts, Map<String, Instant> oldestRecommended, double energySavedJoules) {
    }

    private final PlanStore store;
    private final DoubleSupplier energySavedJoules;
    private volatile Optional<Figures> last = Optional.empty();
    private volatile boolean storeUp;

    /** @param energySavedJoules read from the store too: the hosts' power switches */
    StoreFigures(PlanStore store, DoubleSupplier energySavedJoules) {
        this.store = store;
        this.energySavedJoules = energySavedJoules;
    }

    /** Reads the figures afresh; keeps the last ones when the store does not answer. */
    void refresh() {
        try {
            List<PlanCount> counts = store.counts();
            Map<String, Instant> oldest = oldestRecommended(store.list(Optional.of(PlanState.RECOMMENDED)));
            last = Optional.of(new Figures(counts, oldest, energySavedJoules.getAsDouble()));
            storeUp = true;
        } catch (StoreException e) {
            // The lease's renewals log the outage; a line every scrape would drown it.
            storeUp = false;
        }
    }

    /** Whether the store answered the last {@link #refresh}. */
    boolean storeUp() {
        return storeUp;
    }

    /** The figures of the last read that worked; empty while none has. */
    Optional<Figures> last() {
        return last;
    }

    private static Map<String, Instant> oldestRecommended(List<StoredPlan> recommended) {
        Map<String, Instant> oldest = new LinkedHashMap<>();
        for (StoredPlan plan : recommended) {
            oldest.merge(plan.job(), plan.createdAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return oldest;
    }
}
