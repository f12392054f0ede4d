package dev.ballast.whatif;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the loss of one host means for its VMs.
 *
 * @param absorbable   every VM of the host can restart on the hosts left
 * @param stranded     the VMs that cannot, sorted; empty when absorbable
 * @param shortOf      what stops them, most often: a resource ({@code memory}) or a rule
 *                     ({@code anti-affinity}); null when absorbable
 * @param restarts     where each VM restarts (VM to host), sorted by VM name so that every
 *                     rendering lists them in the same order, run after run
 * @param othersMoved  VMs of other hosts moved to make room (by the greedy check or the planner);
 *                     0 when a greedy placement into the free room was enough
 * @param moves        the greedy check's moves of other VMs (VM to host), in the order they run,
 *                     before the restarts; empty when none was needed or the planner found the way
 * @param decidedBy    what decided the verdict: the greedy check, a proof, or the planner
 */
public record HostLoss(String host, int vms, boolean absorbable, List<String> stranded, String shortOf,
        Map<String, String> restarts, int othersMoved, Map<String, String> moves, DecidedBy decidedBy) {

    public HostLoss {
        stranded = List.copyOf(stranded);
        restarts = Collections.unmodifiableMap(new TreeMap<>(restarts));
        moves = Collections.unmodifiableMap(new LinkedHashMap<>(moves));
    }

    /** This loss, not absorbable, now decided by {@code how}. */
    HostLoss decidedBy(DecidedBy how) {
        return new HostLoss(host, vms, absorbable, stranded, shortOf, restarts, othersMoved, moves, how);
    }
}
