/**
 * The collector: samples real hosts through libvirt (and, when configured, Prometheus), smooths
 * what it reads, notices hosts that stopped answering, and builds the {@code ballast/v1}
 * snapshot the planner consumes.
 *
 * <p>{@link dev.ballast.collector.Collector} runs the rounds; {@link dev.ballast.collector.LibvirtSource}
 * and {@link dev.ballast.collector.PrometheusSource} read; {@link dev.ballast.collector.HostTracker}
 * keeps each host's windows of samples. Time comes from an injected {@link java.time.Clock}.
 */
package dev.ballast.collector;
