package dev.ballast.collector;

import dev.ballast.formats.Durations;
import dev.ballast.model.ClusterConfig.Prometheus;
import java.util.Map;
import java.util.Optional;

/**
 * The PromQL the collector asks, by name: node_exporter's metrics by default, any of them
 * replaced by the operator's own. {@code $label} stands for the host label and {@code $window}
 * for the rate window, so that overrides can keep both configurable.
 *
 * <p>Contract of every query: one series per host (per host and device for the network
 * queries, per host and VM for the VM queries) carrying the host label; values in cores,
 * bytes, or bytes per second.
 */
final class PrometheusQueries {

    /** Interfaces that carry VM or container traffic already counted elsewhere, or none at all. */
    static final String VIRTUAL_DEVICES = "lo|veth.*|vnet.*|tap.*|virbr.*|br.*|docker.*|cali.*|flannel.*";

    static final Map<String, String> DEFAULTS = Map.of(
            "hostCpu", "sum by ($label) (rate(node_cpu_seconds_total{mode!~\"idle|iowait\"}[$window]))",
            "hostMemoryUsed", "sum by ($label) (node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)",
            "hostNetworkReceive", "sum by ($label, device) (rate(node_network_receive_bytes_total{device!~\""
                    + VIRTUAL_DEVICES + "\"}[$window]))",
            "hostNetworkTransmit", "sum by ($label, device) (rate(node_network_transmit_bytes_total{device!~\""
                    + VIRTUAL_DEVICES + "\"}[$window]))");

    private final Prometheus config;

    PrometheusQueries(Prometheus config) {
        this.config = config;
    }

    /** The query of that name with its placeholders filled in; empty for a VM query not configured. */
    Optional<String> get(String name) {
        String query = config.queries().getOrDefault(name, DEFAULTS.get(name));
        if (query == null) {
            return Optional.empty();
        }
        return Optional.of(query.replace("$label", config.hostLabel())
                .replace("$window", Durations.format(config.rateWindow())));
    }
}
