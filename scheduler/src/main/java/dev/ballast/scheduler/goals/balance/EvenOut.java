package dev.ballast.scheduler.goals.balance;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;
import dev.ballast.rules.solver.PlanningHost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Balance's greedy start above level 1: from the moves the limits demand, takes one move at a
 * time, the one that evens the load out most beyond its price (the level's threshold, {@link
 * Aggressiveness}), from one of the busiest hosts of some resource to one of the least busy,
 * until no move pays.
 * Each VM moves at most once. The same prices as the solver's, so the search starts from a
 * placement it agrees with and only polishes; local search alone, picking moves at random, found
 * a few dozen of the paying moves among a thousand hosts' and took some that a level below had not.
 */
final class EvenOut {

    /**
     * The busiest hosts of each resource whose VMs are tried, and the least busy tried as
     * destinations, per move: by each resource, since one host's busy CPU says nothing of its memory.
     */
    private static final int CANDIDATES = 16;

    private final ClusterState state;
    private final BalancePrices prices;
    private final List<Host> hosts;
    private final Map<String, PlanningHost.Prices> hostPrices = new HashMap<>();
    private final Map<String, List<Vm>> vmsOn = new HashMap<>();
    private final Set<String> moved = new HashSet<>();
    private final int maxMigrations;

    private EvenOut(ClusterSnapshot snapshot, Policy policy, BalancePrices prices, Placement start) {
        this.state = ClusterState.of(snapshot, policy, start);
        this.prices = prices;
        this.hosts = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
        this.maxMigrations = policy.maxMigrations() == null ? Integer.MAX_VALUE : policy.maxMigrations();
        hosts.forEach(h -> hostPrices.put(h.name(), prices.forHost(h)));
        for (Vm vm : snapshot.vms()) {
            String host = start.hostOf(vm.name());
            if (host != null) {
                vmsOn.computeIfAbsent(host, h -> new ArrayList<>()).add(vm);
                if (!host.equals(vm.host())) {
                    moved.add(vm.name());
                }
            }
        }
    }

    /** The start with every paying move added; empty when the start is. */
    static Optional<Placement> from(ClusterSnapshot snapshot, Policy policy, BalancePrices prices,
            Optional<Placement> start) {
        if (start.isEmpty()) {
            return start;
        }
        EvenOut evening = new EvenOut(snapshot, policy, prices, start.get());
        while (evening.moved.size() < evening.maxMigrations && evening.moveOnce()) {
            // each move pays for itself; the loop ends when none does
        }
        return Optional.of(evening.state.placement());
    }

    private boolean moveOnce() {
        Set<Host> sources = new LinkedHashSet<>();
        Set<Host> destinations = new LinkedHashSet<>();
        for (Resource resource : Resource.values()) {
            List<Host> busiestFirst = new ArrayList<>(hosts);
            busiestFirst.sort(Comparator.comparingDouble((Host h) -> utilisation(h, resource)).reversed());
            sources.addAll(busiestFirst.subList(0, Math.min(CANDIDATES, busiestFirst.size())));
            destinations.addAll(busiestFirst.subList(Math.max(0, busiestFirst.size() - CANDIDATES),
                    busiestFirst.size()));
        }
        Vm bestVm = null;
        Host bestFrom = null;
        Host bestTo = null;
        double bestNet = 0;
        for (Host from : sources) {
            for (Vm vm : vmsOn.getOrDefault(from.name(), List.of())) {
                if (vm.pinned() || moved.contains(vm.name())) {
                    continue;
                }
                double price = prices.migrationOf(vm);
                for (Host to : destinations) {
                    if (to == from) {
                        continue;
                    }
                    double net = gain(vm, from, to) - price;
                    if (net > bestNet && state.fits(vm.name(), to.name())) {
                        bestVm = vm;
                        bestFrom = from;
                        bestTo = to;
                        bestNet = net;
                    }
                }
            }
        }
        if (bestVm == null) {
            return false;
        }
        state.move(bestVm.name(), bestTo.name());
        vmsOn.get(bestFrom.name()).remove(bestVm);
        vmsOn.computeIfAbsent(bestTo.name(), h -> new ArrayList<>()).add(bestVm);
        moved.add(bestVm.name());
        return true;
    }

    /** What moving the VM takes off the solver's price of uneven load, in its units. */
    private double gain(Vm vm, Host from, Host to) {
        Resources usage = vm.usage();
        Resources fromLoad = state.loadOf(from.name());
        Resources toLoad = state.loadOf(to.name());
        return price(from, fromLoad) - price(from, fromLoad.minus(usage))
                + price(to, toLoad) - price(to, toLoad.plus(usage));
    }

    private double utilisation(Host host, Resource resource) {
        return state.loadOf(host.name()).get(resource) / host.capacity().get(resource);
    }

    /** As {@link PlanningHost#squaredLoadPrice}, unrounded, in cores, MiB and Mb/s. */
    private double price(Host host, Resources load) {
        PlanningHost.Prices p = hostPrices.get(host.name());
        double cpu = load.cpu() * 1000;
        double network = load.networkMbps() * 1000;
        return p.perSquareCpu() * cpu * cpu + p.perSquareMemory() * load.memoryMiB() * load.memoryMiB()
                + p.perSquareNetwork() * network * network;
    }
}
