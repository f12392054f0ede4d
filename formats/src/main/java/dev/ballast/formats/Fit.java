package dev.ballast.formats;

import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds VMs (and affinity groups) no host could ever hold, whatever the plan: the input is wrong
 * (a typo in a size, a storage id no host mounts) and no policy can help. Policy limits are not
 * known when a snapshot is read, so this compares with the hosts' full capacity; the solver
 * reports VMs that fit only above a limit.
 *
 * <p>Near-linear in hosts + VMs: needs are grouped by the storage and bridges they ask for (a
 * handful of combinations in a real cluster), and hosts by shape, keeping only the shapes no
 * other host exceeds (a handful of host models). Each need is compared with those; when there
 * are many shapes, the "some host is at least as large in cpu, memory and network" question is
 * answered for all needs in one sweep by cpu instead, keeping the hosts seen so far as a staircase
 * of memory against network. Comparing every VM with every host took 177 s for 2.3 million VMs
 * on 5,000 hosts.
 */
final class Fit {

    /** What must fit on one host: an amount, and storage and bridges the host must offer. */
    record Need(Resources usage, Set<String> storage, Set<String> bridges) {

        static Need of(Vm vm) {
            return new Need(vm.usage(), vm.storage() == null ? Set.of() : Set.of(vm.storage()), vm.bridges());
        }

        boolean offeredBy(Host host) {
            return host.storage().containsAll(storage) && host.bridges().containsAll(bridges);
        }

        String attachments() {
            String bridgeList = "bridges " + new TreeSet<>(bridges);
            if (storage.isEmpty()) {
                return bridgeList;
            }
            String storageList = storage.size() == 1 ? "storage \"" + storage.iterator().next() + "\""
                    : "storage " + new TreeSet<>(storage);
            return storageList + (bridges.isEmpty() ? "" : " and " + bridgeList);
        }
    }

    /** Up to this many host shapes, each need is compared with each; above, the sweep takes over. */
    private static final int FEW_SHAPES = 64;

    // As Resources.fitsWithin: cpu and network are decimals.
    private static final double EPSILON = 1e-9;

    private Fit() {
    }

    /**
     * What must fit, by index: each need made only when asked for, and its attachments and amount
     * read without making one. The needs of millions of VMs at once took as much heap as the VMs,
     * and making one for each VM, even to drop it at once, most of what checking them allocated.
     */
    interface Needs {

        int size();

        Need need(int index);

        /** Equal for needs that ask for the same storage and bridges. */
        Object attachments(int index);

        Resources usage(int index);

        /** True when the index-th need's usage fits within {@code bound}, as {@link Resources#fitsWithin}. */
        default boolean fitsWithin(int index, Resources bound) {
            return usage(index).fitsWithin(bound);
        }
    }

    /** Needs listed as such, such as the affinity groups'. */
    static Needs of(List<Need> needs) {
        return new Needs() {
            @Override
            public int size() {
                return needs.size();
            }

            @Override
            public Need need(int index) {
                return needs.get(index);
            }

            @Override
            public Object attachments(int index) {
                Need need = needs.get(index);
                return new Attachments(need.storage(), need.bridges());
            }

            @Override
            public Resources usage(int index) {
                return needs.get(index).usage();
            }
        };
    }

    /** The needs of VMs, one each. */
    static Needs needsOf(List<Vm> vms) {
        return new Needs() {
            // VMs of the same storage and bridges share their instances (as a reader makes them),
            // and come in runs: the key of the last is given again rather than made anew.
            private String lastStorage;
            private Set<String> lastBridges;
            private Object lastKey;

            @Override
            public int size() {
                return vms.size();
            }

            @Override
            public Need need(int index) {
                return Need.of(vms.get(index));
            }

            @Override
            public Object attachments(int index) {
                Vm vm = vms.get(index);
                if (lastKey == null || vm.storage() != lastStorage || vm.bridges() != lastBridges) {
                    lastStorage = vm.storage();
                    lastBridges = vm.bridges();
                    lastKey = Fit.attachments(lastStorage, lastBridges);
                }
                return lastKey;
            }

            @Override
            public Resources usage(int index) {
                return vms.get(index).usage();
            }
        };
    }

