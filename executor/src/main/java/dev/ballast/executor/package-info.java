/**
 * Runs a plan on the hosts, strictly one step at a time: a fresh snapshot (from an injected
 * {@link dev.ballast.executor.SnapshotSource}) and the plan check first, then for each step a
 * pre-flight on the live hosts, the live migration over the destination's migration link (or the
 * host's power switched), and a check that it happened. Hosts are reached through
 * {@link dev.ballast.hosts.HostDriver}s (libvirt's, or a simulated cluster's); time through an
 * injected clock and {@link dev.ballast.executor.Sleeper}.
 *
 * <p>What happens is a typed {@link dev.ballast.executor.RunEvent} told to
 * {@link dev.ballast.executor.RunListener}s: the journal (every event synced to disk, so that a
 * run after a crash knows what was done) and the terminal are two of them. See docs/executor.md.
 */
package dev.ballast.executor;
