package dev.ballast.simulator;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.Comparator;
import java.util.List;

/** A witness that a feasible placement exists: first-fit decreasing by memory, within limits. */
final class FirstFitDecreasing {

    private FirstFitDecreasing() {
    }

    static boolean placesAll(ClusterSnapshot snapshot, double cpu, double memory, double network) {
        Limits limits = new Limits(cpu, memory, network);
        List<Host> hosts = snapshot.hosts();
        Resources[] load = new Resources[hosts.size()];
        java.util.Arrays.fill(load, Resources.ZERO);
        List<Vm> vms = snapshot.vms().stream().sorted(Comparator.comparingLong(Vm::memoryMiB).reversed()).toList();
        for (Vm vm : vms) {
            if (!placeOne(vm, hosts, load, limits)) {
                return false;
            }
        }
        return true;
    }

    private static boolean placeOne(Vm vm, List<Host> hosts, Resources[] load, Limits limits) {
        for (int h = 0; h < hosts.size(); h++) {
            Resources after = load[h].plus(vm.usage());
            if (after.fitsWithin(hosts.get(h).capacity().scaledBy(limits))) {
                load[h] = after;
                return true;
            }
        }
        return false;
    }
}
