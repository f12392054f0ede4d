package dev.ballast.whatif;

import java.util.List;
import java.util.Map;

/**
 * What the loss of one host means for its VMs.
 *
 * @param absorbable   every VM of the host can restart on the hosts left
 * @param stranded     the VMs that cannot, sorted; empty when absorbable
 * @param shortOf      what stops them, most often: a resource ({@code memory}) or a rule
 *                     ({@code anti-affinity}); null when absorbable
 * @param restarts     where each VM restarts (VM to host); empty when the planner found the way,
 *                     or for {@code fail: any}, where it is not kept
 * @param othersMoved  VMs of other hosts the planner had to move to make room; 0 when a greedy
 *                     placement into the free room was enough
 */
public record HostLoss(String host, int vms, boolean absorbable, List<String> stranded, String shortOf,
        Map<String, String> restarts, int othersMoved) {

    public HostLoss {
        stranded = List.copyOf(stranded);
        restarts = Map.copyOf(restarts);
    }
}
