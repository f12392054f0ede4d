package dev.ballast.service;

import dev.ballast.executor.Sleeper;
import dev.ballast.executor.SnapshotSource;
import dev.ballast.hosts.HostDriver;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import java.time.Clock;
import java.util.function.Function;

/**
 * How the service reaches its cluster, chosen by whoever starts it (the cli): the cluster file's
 * hosts, a driver for acting on each, where fresh snapshots come from, and the time migrations
 * run on (real time, or a simulated cluster's time in tests).
 */
public record ClusterAccess(ClusterConfig config, Function<HostConfig, HostDriver> drivers, SnapshotSource snapshots,
        Clock clock, Sleeper sleeper) {
}
