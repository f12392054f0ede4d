package dev.ballast.executor;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's read-write connections to the hosts of the cluster file, opened on first use and
 * reused. A connection that failed is dropped and opened afresh next time: libvirt connections
 * do not recover from a lost peer. Not thread-safe; the migration's monitor opens its own.
 */
final class Hosts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hosts.class);

    private final Map<String, HostConfig> config = new LinkedHashMap<>();
    private final Map<String, HostConnection> open = new LinkedHashMap<>();

    Hosts(ClusterConfig cluster) {
        cluster.hosts().forEach(h -> config.put(h.name(), h));
    }

    List<String> names() {
        return List.copyOf(config.keySet());
    }

    Optional<HostConfig> config(String host) {
        return Optional.ofNullable(config.get(host));
    }

    /** The shared connection to a host, opened if needed. */
    HostConnection connection(String host) throws LibvirtException {
        HostConnection conn = open.get(host);
        if (conn == null) {
            conn = openNew(host);
            open.put(host, conn);
        }
        return conn;
    }

    /** A connection of its own, e.g. for a thread that watches a migration; the caller closes it. */
    HostConnection openNew(String host) throws LibvirtException {
        HostConfig found = config.get(host);
        if (found == null) {
            throw new IllegalArgumentException("no host " + host + " in the cluster file");
        }
        return new HostConnection(host, found.libvirtUri());
    }

    /** Forgets a connection after an error, so the next use opens a fresh one. */
    void drop(String host) {
        HostConnection conn = open.remove(host);
        if (conn != null) {
            closeQuietly(conn);
        }
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
                if (connection(host).runs(vm)) {
                    running.add(host);
                }
            } catch (LibvirtException | LibvirtFailure e) {
                drop(host);
                unreachable.add(host);
            }
        }
        return new Whereabouts(vm, running, unreachable);
    }

    /** Where a VM was found running, and the hosts that could not be asked. */
    record Whereabouts(String vm, List<String> running, List<String> unreachable) {

        /** True when the VM runs on {@code host} and on no other host that answered. */
        boolean onlyOn(String host) {
            return running.equals(List.of(host));
        }

        @Override
        public String toString() {
            String where = running.isEmpty() ? vm + " runs on no host" : vm + " runs on " + String.join(", ", running);
            return unreachable.isEmpty() ? where : where + " (no answer from " + String.join(", ", unreachable) + ")";
        }
    }

    static void closeQuietly(HostConnection conn) {
        try {
            conn.close();
        } catch (LibvirtException e) {
            LOG.debug("closing the connection to {}: {}", conn.host(), e.getMessage());
        }
    }

    @Override
    public void close() {
        open.values().forEach(Hosts::closeQuietly);
        open.clear();
    }
}
