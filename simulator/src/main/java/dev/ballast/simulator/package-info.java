/**
 * Simulated clusters, reproducible from a seed, shaped like real clouds: mixed host flavours,
 * many small VMs and a tail of large ones, and a skewed placement with hot and idle hosts.
 *
 * <p>Used by the demo, what-if planning, tests and benchmarks. Depends on the model only.
 */
package dev.ballast.simulator;
