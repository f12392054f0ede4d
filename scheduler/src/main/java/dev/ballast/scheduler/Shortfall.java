package dev.ballast.scheduler;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Infeasibility that shows without searching: more demand than the active hosts offer, a pinned
 * VM on a host it must leave, an anti-affinity group larger than the hosts it may use. Found
 * before the solver runs, so the operator gets the reason at once instead of after the time limit.
 * When every VM already runs somewhere, the same reasons explain what a plan must leave as it is
 * ({@link #fitNowhere}), and the planner does the rest.
 */
final class Shortfall {

    private static final String CLUSTER = "cluster";

    private Shortfall() {
    }

    static List<Unresolved> of(ClusterSnapshot snapshot, Policy policy) {
        List<Unresolved> reasons = new ArrayList<>();
        List<Host> active = snapshot.hosts().stream().filter(Host::isActive).toList();
        List<Host> receiving = active.stream().filter(h -> !h.isStale()).toList();
        Resources offered = active.stream().map(h -> h.capacity().scaledBy(policy.limits()))
                .reduce(Resources.ZERO, Resources::plus);
        Resources needed = snapshot.vms().stream().map(Vm::usage).reduce(Resources.ZERO, Resources::plus);
        for (Resource resource : Resource.values()) {
            if (needed.get(resource) > offered.get(resource) + 1e-9) {
                reasons.add(new Unresolved(resource.key(), CLUSTER, String.format(Locale.ROOT,
                        "the VMs need %.1f %s but the %d active hosts offer %.1f at the policy's limit of %.0f%%",
                        needed.get(resource), resource.unit(), active.size(), offered.get(resource),
                        policy.limits().get(resource) * 100)));
            }
        }
        for (Vm vm : snapshot.vms()) {
            if (fitsNowhere(vm, receiving, policy)) {
                reasons.add(new Unresolved(Unresolved.FITS_NOWHERE, vm.name(), String.format(Locale.ROOT,
                        "%s needs %.1f cores, %d MiB, %.1f Mb/s, storage %s and bridges %s, which no active host"
                                + " offers within the policy's limits", vm.name(), vm.demand().cpu(), vm.memoryMiB(),
                        vm.demand().networkMbps(), vm.storage(), vm.bridges())));
            }
            Host host = vm.host() == null ? null : snapshot.host(vm.host()).orElse(null);
            if (host != null && !host.isActive() && host.isStale()) {
                reasons.add(new Unresolved("stale", host.name(), vm.name() + " must leave " + host.name() + " ("
                        + host.state().key() + "), but its figures are stale since " + host.stale().since() + ": "
                        + host.stale().reason() + "; collect a fresh snapshot"));
            } else if (vm.pinned() && host != null && !host.isActive()) {
                reasons.add(new Unresolved("pinned", vm.name(), vm.name() + " is pinned to " + vm.host()
                        + ", which is in " + snapshot.host(vm.host()).orElseThrow().state().key()
                        + " and must be emptied"));
            }
        }
        for (Group group : snapshot.groups()) {
            if (group.rule() == GroupRule.ANTI_AFFINITY && group.vms().size() > active.size()) {
                reasons.add(new Unresolved("anti-affinity", group.name(), "group " + group.name() + " has "
                        + group.vms().size() + " VMs to keep apart but only " + active.size() + " hosts are active"));
            }
        }
        return reasons;
    }

    /** The running VMs, not pinned, that no host could hold within the limits were it otherwise empty. */
    static Set<String> fitNowhere(ClusterSnapshot snapshot, Policy policy) {
        List<Host> receiving = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
        Set<String> vms = new HashSet<>();
        for (Vm vm : snapshot.vms()) {
            if (vm.host() != null && fitsNowhere(vm, receiving, policy)) {
                vms.add(vm.name());
            }
        }
        return vms;
    }

    private static boolean fitsNowhere(Vm vm, List<Host> receiving, Policy policy) {
        return !vm.pinned() && receiving.stream().noneMatch(h -> couldHold(h, vm, policy));
    }

    /** True when the host could hold the VM were it otherwise empty. */
    private static boolean couldHold(Host host, Vm vm, Policy policy) {
        return host.offersAttachmentsOf(vm) && vm.usage().fitsWithin(host.capacity().scaledBy(policy.limits()));
    }
}
