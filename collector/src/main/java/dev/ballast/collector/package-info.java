/**
 * The collector: samples hosts through their {@link dev.ballast.hosts.HostDriver}s (libvirt's
 * unless told otherwise) and, when configured, Prometheus; smooths
 * what it reads, notices hosts that stopped answering, and builds the {@code ballast/v1}
 * snapshot the planner consumes.
 *
 * <p>{@link dev.ballast.collector.Collector} runs the rounds; the host drivers
 * and {@link dev.ballast.collector.PrometheusSource} read; {@link dev.ballast.collector.HostTracker}
 * keeps each host's windows of samples. Time comes from an injected {@link java.time.Clock}.
 */
package dev.ballast.collector;
