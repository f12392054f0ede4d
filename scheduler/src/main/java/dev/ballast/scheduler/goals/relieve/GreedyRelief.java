package dev.ballast.scheduler.goals.relieve;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Relief as an operator does it by hand, and the search's starting point: first the hosts that
 * must be emptied, every VM to the host it leaves coolest, largest first; then the hosts over a
 * limit, most excess first, each by the fewest moves that bring it back within its limits. For a
 * host over a limit it takes, when one VM's leaving is enough, the VM whose move copies least;
 * otherwise the VM that takes the most excess off (the cheapest of those), and looks again. Each
 * VM goes to the host that takes it within every rule and is left coolest ({@link Excess#fill}).
 * A host that no move helps is left as it is; {@link Unrelieved} then says why.
 */
final class GreedyRelief {

    private final ClusterSnapshot snapshot;
    private final ClusterState state;
    private final Excess excess;
    private final RelievePrices prices;
    private final List<Host> receivers;
    private final Map<String, List<Vm>> vmsOn = new HashMap<>();
    private final Set<String> moved = new HashSet<>();
    private final int maxMigrations;

    private GreedyRelief(ClusterSnapshot snapshot, Policy policy, Excess excess, RelievePrices prices) {
        this.snapshot = snapshot;
        this.state = ClusterState.current(snapshot, policy);
        this.excess = excess;
        this.prices = prices;
        this.receivers = snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).toList();
        this.maxMigrations = policy.maxMigrations() == null ? Integer.MAX_VALUE : policy.maxMigrations();
        snapshot.vms().stream().filter(vm -> !vm.isNew())
                .forEach(vm -> vmsOn.computeIfAbsent(vm.host(), h -> new ArrayList<>()).add(vm));
    }

    /** The placement with every host relieved as far as these moves go; empty when VMs need placing. */
    static Optional<Placement> place(ClusterSnapshot snapshot, Policy policy, Excess excess, RelievePrices prices) {
        if (snapshot.vms().stream().anyMatch(Vm::isNew)) {
            return Optional.empty();
        }
        GreedyRelief relief = new GreedyRelief(snapshot, policy, excess, prices);
        relief.run();
        return Optional.of(relief.state.placement());
    }

    private void run() {
        for (Host host : snapshot.hosts()) {
            if (!host.isActive() && !host.isStale()) {
                empty(host);
            }
        }
        List<Host> over = new ArrayList<>(receivers.stream().filter(h -> excessOf(h) > Excess.NONE).toList());
        over.sort(Comparator.comparingDouble(this::excessOf).reversed());
        for (Host host : over) {
            relieve(host);
        }
    }

    /** Every VM off a host that must be emptied, largest first while there is most room. */
    private void empty(Host host) {
        List<Vm> largestFirst = new ArrayList<>(vmsOn.getOrDefault(host.name(), List.of()));
        largestFirst.sort(Comparator.comparingLong(Vm::memoryMiB).reversed());
        for (Vm vm : largestFirst) {
            if (!vm.pinned() && moved.size() < maxMigrations) {
                coolestHome(vm, host).ifPresent(to -> move(vm, host, to));
            }
        }
    }

    private void relieve(Host host) {
        while (excessOf(host) > Excess.NONE && moved.size() < maxMigrations) {
            if (!relieveOnce(host)) {
                return;
            }
        }
    }

    /**
     * When one VM's leaving is not enough, the cheapest two whose leaving is, if any: taking the
     * VM that relieves most first may pick a large VM where two small ones do as well.
     */
    private boolean relieveByTwo(Host host) {
        if (maxMigrations - moved.size() < 2) {
            return false;
        }
        Resources load = state.loadOf(host.name());
        List<Vm> movable = vmsOn.getOrDefault(host.name(), List.of()).stream().filter(vm -> !vm.pinned()).toList();
        Vm[] best = null;
        long bestPrice = Long.MAX_VALUE;
        for (int i = 0; i < movable.size(); i++) {
            for (int j = i + 1; j < movable.size(); j++) {
                Vm a = movable.get(i);
                Vm b = movable.get(j);
                long price = prices.migrationOf(a) + prices.migrationOf(b);
                if (price < bestPrice
                        && excess.of(host, load.minus(a.usage()).minus(b.usage())) <= Excess.NONE) {
                    best = new Vm[] {a, b};
                    bestPrice = price;
                }
            }
        }
        if (best == null) {
            return false;
        }
        Optional<Host> first = coolestHome(best[0], host);
        if (first.isEmpty()) {
            return false;
        }
        move(best[0], host, first.get());
        Optional<Host> second = coolestHome(best[1], host);
        if (second.isEmpty()) {
            move(best[0], first.get(), host);
            return false;
        }
        move(best[1], host, second.get());
        return true;
    }

    /**
     * Makes the best single move off the host: most excess off, then the cheapest, then the one
     * whose destination is left coolest; false when no move takes excess off it.
     */
    private boolean relieveOnce(Host host) {
        Resources load = state.loadOf(host.name());
        double now = excess.of(host, load);
        Vm best = null;
        Host bestHome = null;
        double bestRelief = Excess.NONE;
        long bestPrice = Long.MAX_VALUE;
        double bestFill = Double.MAX_VALUE;
        for (Vm vm : vmsOn.getOrDefault(host.name(), List.of())) {
            double relief = now - excess.of(host, load.minus(vm.usage()));
            if (vm.pinned() || relief < bestRelief - Excess.NONE) {
                continue;
            }
            long price = prices.migrationOf(vm);
            boolean more = relief > bestRelief + Excess.NONE;
            if (!more && price > bestPrice) {
                continue;
            }
            Optional<Host> home = coolestHome(vm, host);
            if (home.isEmpty()) {
                continue;
            }
            double fill = excess.fill(home.get(), state.loadOf(home.get().name()).plus(vm.usage()));
            if (more || price < bestPrice || fill < bestFill) {
                best = vm;
                bestHome = home.get();
                bestRelief = relief;
                bestPrice = price;
                bestFill = fill;
            }
        }
        if (best == null) {
            return false;
        }
        if (excess.of(host, load.minus(best.usage())) > Excess.NONE && relieveByTwo(host)) {
            return true;
        }
        move(best, host, bestHome);
        return true;
    }

    /** The host that takes the VM within every rule and is left coolest, other than where it is. */
    private Optional<Host> coolestHome(Vm vm, Host from) {
        Host best = null;
        double coolest = Double.MAX_VALUE;
        for (Host host : receivers) {
            if (host == from) {
                continue;
            }
            double fill = excess.fill(host, state.loadOf(host.name()).plus(vm.usage()));
            if (fill < coolest && fill <= 1 + Excess.NONE && state.fits(vm.name(), host.name())) {
                best = host;
                coolest = fill;
            }
        }
        return Optional.ofNullable(best);
    }

    private void move(Vm vm, Host from, Host to) {
        state.move(vm.name(), to.name());
        vmsOn.get(from.name()).remove(vm);
        vmsOn.computeIfAbsent(to.name(), h -> new ArrayList<>()).add(vm);
        if (vm.host().equals(to.name())) {
            moved.remove(vm.name());
        } else {
            moved.add(vm.name());
        }
    }

    private double excessOf(Host host) {
        return excess.of(host, state.loadOf(host.name()));
    }
}
