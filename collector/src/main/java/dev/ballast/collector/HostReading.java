package dev.ballast.collector;

import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.HostStatistics;
import java.time.Instant;

/**
 * One sample of one host through its driver: its inventory and its raw counters, which become
 * rates when compared with the previous sample.
 *
 * @param takenAt when the sample was taken, by the collector's clock
 */
record HostReading(Instant takenAt, HostInventory inventory, HostStatistics statistics) {
}