    /** Why no host that may run VMs can hold this VM, or empty when one can. */
    static Optional<String> whyNowhere(Vm vm, List<Host> hosts) {
        return Optional.ofNullable(whyNowhere(needsOf(List.of(vm)), hosts, FEW_SHAPES).get(0));
    }

    /** For each need, by its index, why no host that may run VMs can hold it; needs that fit are left out. */
    static Map<Integer, String> whyNowhere(List<Need> needs, List<Host> hosts) {
        return whyNowhere(of(needs), hosts, FEW_SHAPES);
    }

    /** As {@link #whyNowhere(List, List)}. */
    static Map<Integer, String> whyNowhere(Needs needs, List<Host> hosts) {
        return whyNowhere(needs, hosts, FEW_SHAPES);
    }

    /** As {@link #whyNowhere(List, List)}, sweeping when there are more than {@code fewShapes} host shapes. */
    static Map<Integer, String> whyNowhere(List<Need> needs, List<Host> hosts, int fewShapes) {
        return whyNowhere(of(needs), hosts, fewShapes);
    }

    private static Map<Integer, String> whyNowhere(Needs needs, List<Host> hosts, int fewShapes) {
        Map<Integer, String> why = new HashMap<>();
        List<Host> running = hosts.stream().filter(h -> h.state() != HostState.STANDBY).toList();
        if (running.isEmpty()) {
            for (int i = 0; i < needs.size(); i++) {
                why.put(i, "fits on no host: every host is standby (powered off)");
            }
            return why;
        }
        // The needs of each combination of storage and bridges, as the set of their indexes: no
        // box for each of millions of VMs.
        Map<Object, BitSet> byAttachments = new HashMap<>();
        Object lastKey = null;
        BitSet last = null;
        for (int i = 0; i < needs.size(); i++) {
            Object key = needs.attachments(i);
            if (key != lastKey) {
                lastKey = key;
                last = byAttachments.computeIfAbsent(key, k -> new BitSet());
            }
            last.set(i);
        }
        byAttachments.values().forEach(indexes -> {
            Need first = needs.need(indexes.nextSetBit(0));
            List<Host> attachable = running.stream().filter(first::offeredBy).toList();
            if (attachable.isEmpty()) {
                indexes.stream().forEach(i -> why.put(i, "fits on no host: needs " + first.attachments()
                        + ", and no host that is not standby offers all of them"));
                return;
            }
            Resources largest = largest(attachable);
            for (int i : tooLarge(indexes, needs, attachable, fewShapes)) {
                Resources usage = needs.usage(i);
                why.put(i, "fits on no host: needs " + show(usage)
                        + ", more than any host that is not standby and offers its storage and bridges"
                        + " (largest: " + show(largest) + ")" + shortOf(usage, largest));
            }
        });
        return why;
    }

    private record Attachments(Set<String> storage, Set<String> bridges) {
    }

    /** The key of {@link Needs#attachments} for a VM of this storage (or null) and these bridges. */
    static Object attachments(String storage, Set<String> bridges) {
        return new Attachments(storage == null ? Set.of() : Set.of(storage), bridges);
    }

    /**
     * The needs no host holds. Sweeps hosts and needs by cpu, largest first: when a need comes up,
     * every host with at least its cpu is in the staircase, which keeps for each memory size the
     * most network any such host with at least that memory offers.
     */
    private static List<Integer> tooLarge(BitSet indexes, Needs needs, List<Host> hosts, int fewShapes) {
        List<Resources> shapes = largestShapes(hosts, fewShapes);
        if (shapes.size() <= fewShapes) {
            List<Integer> refused = new ArrayList<>();
            // A plain loop: this runs once per VM, millions of times on a large snapshot.
            for (int i = indexes.nextSetBit(0); i >= 0; i = indexes.nextSetBit(i + 1)) {
                if (!fitsOneOf(needs, i, shapes)) {
                    refused.add(i);
                }
            }
            return refused;
        }
        return sweep(indexes.stream().boxed().toList(), needs, shapes);
    }

