package dev.ballast.formats;

import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one entry of a snapshot's {@code vms} list, checking it against the hosts already read:
 * its host must exist and be powered on, and a pinned VM must have one.
 */
final class VmReader {

    static final String[] FIELDS = {
        "name", "host", "memoryMiB", "vcpus", "demand", "dirtyRateMiBps", "storage", "bridges", "pinned",
        "lastMigratedAt"};

    static final Bound MEMORY_MIB = Bound.positiveUpTo(Bound.MAX_MEMORY_MIB);
    static final Bound VCPUS = Bound.positiveUpTo(Bound.MAX_COUNT);
    static final Bound DIRTY_RATE = Bound.nonNegativeUpTo(Bound.MAX_MBPS);
    static final Bound CPU = Bound.nonNegativeUpTo(Bound.MAX_CORES);
    static final Bound NETWORK = Bound.nonNegativeUpTo(Bound.MAX_MBPS);

    private final Names hostNames;
    private final Map<String, Host> validHosts;
    private final Problems problems;
    // A large snapshot names a handful of storage ids and sets of bridges millions of times:
    // every VM keeps the instance read first rather than a copy of its own, which for 2.3
    // million VMs was a third of the heap they took.
    private final Map<String, String> storageIds = new HashMap<>();
    private final Map<List<String>, Set<String>> bridgeSets = new HashMap<>();
    private List<String> lastBridges;
    private Set<String> lastBridgeSet;

    /**
     * @param hostNames  every host name given, valid host or not, so a reference to a broken
     *                   host is not also called dangling
     * @param validHosts the hosts read without problems, by name
     */
    VmReader(Names hostNames, Map<String, Host> validHosts, Problems problems) {
        this.hostNames = hostNames;
        this.validHosts = validHosts;
        this.problems = problems;
    }

    /**
     * Reads a VM from its tree into {@code into}, accepted or rejected at its place in the list.
     * The entry returned holds its name, as its value too when it was read without problems.
     */
    Entry<String> read(NodeReader vm, int index, VmsRead into) {
        int mark = problems.count();
        vm.allowOnly(FIELDS);
        String name = vm.name("name", true);
        String host = vm.name("host", false);
        Long memoryMiB = vm.requiredWhole("memoryMiB", MEMORY_MIB);
        Integer vcpus = vm.integer("vcpus", null, VCPUS, true);
        Demand demand = demand(vm.object("demand", true));
        Double dirtyRate = vm.decimal("dirtyRateMiBps", null, DIRTY_RATE);
        String storage = vm.name("storage", false);
        List<String> bridges = vm.names("bridges", false);
        Boolean pinned = vm.flag("pinned", false);
        Instant lastMigratedAt = vm.instant("lastMigratedAt");
        Host known = knownHost(vm, host);
        if (Boolean.TRUE.equals(pinned) && host == null && !vm.has("host")) {
            vm.report("pinned", "a pinned VM must have a host: give it one, or set pinned: false");
        }
        if (problems.addedSince(mark)) {
            into.reject(index, name);
            return vm.entry(name, null);
        }
        into.accept(index, name);
        keep(into, known == null ? host : known.name(), memoryMiB, vcpus, demand.cpu(), demand.networkMbps(),
                dirtyRate == null ? Double.NaN : dirtyRate, storage, bridges, pinned, lastMigratedAt);
        return vm.entry(name, name);
    }

    /**
     * The VM {@code into} accepted last, read without problems, handed on sharing the storage id
     * and bridge set of the VMs read before it; {@code dirtyRate} NaN when not given.
     */
    void keep(VmsRead into, String host, long memoryMiB, int vcpus, double cpu, double networkMbps,
            double dirtyRate, String storage, List<String> bridges, boolean pinned, Instant lastMigratedAt) {
        into.keep(host, memoryMiB, vcpus, cpu, networkMbps, dirtyRate,
                storage == null ? null : storageIds.computeIfAbsent(storage, id -> id), bridgeSet(bridges), pinned,
                lastMigratedAt);
    }

    // The list may be a reader's scratch list: the map keeps a copy. Most VMs name the same
    // bridges as the VM before, as the same instances (SharedTexts): those skip the map.
    private Set<String> bridgeSet(List<String> bridges) {
        if (lastBridges != null && sameInstances(lastBridges, bridges)) {
            return lastBridgeSet;
        }
        Set<String> set = bridgeSets.get(bridges);
        if (set == null) {
            set = Set.copyOf(bridges);
            bridgeSets.put(List.copyOf(bridges), set);
        }
        lastBridges = List.copyOf(bridges);
        lastBridgeSet = set;
        return set;
    }

    private static boolean sameInstances(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The name to give a VM's host when the VM names a host it may run on: the host's own name
     * instance; the name given when it names a host read with problems (reported there); null when
     * it names no host, or a standby one, which {@link #read} reports.
     */
    String runningHost(String host) {
        Host known = validHosts.get(host);
        if (known != null) {
            return known.state() == HostState.STANDBY ? null : known.name();
        }
        return hostNames.contains(host) ? host : null;
    }

    /** The host a VM names, after checking that it exists and runs; null when it names none or a wrong one. */
    private Host knownHost(NodeReader vm, String host) {
        if (host == null) {
            return null;
        }
        if (!hostNames.contains(host)) {
            vm.report("host", "no host named \"" + host + "\"");
            return null;
        }
        Host known = validHosts.get(host);
        if (known != null && known.state() == HostState.STANDBY) {
            vm.report("host", "host \"" + host + "\" is standby (powered off) and cannot run VMs;"
                    + " set the host's state to active, or remove the VM's host to have it placed");
        }
        return known;
    }

    private static Demand demand(NodeReader demand) {
        if (demand == null) {
            return null;
        }
        demand.allowOnly("cpu", "networkMbps");
        Double cpu = demand.requiredDecimal("cpu", CPU);
        Double networkMbps = demand.decimal("networkMbps", 0.0, NETWORK);
        return cpu == null || networkMbps == null ? null : new Demand(cpu, networkMbps);
    }
}
