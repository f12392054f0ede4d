/**
 * A simulated cluster behind the {@link dev.ballast.hosts.HostDriver} interface: a whole cluster
 * in one process ({@link dev.ballast.hosts.simulated.SimulatedCluster}), one driver per host
 * ({@link dev.ballast.hosts.simulated.SimulatedHostDriver}), migrations timed by the pre-copy
 * model and scaled by a speed factor, on a {@link dev.ballast.hosts.simulated.Ticker} that tests
 * move by hand ({@link dev.ballast.hosts.simulated.ManualTicker}). What {@code ballast collect}
 * and {@code ballast apply} run on without libvirt, and what the executor is tested on.
 */
package dev.ballast.hosts.simulated;