    private static boolean fitsOneOf(Needs needs, int index, List<Resources> shapes) {
        for (Resources shape : shapes) {
            if (needs.fitsWithin(index, shape)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hosts' distinct capacities that no other host's exceeds in every resource: a need that
     * fits on any host fits on one of these. A real cluster has a handful of host models, so a
     * handful of shapes.
     */
    private static List<Resources> largestShapes(List<Host> hosts, int fewShapes) {
        List<Resources> distinct = hosts.stream().map(Host::capacity).distinct()
                .sorted(Comparator.comparingDouble(Resources::cpu).reversed()).toList();
        List<Resources> largest = new ArrayList<>();
        for (Resources shape : distinct) {
            if (largest.size() > fewShapes) {
                return distinct; // many shapes: the sweep handles them all in n log n
            }
            if (largest.stream().noneMatch(shape::fitsWithin)) {
                largest.add(shape);
            }
        }
        return largest;
    }

    private static List<Integer> sweep(List<Integer> indexes, Needs needs, List<Resources> shapes) {
        List<Resources> capacities = shapes.stream()
                .sorted(Comparator.comparingDouble(Resources::cpu).reversed()).toList();
        List<Integer> byCpu = new ArrayList<>(indexes);
        byCpu.sort(Comparator.comparingDouble((Integer i) -> needs.usage(i).cpu()).reversed());
        TreeMap<Long, Double> staircase = new TreeMap<>(); // memory ascending, network descending
        List<Integer> refused = new ArrayList<>();
        int next = 0;
        for (int i : byCpu) {
            Resources usage = needs.usage(i);
            while (next < capacities.size() && usage.fitsWithin(withMost(capacities.get(next), usage))) {
                add(staircase, capacities.get(next++));
            }
            Map.Entry<Long, Double> roomiest = staircase.ceilingEntry(usage.memoryMiB());
            if (roomiest == null || !usage.fitsWithin(new Resources(usage.cpu(), roomiest.getKey(), roomiest.getValue()))) {
                refused.add(i);
            }
        }
        return refused;
    }

    // The host's cpu with the need's memory and network: does the host have the cpu for it?
    private static Resources withMost(Resources capacity, Resources usage) {
        return new Resources(capacity.cpu(), usage.memoryMiB(), usage.networkMbps());
    }

    private static void add(TreeMap<Long, Double> staircase, Resources capacity) {
        Map.Entry<Long, Double> above = staircase.ceilingEntry(capacity.memoryMiB());
        if (above != null && above.getValue() >= capacity.networkMbps()) {
            return; // another host has at least as much of both
        }
        for (Map.Entry<Long, Double> below = staircase.floorEntry(capacity.memoryMiB());
                below != null && below.getValue() <= capacity.networkMbps();
                below = staircase.floorEntry(capacity.memoryMiB())) {
            staircase.remove(below.getKey());
        }
        staircase.put(capacity.memoryMiB(), capacity.networkMbps());
    }

    /** The largest amount of each resource on any one host; no single host need have them all. */
    private static Resources largest(List<Host> hosts) {
        return new Resources(
                hosts.stream().mapToDouble(h -> h.capacity().cpu()).max().orElse(0),
                hosts.stream().mapToLong(h -> h.capacity().memoryMiB()).max().orElse(0),
                hosts.stream().mapToDouble(h -> h.capacity().networkMbps()).max().orElse(0));
    }

    /** Which resources no host has enough of: ", too much memoryMiB". */
    private static String shortOf(Resources usage, Resources largest) {
        List<String> short_ = new ArrayList<>();
        if (usage.cpu() > largest.cpu() + EPSILON) {
            short_.add("cpu");
        }
        if (usage.memoryMiB() > largest.memoryMiB()) {
            short_.add("memoryMiB");
        }
        if (usage.networkMbps() > largest.networkMbps() + EPSILON) {
            short_.add("networkMbps");
        }
        return short_.isEmpty() ? "" : ": too much " + String.join(" and ", short_) + " for any one host";
    }

    static String show(Resources amount) {
        return "cpu " + Numbers.show(amount.cpu()) + ", memoryMiB " + amount.memoryMiB()
                + ", networkMbps " + Numbers.show(amount.networkMbps());
    }
}
