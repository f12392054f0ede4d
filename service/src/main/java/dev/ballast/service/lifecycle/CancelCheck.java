package dev.ballast.service.lifecycle;

import dev.ballast.executor.PlanExecutor;
import dev.ballast.service.store.PlanStore;
import java.util.Optional;

/**
 * Stops a plan's run before its next step once an operator has asked to cancel it: the request
 * is read from the store between steps, so it reaches the run whichever service took it.
 * Remembers whether it stopped the run, so that the plan ends {@code stopped}.
 */
public final class CancelCheck implements PlanExecutor.Between {

    private final PlanStore store;
    private final long plan;
    private volatile boolean asked;

    public CancelCheck(PlanStore store, long plan) {
        this.store = store;
        this.plan = plan;
    }

    @Override
    public Optional<String> stopBefore(int step) {
        Optional<String> request = store.cancelRequest(plan);
        request.ifPresent(why -> asked = true);
        return request.map(why -> "cancelled while running: " + why);
    }

    /** Whether it stopped the run. */
    public boolean asked() {
        return asked;
    }
}
