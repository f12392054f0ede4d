package dev.ballast.scheduler.goals.relieve;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;

import java.util.List;
import java.util.Map;

/**
 * What relieve measures: how far each host runs over what it may hold, as shares of its own
 * capacity summed over CPU, memory and network. An active host may hold its capacity times the
 * policy's limits; a host that must be emptied (maintenance, standby) may hold nothing, so all its
 * load is excess. A stale host is left alone by every plan and counts for nothing. 0.08 is 8% of
 * one host's capacity over; the figures show it in points (8).
 */
public final class Excess {

    private static final Resource[] RESOURCES = Resource.values();
    static final double NONE = 1e-9;

    private final Policy policy;

    Excess(Policy policy) {
        this.policy = policy;
    }

    /** The load the host may hold: its capacity at the limits when active, nothing otherwise. */
    Resources allowed(Host host) {
        return host.isActive() ? host.capacity().scaledBy(policy.limits()) : Resources.ZERO;
    }

    /** How far the load runs over what the host may hold, as shares of its capacity, summed. */
    double of(Host host, Resources load) {
        if (host.isStale()) {
            return 0;
        }
        Resources allowed = allowed(host);
        double sum = 0;
        for (Resource resource : RESOURCES) {
            double over = load.get(resource) - allowed.get(resource);
            double capacity = host.capacity().get(resource);
            if (over > NONE && capacity > 0) {
                sum += over / capacity;
            }
        }
        return sum;
    }

    /**
     * The highest share of what the host may hold that the load takes, over the resources: 1 is
     * at a limit. The coolest destination is the one this leaves lowest.
     */
    double fill(Host host, Resources load) {
        Resources allowed = allowed(host);
        double most = 0;
        for (Resource resource : RESOURCES) {
            double may = allowed.get(resource);
            most = Math.max(most, may <= 0 ? Double.MAX_VALUE : load.get(resource) / may);
        }
        return most;
    }

    /** The total excess of a placement over every host. */
    double total(ClusterSnapshot snapshot, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        double sum = 0;
        for (Host host : snapshot.hosts()) {
            sum += of(host, load.getOrDefault(host.name(), Resources.ZERO));
        }
        return sum;
    }

    /** The hosts with any excess under the placement, in the snapshot's order. */
    List<Host> hostsOver(ClusterSnapshot snapshot, Placement placement) {
        Map<String, Resources> load = placement.loadByHost(snapshot);
        return snapshot.hosts().stream()
                .filter(h -> of(h, load.getOrDefault(h.name(), Resources.ZERO)) > NONE)
                .toList();
    }
}
