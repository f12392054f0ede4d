package dev.ballast.executor;

import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run's drivers of the hosts of the cluster file, opened on first use and reused (a driver
 * reopens its own connection after a failure). Not thread-safe, except what {@link HostDriver}
 * allows while a migration runs.
 */
final class Hosts implements AutoCloseable {

    private final Map<String, HostConfig> config = new LinkedHashMap<>();
    private final Map<String, HostDriver> open = new LinkedHashMap<>();
    private final Function<HostConfig, HostDriver> drivers;

    /** The hosts of the cluster file, each reached through the driver {@code drivers} opens for it. */
    Hosts(ClusterConfig cluster, Function<HostConfig, HostDriver> drivers) {
        cluster.hosts().forEach(h -> config.put(h.name(), h));
        this.drivers = drivers;
    }

    List<String> names() {
        return List.copyOf(config.keySet());
    }

    Optional<HostConfig> config(String host) {
        return Optional.ofNullable(config.get(host));
    }

    /** The driver of a host of the cluster file. */
    HostDriver driver(String host) {
        HostConfig found = config.get(host);
        if (found == null) {
            throw new IllegalArgumentException("no host " + host + " in the cluster file");
        }
        return open.computeIfAbsent(host, h -> drivers.apply(found));
    }

    /**
     * The hosts where the VM runs now, asked live. A host that does not answer is listed in
     * {@code unreachable} instead: the VM might be there.
     */
    Whereabouts locate(String vm) {
        List<String> running = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String host : config.keySet()) {
            try {
                if (driver(host).runs(vm)) {
                    running.add(host);
                }
            } catch (HostException e) {
                unreachable.add(host);
            }
        }
        return new Whereabouts(vm, running, unreachable);
    }

    @Override
    public void close() {
        open.values().forEach(HostDriver::close);
        open.clear();
    }
}
