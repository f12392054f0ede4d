package dev.ballast.hosts;

/**
 * A running VM's counters at one moment.
 *
 * @param cpuTimeNs     CPU time used since it started
 * @param rxBytes       bytes received over all its interfaces; null when not readable
 * @param txBytes       bytes sent over all its interfaces; null when not readable
 * @param memoryUsedMiB resident memory, or its current balloon size when the host has no memory statistics
 */
public record VmStatistics(long cpuTimeNs, Long rxBytes, Long txBytes, double memoryUsedMiB) {
}
