package dev.ballast.scheduler.solver;

import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;

import java.util.Set;

/** Builders for the solver's hosts and VMs, with round figures that make expected scores easy to read. */
public final class Fixtures {

    public static final PlanningHost.Prices CONSOLIDATE_PRICES = new PlanningHost.Prices(180_000, 0, 0, 0);

    private Fixtures() {
    }

    /** An active host mounting {@code nfs-vms} with bridge {@code virbr0}. */
    public static PlanningHost host(String name, long cpuMillis, long memoryMiB, long networkKbps) {
        return new PlanningHost(name, true, cpuMillis, memoryMiB, networkKbps, Set.of("nfs-vms"), Set.of("virbr0"),
                CONSOLIDATE_PRICES);
    }

    public static PlanningHost host(String name) {
        return host(name, 32_000, 131_072, 10_000_000);
    }

    public static PlanningHost inactiveHost(String name) {
        return new PlanningHost(name, false, 32_000, 131_072, 10_000_000, Set.of("nfs-vms"), Set.of("virbr0"),
                CONSOLIDATE_PRICES);
    }

    public static PlanningHost hostWith(String name, Set<String> storage, Set<String> bridges) {
        return new PlanningHost(name, true, 32_000, 131_072, 10_000_000, storage, bridges, CONSOLIDATE_PRICES);
    }

    public static PlanningHost hostPriced(String name, PlanningHost.Prices prices) {
        return new PlanningHost(name, true, 32_000, 131_072, 10_000_000, Set.of("nfs-vms"), Set.of("virbr0"), prices);
    }

    /** A VM needing {@code nfs-vms} and {@code virbr0}, that started on {@code host}. */
    public static PlanningVm vm(String name, long cpuMillis, long memoryMiB, long networkKbps, PlanningHost host) {
        return new PlanningVm(name, cpuMillis, memoryMiB, networkKbps, "nfs-vms", Set.of("virbr0"), false,
                memoryMiB / 1024 * 100, host);
    }

    public static PlanningVm vm(String name, PlanningHost host) {
        return vm(name, 1_000, 4_096, 100_000, host);
    }

    /** A VM that started on {@code from} and is now on {@code to}. */
    public static PlanningVm moved(String name, PlanningHost from, PlanningHost to) {
        PlanningVm vm = vm(name, from);
        vm.setHost(to);
        return vm;
    }
}
