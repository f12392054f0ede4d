package dev.ballast.collector;

/**
 * What one VM used over one interval. Null figures are unknown.
 *
 * @param cpu         cores, from its CPU time
 * @param memoryMiB   memory resident on the host
 * @param networkMbps the busier direction of its interfaces
 */
record VmUse(Double cpu, Double memoryMiB, Double networkMbps) {
}
