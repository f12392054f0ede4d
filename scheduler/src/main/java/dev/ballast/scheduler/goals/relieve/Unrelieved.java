package dev.ballast.scheduler.goals.relieve;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why a host is still over a limit, or still holds VMs it must give up, once a placement is
 * reached: what keeps each VM that would relieve it in place (all pinned; no room anywhere within
 * the limits; or the rules, each with the number of hosts where it refuses the VM). By host, for
 * the plan to say beside the breach.
 */
final class Unrelieved {

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Excess excess;

    Unrelieved(ClusterSnapshot snapshot, Policy policy, Excess excess) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.excess = excess;
    }

    /** Why, by host, for each host the placement leaves over a limit or holding VMs it must give up. */
    Map<String, String> of(Placement placement) {
        List<Host> over = excess.hostsOver(snapshot, placement);
        if (over.isEmpty()) {
            return Map.of();
        }
        ClusterState state = ClusterState.of(snapshot, policy, placement);
        Map<String, String> why = new LinkedHashMap<>();
        for (Host host : over) {
            why.put(host.name(), why(host, state));
        }
        return why;
    }

    private String why(Host host, ClusterState state) {
        Resources load = state.loadOf(host.name());
        double now = excess.of(host, load);
        List<Vm> helpful = snapshot.vms().stream()
                .filter(vm -> host.name().equals(state.hostOf(vm.name())))
                .filter(vm -> now - excess.of(host, load.minus(vm.usage())) > Excess.NONE)
                .toList();
        if (helpful.isEmpty()) {
            return "none of its VMs would take anything off by leaving";
        }
        // A host to empty gives up all its VMs; one over a limit, those whose leaving relieves it.
        String which = (host.isActive() ? "any VM whose leaving would relieve it" : "the VMs it must give up")
                + " (" + names(helpful) + ")";
        if (helpful.stream().allMatch(Vm::pinned)) {
            return (host.isActive() ? "every VM whose leaving would relieve it is pinned"
                    : "the VMs it must give up are pinned") + " (" + names(helpful) + ")";
        }
        Map<String, Integer> refusals = new TreeMap<>();
        int tried = 0;
        for (Vm vm : helpful) {
            if (vm.pinned()) {
                continue;
            }
            for (Host other : snapshot.hosts()) {
                if (other != host && other.isActive() && !other.isStale()) {
                    tried++;
                    Optional<Violation> no = state.whyNot(vm.name(), other.name());
                    no.ifPresent(v -> refusals.merge(v.rule(), 1, Integer::sum));
                }
            }
        }
        if (refusals.values().stream().mapToInt(Integer::intValue).sum() < tried) {
            return "some of " + which + " could go elsewhere one at a time, but no set of moves found relieves it"
                    + " without putting another host over";
        }
        if (refusals.keySet().stream().allMatch(Unrelieved::isCapacity)) {
            return "no other host has room within the limits for " + which;
        }
        List<String> counted = new ArrayList<>();
        refusals.forEach((rule, count) -> counted.add(rule + " (" + count + " times)"));
        return "no other host may take " + which + "; refused by " + String.join(", ", counted);
    }

    private static String names(List<Vm> vms) {
        return String.join(", ", vms.stream().map(Vm::name).limit(5).toList()) + (vms.size() > 5 ? ", ..." : "");
    }

    private static boolean isCapacity(String rule) {
        for (Resource resource : Resource.values()) {
            if (resource.key().equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
