package dev.ballast.hosts;

import java.util.Map;

/**
 * A host's raw counters at one moment; rates come from comparing two of them.
 *
 * @param cpuTimes      CPU time summed over all its CPUs; null when the host does not give it
 * @param memoryUsedMiB memory in use, not counting buffers and page cache; null when unknown
 * @param vms           each running VM's counters, by name
 */
public record HostStatistics(CpuTimes cpuTimes, Double memoryUsedMiB, Map<String, VmStatistics> vms) {

    public HostStatistics {
        vms = Map.copyOf(vms);
    }

    /** CPU times summed over every CPU of the host, in nanoseconds. */
    public record CpuTimes(long busyNs, long totalNs) {
    }
}
