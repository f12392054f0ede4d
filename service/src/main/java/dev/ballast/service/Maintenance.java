package dev.ballast.service;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.service.store.MaintenanceMarks;
import java.util.SortedSet;

/**
 * The hosts an operator put into maintenance through the service: every snapshot the service
 * takes shows them in {@code maintenance}, so that plans empty them and send them nothing. The
 * marks are kept in the store, so a restarted service keeps them.
 */
final class Maintenance {

    private final MaintenanceMarks marks;

    Maintenance(MaintenanceMarks marks) {
        this.marks = marks;
    }

    /** Marks the host; false when it already was. */
    boolean enter(String host) {
        return marks.enter(host);
    }

    /** Unmarks the host; false when it was not marked. */
    boolean exit(String host) {
        return marks.exit(host);
    }

    SortedSet<String> hosts() {
        return marks.hosts();
    }

    /** The snapshot with the marked hosts it has in maintenance; a marked host it lacks is left out. */
    ClusterSnapshot marked(ClusterSnapshot snapshot) {
        ClusterSnapshot marked = snapshot;
        for (String host : marks.hosts()) {
            if (marked.host(host).isPresent()) {
                marked = marked.withHostState(host, HostState.MAINTENANCE);
            }
        }
        return marked;
    }
}
