package dev.ballast.hosts;

/** One reading of a host: its inventory and its counters, taken together so that both list the same VMs. */
public record HostSample(HostInventory inventory, HostStatistics statistics) {
}
