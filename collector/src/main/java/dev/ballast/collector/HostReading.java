package dev.ballast.collector;

import java.time.Instant;
import java.util.Map;

/**
 * One sample of one host through libvirt: its inventory and its raw counters, which become
 * rates when compared with the previous sample.
 *
 * @param cpuTimes      node CPU times; null when the driver does not offer them
 * @param memoryUsedMiB memory in use on the host; null when unknown
 * @param vms           each running domain's counters, by name
 */
record HostReading(Instant takenAt, HostInventory inventory, NodeStats.CpuTimes cpuTimes, Double memoryUsedMiB,
        Map<String, VmCounters> vms) {

    /**
     * A domain's counters.
     *
     * @param cpuTimeNs     CPU time used since it started
     * @param rxBytes       bytes received over all its interfaces; null when not readable
     * @param txBytes       bytes sent over all its interfaces; null when not readable
     * @param memoryUsedMiB resident memory, or its current balloon size when libvirt has no stats
     */
    record VmCounters(long cpuTimeNs, Long rxBytes, Long txBytes, double memoryUsedMiB) {
    }
}
