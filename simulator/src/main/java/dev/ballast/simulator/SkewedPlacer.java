package dev.ballast.simulator;

import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Places generated VMs the way a cluster drifts into after months of first-fit scheduling:
 * a few hosts hot (CPU near its limit), a few nearly idle, the rest spread around the mean.
 *
 * <p>Every placement it makes is valid on its own terms: memory within 100%, CPU within
 * {@value #CPU_CAP}, network within {@value #NETWORK_CAP} of each host, and every group rule
 * kept. A policy's tighter limits may still be broken, which is what there is to plan.
 */
final class SkewedPlacer {

    static final double CPU_CAP = 0.92;
    static final double NETWORK_CAP = 0.90;
    /** The share of hosts made hot, and made idle, at skew 1. */
    private static final double EXTREME_SHARE = 0.12;

    private final List<Host> hosts;
    private final List<Vm> vms;
    private final SplittableRandom random;
    private final Resources[] load;
    private final double[] targetFill;
    private final boolean[] idle;
    private final String[] hostOfVm;
    private final Map<String, Integer> vmIndex = new HashMap<>();
    private final Map<String, String> antiGroupOfVm = new HashMap<>();
    private final List<Set<String>> antiGroupsOnHost = new ArrayList<>();

    private SkewedPlacer(List<Host> hosts, List<Vm> vms, List<Group> groups, SplittableRandom random) {
        this.hosts = hosts;
        this.vms = vms;
        this.random = random;
        this.load = new Resources[hosts.size()];
        this.targetFill = new double[hosts.size()];
        this.idle = new boolean[hosts.size()];
        this.hostOfVm = new String[vms.size()];
        for (int i = 0; i < hosts.size(); i++) {
            load[i] = Resources.ZERO;
            antiGroupsOnHost.add(new HashSet<>());
        }
        for (int i = 0; i < vms.size(); i++) {
            vmIndex.put(vms.get(i).name(), i);
        }
        for (Group group : groups) {
            if (group.rule() == GroupRule.ANTI_AFFINITY) {
                group.vms().forEach(vm -> antiGroupOfVm.put(vm, group.name()));
            }
        }
    }

    /**
     * The VMs, in their given order, each on a host.
     *
     * @throws IllegalArgumentException when some VM fits no host, i.e. the cluster is too full
     */
    static List<Vm> place(List<Host> hosts, List<Vm> vms, List<Group> groups, double skew, SplittableRandom random) {
        SkewedPlacer placer = new SkewedPlacer(hosts, vms, groups, random);
        List<Integer> order = placer.shuffledHosts();
        int extremes = hosts.size() < 3 || skew == 0 ? 0 : Math.max(1, (int) Math.round(hosts.size() * skew * EXTREME_SHARE));
        List<List<Integer>> units = placer.units(groups);
        List<Integer> hot = order.subList(0, extremes);
        placer.heatUp(hot, units);
        placer.setTargets(hot, order.subList(extremes, Math.min(order.size(), 2 * extremes)), skew);
        placer.placeRest(units);
        List<Vm> placed = new ArrayList<>(vms.size());
        for (int i = 0; i < vms.size(); i++) {
            placed.add(vms.get(i).onHost(placer.hostOfVm[i]));
        }
        return placed;
    }

    private List<Integer> shuffledHosts() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        return order;
    }

    /** VMs that must share a host (an affinity group) form one unit; every other VM is its own. */
    private List<List<Integer>> units(List<Group> groups) {
        List<List<Integer>> units = new ArrayList<>();
        Set<Integer> grouped = new HashSet<>();
        for (Group group : groups) {
            if (group.rule() == GroupRule.AFFINITY) {
                List<Integer> unit = group.vms().stream().map(vmIndex::get).toList();
                units.add(unit);
                grouped.addAll(unit);
            }
        }
        for (int i = 0; i < vms.size(); i++) {
            if (!grouped.contains(i)) {
                units.add(List.of(i));
            }
        }
        return units;
    }

    /** Fills each hot host with the most CPU-dense single VMs until its CPU passes 86-91%. */
    private void heatUp(List<Integer> hotHosts, List<List<Integer>> units) {
        List<List<Integer>> dense = new ArrayList<>(units.stream().filter(u -> u.size() == 1).toList());
        dense.sort(Comparator.comparingDouble((List<Integer> u) -> -cpuPerGiB(vms.get(u.get(0)))));
        for (int h : hotHosts) {
            double goal = (0.86 + 0.05 * random.nextDouble()) * hosts.get(h).capacity().cpu();
            for (List<Integer> unit : dense) {
                if (load[h].cpu() >= goal) {
                    break;
                }
                if (hostOfVm[unit.get(0)] == null && fits(unit, h)) {
                    assign(unit, h);
                }
            }
        }
    }

    private static double cpuPerGiB(Vm vm) {
        return vm.demand().cpu() / (vm.memoryMiB() / 1024.0);
    }

    /**
     * Hot hosts stay as they are; idle hosts aim at 1-6% memory; the others at the mean fill,
     * spread by the skew, scaled so that the targets add up to the memory left to place.
     */
    private void setTargets(List<Integer> hot, List<Integer> idleHosts, double skew) {
        double reservedMiB = 0;
        for (int h : hot) {
            targetFill[h] = load[h].memoryMiB() / (double) hosts.get(h).capacity().memoryMiB();
            reservedMiB += load[h].memoryMiB();
        }
        for (int h : idleHosts) {
            idle[h] = true;
            targetFill[h] = 0.01 + 0.05 * random.nextDouble();
            reservedMiB += targetFill[h] * hosts.get(h).capacity().memoryMiB();
        }
        double[] raw = new double[hosts.size()];
        double rawMiB = 0;
        for (int h = 0; h < hosts.size(); h++) {
            if (!idle[h] && !hot.contains(h)) {
                raw[h] = 1 + skew * 0.6 * (2 * random.nextDouble() - 1);
                rawMiB += raw[h] * hosts.get(h).capacity().memoryMiB();
            }
        }
        double vmMiB = vms.stream().mapToLong(Vm::memoryMiB).sum();
        double base = rawMiB == 0 ? 0 : Math.max(0, vmMiB - reservedMiB) / rawMiB;
        for (int h = 0; h < hosts.size(); h++) {
            if (raw[h] > 0) {
                targetFill[h] = Math.min(0.97, base * raw[h]);
            }
        }
    }

    /** Largest first, each on a host drawn in proportion to how far it is below its target. */
    private void placeRest(List<List<Integer>> units) {
        List<List<Integer>> todo = new ArrayList<>(units.stream().filter(u -> hostOfVm[u.get(0)] == null).toList());
        todo.sort(Comparator.comparingLong((List<Integer> u) -> -usage(u).memoryMiB()));
        for (List<Integer> unit : todo) {
            assign(unit, chooseHost(unit));
        }
    }

    private int chooseHost(List<Integer> unit) {
        long memory = usage(unit).memoryMiB();
        double[] weights = new double[hosts.size()];
        boolean any = false;
        for (int h = 0; h < hosts.size(); h++) {
            double headroom = targetFill[h] * hosts.get(h).capacity().memoryMiB() - load[h].memoryMiB();
            if (headroom >= memory && fits(unit, h)) {
                weights[h] = headroom;
                any = true;
            }
        }
        if (any) {
            return VmShapes.pick(weights, random);
        }
        int fallback = emptiest(unit, false);
        return fallback >= 0 ? fallback : orElseThrow(emptiest(unit, true), unit);
    }

    /** The host with the most memory left after taking the unit, among idle or non-idle ones. */
    private int emptiest(List<Integer> unit, boolean idleHosts) {
        int best = -1;
        double bestFree = -1;
        for (int h = 0; h < hosts.size(); h++) {
            if (idle[h] == idleHosts && fits(unit, h)) {
                long capacity = hosts.get(h).capacity().memoryMiB();
                double free = (capacity - load[h].memoryMiB()) / (double) capacity;
                if (free > bestFree) {
                    best = h;
                    bestFree = free;
                }
            }
        }
        return best;
    }

    private int orElseThrow(int host, List<Integer> unit) {
        if (host < 0) {
            Vm vm = vms.get(unit.get(0));
            throw new IllegalArgumentException(String.format(
                    "cannot place %s (%d vCPUs, %d GiB): no host has room left; use more hosts, fewer VMs or a lower fill",
                    vm.name(), vm.vcpus(), vm.memoryMiB() / 1024));
        }
        return host;
    }

    private boolean fits(List<Integer> unit, int h) {
        Resources capacity = hosts.get(h).capacity();
        Resources after = load[h].plus(usage(unit));
        boolean resourcesFit = after.memoryMiB() <= capacity.memoryMiB()
                && after.cpu() <= CPU_CAP * capacity.cpu()
                && after.networkMbps() <= NETWORK_CAP * capacity.networkMbps();
        return resourcesFit && unit.stream()
                .map(i -> antiGroupOfVm.get(vms.get(i).name()))
                .noneMatch(g -> g != null && antiGroupsOnHost.get(h).contains(g));
    }

    private void assign(List<Integer> unit, int h) {
        load[h] = load[h].plus(usage(unit));
        for (int i : unit) {
            hostOfVm[i] = hosts.get(h).name();
            String group = antiGroupOfVm.get(vms.get(i).name());
            if (group != null) {
                antiGroupsOnHost.get(h).add(group);
            }
        }
    }

    private Resources usage(List<Integer> unit) {
        Resources sum = Resources.ZERO;
        for (int i : unit) {
            sum = sum.plus(vms.get(i).usage());
        }
        return sum;
    }
}
