package dev.ballast.service;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosts an operator put into maintenance through the service: every snapshot the service
 * takes shows them in {@code maintenance}, so that plans empty them and send them nothing. Kept
 * in memory: a restarted service has none (see {@code docs/service.md}).
 */
final class Maintenance {

    private final Set<String> hosts = ConcurrentHashMap.newKeySet();

    /** Marks the host; false when it already was. */
    boolean enter(String host) {
        return hosts.add(host);
    }

    /** Unmarks the host; false when it was not marked. */
    boolean exit(String host) {
        return hosts.remove(host);
    }

    boolean isEmpty() {
        return hosts.isEmpty();
    }

    SortedSet<String> hosts() {
        return new TreeSet<>(hosts);
    }

    /** The snapshot with the marked hosts it has in maintenance; a marked host it lacks is left out. */
    ClusterSnapshot marked(ClusterSnapshot snapshot) {
        ClusterSnapshot marked = snapshot;
        for (String host : hosts) {
            if (marked.host(host).isPresent()) {
                marked = marked.withHostState(host, HostState.MAINTENANCE);
            }
        }
        return marked;
    }
}
