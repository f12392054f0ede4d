package dev.ballast.executor;

import dev.ballast.model.ClusterSnapshot;

/**
 * Where the executor's fresh snapshot comes from, the one a plan is checked against before
 * anything moves. The command line samples the cluster with the collector; tests hand over a
 * simulated cluster's state. Keeps the executor independent of the collector.
 */
@FunctionalInterface
public interface SnapshotSource {

    ClusterSnapshot snapshot() throws InterruptedException;
}
