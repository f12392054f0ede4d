/**
 * Runs a migration plan on real hosts through libvirt, strictly one step at a time: a fresh
 * snapshot and the plan check first, then for each step a pre-flight on the live hosts, the live
 * migration over the destination's migration link, and a check that the VM now runs there.
 * Every step is journaled and synced to disk, so that a run after a crash knows what was done.
 * See docs/executor.md.
 */
package dev.ballast.executor;
