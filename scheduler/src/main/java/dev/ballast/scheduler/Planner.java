package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Policy;

/** Turns a snapshot and a policy into a migration plan. */
public final class Planner {

    private final SolverSettings settings;

    public Planner(SolverSettings settings) {
        this.settings = settings;
    }

    /**
     * Plans the cluster under the policy.
     *
     * @throws NoFeasiblePlacementException when no placement satisfies every hard rule
     */
    public MigrationPlan plan(ClusterSnapshot snapshot, Policy policy) throws NoFeasiblePlacementException {
        throw new UnsupportedOperationException("being written");
    }
}
