package dev.ballast.collector;

import dev.ballast.collector.PrometheusClient.Series;
import dev.ballast.formats.Durations;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Prometheus;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Host (and, when configured, VM) utilisation for the whole cluster from one Prometheus server:
 * a handful of queries per round, whatever the number of hosts. Series are matched to hosts by
 * the host label, whose value is the host's {@code instance} (its name by default), with or
 * without a {@code :port}.
 */
final class PrometheusSource {

    private static final double BYTES_PER_SECOND_TO_MBPS = 8 / 1e6;
    private static final double MIB = 1024 * 1024;

    private final Prometheus config;
    private final PrometheusQueries queries;
    private final PrometheusClient client;

    PrometheusSource(Prometheus config) {
        this.config = config;
        this.queries = new PrometheusQueries(config);
        this.client = new PrometheusClient(config.url(), config.timeout());
    }

    /** What Prometheus says of every host and VM it knows, keyed by host name and by VM name. */
    record Reading(Map<String, HostUse> hosts, Map<String, VmUse> vms) {
    }

    /**
     * One round: every query sent at once, each answer spread over the hosts.
     *
     * @throws PrometheusClient.PrometheusException naming the server and what failed, or the timeout
     */
    Reading read(List<HostConfig> hosts) {
        Map<String, CompletableFuture<List<Series>>> answers = new LinkedHashMap<>();
        for (String name : Prometheus.QUERY_NAMES) {
            queries.get(name).ifPresent(q -> answers.put(name, client.query(q)));
        }
        Map<String, List<Series>> results = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<List<Series>>> answer : answers.entrySet()) {
            results.put(answer.getKey(), await(answer.getValue(), config.timeout().multipliedBy(2)));
        }
        HostMatcher matcher = new HostMatcher(hosts);
        Map<String, HostUse> hostUse = new HashMap<>();
        for (HostConfig host : hosts) {
            hostUse.put(host.name(), hostUse(host, matcher, results));
        }
        return new Reading(hostUse, vmUse(matcher, results));
    }

    private HostUse hostUse(HostConfig host, HostMatcher matcher, Map<String, List<Series>> results) {
        Double cpu = sum(matcher, host, results.get("hostCpu"), null);
        Double memory = sum(matcher, host, results.get("hostMemoryUsed"), null);
        Double rx = sum(matcher, host, results.get("hostNetworkReceive"), host.nics());
        Double tx = sum(matcher, host, results.get("hostNetworkTransmit"), host.nics());
        Double network = rx == null && tx == null ? null
                : Math.max(rx == null ? 0 : rx, tx == null ? 0 : tx) * BYTES_PER_SECOND_TO_MBPS;
        return new HostUse(cpu, memory == null ? null : memory / MIB, network);
    }

    /** The sum of a host's series (of the listed devices only, when some are listed); null if it has none. */
    private Double sum(HostMatcher matcher, HostConfig host, List<Series> series, List<String> devices) {
        if (series == null) {
            return null;
        }
        Double total = null;
        for (Series s : series) {
            boolean deviceCounts = devices == null || devices.isEmpty() || devices.contains(s.labels().get("device"));
            if (deviceCounts && host.name().equals(matcher.hostOf(s.labels().get(config.hostLabel())))) {
                total = (total == null ? 0 : total) + s.value();
            }
        }
        return total;
    }

    private Map<String, VmUse> vmUse(HostMatcher matcher, Map<String, List<Series>> results) {
        Map<String, Double> cpu = byVm(matcher, results.get("vmCpu"));
        Map<String, Double> network = byVm(matcher, results.get("vmNetwork"));
        Map<String, VmUse> vms = new HashMap<>();
        for (String vm : union(cpu, network)) {
            Double mbps = network.get(vm);
            vms.put(vm, new VmUse(cpu.get(vm), null, mbps == null ? null : mbps * BYTES_PER_SECOND_TO_MBPS));
        }
        return vms;
    }

    private Map<String, Double> byVm(HostMatcher matcher, List<Series> series) {
        Map<String, Double> byVm = new HashMap<>();
        if (series == null) {
            return byVm;
        }
        for (Series s : series) {
            String vm = s.labels().get(config.vmLabel());
            if (vm != null && matcher.hostOf(s.labels().get(config.hostLabel())) != null) {
                byVm.merge(vm, s.value(), Double::sum);
            }
        }
        return byVm;
    }

    private static Set<String> union(Map<String, Double> a, Map<String, Double> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private List<Series> await(CompletableFuture<List<Series>> answer, Duration limit) {
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PrometheusClient.PrometheusException p ? p
                    : new PrometheusClient.PrometheusException("Prometheus " + config.url() + ": " + describe(e.getCause()));
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new PrometheusClient.PrometheusException("Prometheus " + config.url() + ": no answer within "
                    + Durations.format(limit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusClient.PrometheusException("Prometheus " + config.url() + ": interrupted");
        }
    }

    private static String describe(Throwable t) {
        // java.net.http's ConnectException has no message: its type is the news.
        return t.getClass().getSimpleName() + Optional.ofNullable(t.getMessage()).map(m -> ": " + m).orElse("");
    }

    /** Host label values to host names: the configured instance, or it with a :port. */
    private static final class HostMatcher {

        private final Map<String, String> byInstance = new HashMap<>();

        HostMatcher(List<HostConfig> hosts) {
            hosts.forEach(h -> byInstance.putIfAbsent(h.instanceOrName(), h.name()));
        }

        String hostOf(String instance) {
            if (instance == null) {
                return null;
            }
            String host = byInstance.get(instance);
            int colon = instance.lastIndexOf(':');
            return host != null || colon < 0 ? host : byInstance.get(instance.substring(0, colon));
        }
    }
}
