package dev.ballast.policies;

import dev.ballast.model.ClusterChanges;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.GroupRule;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Placement;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where every VM is at one moment, with each host's load kept up to date, so that "may this VM
 * go to that host now?" is answered in time proportional to the VM's groups, not the cluster.
 * Used to replay plans step by step, order steps, and pack VMs greedily. Not thread-safe.
 */
public final class ClusterState implements ClusterChanges {

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final Map<String, Host> hosts;
    private final Map<String, Vm> vms;
    private final Map<String, List<Group>> groupsOfVm = new HashMap<>();
    private final Map<String, String> hostOfVm;
    private final Map<String, Resources> load = new HashMap<>();
    private final Map<String, Integer> vmCount = new HashMap<>();
    private final Map<String, Resources> limits = new HashMap<>();
    /** Hosts whose power a step has changed, with the state they are in now. */
    private final Map<String, HostState> switched = new HashMap<>();

    private ClusterState(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.hosts = snapshot.hostsByName();
        this.vms = snapshot.vmsByName();
        this.hostOfVm = new LinkedHashMap<>(placement.hostOfVm());
        for (Group group : snapshot.groups()) {
            for (String vm : group.vms()) {
                groupsOfVm.computeIfAbsent(vm, k -> new ArrayList<>()).add(group);
            }
        }
        load.putAll(placement.loadByHost(snapshot));
        hostOfVm.values().forEach(host -> vmCount.merge(host, 1, Integer::sum));
    }

    /** The cluster as the snapshot has it now. */
    public static ClusterState current(ClusterSnapshot snapshot, Policy policy) {
        return new ClusterState(snapshot, policy, snapshot.currentPlacement());
    }

    /** The cluster under any placement. */
    public static ClusterState of(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        return new ClusterState(snapshot, policy, placement);
    }

    /** Why {@code vm} may not run on {@code host} in this state, or empty when it may. */
    public Optional<Violation> whyNot(String vmName, String hostName) {
        return whyNot(vmName, hostName, true);
    }

    /**
     * Why {@code vm} may not move to {@code host} as one step of a plan. Affinity is not asked
     * for: a group moves one VM at a time, so it is apart between its members' steps, and is
     * checked on the plan's final placement instead.
     */
    public Optional<Violation> whyNotStep(String vmName, String hostName) {
        return whyNot(vmName, hostName, false);
    }

    private Optional<Violation> whyNot(String vmName, String hostName, boolean withAffinity) {
        Vm vm = vms.get(vmName);
        Host host = hosts.get(hostName);
        if (vm.pinned() && !hostName.equals(vm.host())) {
            return Optional.of(new Violation("pinned", vmName, vmName + " is pinned to " + vm.host()));
        }
        if (host.isStale() && !hostName.equals(vm.host())) {
            return Optional.of(new Violation("stale", hostName, vmName + " may not go to " + hostName
                    + ", whose figures are stale since " + host.stale().since() + ": " + host.stale().reason()));
        }
        if (stateOf(hostName) != HostState.ACTIVE) {
            return Optional.of(new Violation("host-state", hostName,
                    vmName + " may not go to " + hostName + ", which is in " + stateOf(hostName).key()));
        }
        if (vm.storage() != null && !host.storage().contains(vm.storage())) {
            return Optional.of(new Violation("storage", hostName,
                    hostName + " does not mount storage " + vm.storage() + " that " + vmName + " needs"));
        }
        if (!host.bridges().containsAll(vm.bridges())) {
            return Optional.of(new Violation("bridges", hostName,
                    hostName + " lacks bridges " + vm.bridges() + " that " + vmName + " needs (has " + host.bridges() + ")"));
        }
        Resources after = loadOf(hostName).plus(sameHost(vmName, hostName) ? Resources.ZERO : vm.usage());
        Optional<Violation> capacity = Limits.overLimit(host, after, policy);
        if (capacity.isPresent()) {
            return capacity;
        }
        return groupRuleAgainst(vmName, hostName, withAffinity);
    }

    /** Why {@code step} may not run in this state, or empty when it may; see {@link #whyNotStep(String, String)}. */
    public Optional<Violation> whyNotStep(Step step) {
        if (step instanceof VmStep move) {
            return whyNotStep(move.vm(), move.to());
        }
        String hostName = step.host();
        Host host = hosts.get(hostName);
        if (step instanceof PowerOff) {
            if (holdsVms(hostName)) {
                return Optional.of(new Violation("power-state", hostName, hostName + " still holds "
                        + vmsOn(hostName) + ": a host is switched off only when it holds no VM"));
            }
            if (host.isStale()) {
                return Optional.of(new Violation("power-state", hostName, hostName
                        + " may run VMs the snapshot does not show: its figures are stale: " + host.stale().reason()));
            }
            if (stateOf(hostName) == HostState.STANDBY) {
                return Optional.of(new Violation("power-state", hostName, hostName + " is already off"));
            }
            return Optional.empty();
        }
        if (stateOf(hostName) != HostState.STANDBY) {
            return Optional.of(new Violation("power-state", hostName, hostName + " is not off: it is in "
                    + stateOf(hostName).key()));
        }
        return Optional.empty();
    }

    /** The host's state now: as the snapshot has it, unless a step switched it off or on. */
    public HostState stateOf(String hostName) {
        HostState now = switched.get(hostName);
        return now != null ? now : hosts.get(hostName).state();
    }

    private List<String> vmsOn(String hostName) {
        return hostOfVm.entrySet().stream().filter(e -> hostName.equals(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** True when {@code vm} may run on {@code host} in this state. */
    public boolean fits(String vm, String host) {
        return hasRoom(vm, host) && whyNot(vm, host).isEmpty();
    }

    /** True when {@code vm} may move to {@code host} as one step of a plan; see {@link #whyNotStep}. */
    public boolean fitsStep(String vm, String host) {
        return hasRoom(vm, host) && whyNotStep(vm, host).isEmpty();
    }

    /**
     * The capacity rule alone, without words: packing and sequencing ask it of every host they
     * try, most of which are full, and building each refusal's message dominated their time.
     */
    private boolean hasRoom(String vmName, String hostName) {
        Resources usage = sameHost(vmName, hostName) ? Resources.ZERO : vms.get(vmName).usage();
        Resources limit = limits.computeIfAbsent(hostName, h -> hosts.get(h).capacity().scaledBy(policy.limits()));
        return loadOf(hostName).plus(usage).fitsWithin(limit);
    }

    /** Puts a VM on a host, whatever the rules say: callers check {@link #whyNot} first. */
    public void move(String vmName, String hostName) {
        Resources usage = vms.get(vmName).usage();
        String from = hostOfVm.put(vmName, hostName);
        if (from != null) {
            load.merge(from, usage, Resources::minus);
            vmCount.merge(from, -1, Integer::sum);
        }
        load.merge(hostName, usage, Resources::plus);
        vmCount.merge(hostName, 1, Integer::sum);
    }

    @Override
    public void placeVm(String vm, String host) {
        move(vm, host);
    }

    @Override
    public void powerOff(String host) {
        switched.put(host, HostState.STANDBY);
    }

    @Override
    public void powerOn(String host) {
        switched.put(host, HostState.ACTIVE);
    }

    /** True when at least one VM runs on the host. */
    public boolean holdsVms(String host) {
        return vmCount.getOrDefault(host, 0) > 0;
    }

    public String hostOf(String vm) {
        return hostOfVm.get(vm);
    }

    public Resources loadOf(String host) {
        return load.getOrDefault(host, Resources.ZERO);
    }

    public Placement placement() {
        return new Placement(hostOfVm);
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    public Policy policy() {
        return policy;
    }

    private boolean sameHost(String vm, String host) {
        return host.equals(hostOfVm.get(vm));
    }

    private Optional<Violation> groupRuleAgainst(String vmName, String hostName, boolean withAffinity) {
        for (Group group : groupsOfVm.getOrDefault(vmName, List.of())) {
            for (String other : group.vms()) {
                String otherHost = hostOfVm.get(other);
                if (other.equals(vmName) || otherHost == null) {
                    continue;
                }
                if (group.rule() == GroupRule.ANTI_AFFINITY && otherHost.equals(hostName)) {
                    return Optional.of(new Violation("anti-affinity", group.name(),
                            vmName + " and " + other + " of group " + group.name() + " would share " + hostName));
                }
                if (withAffinity && group.rule() == GroupRule.AFFINITY && !otherHost.equals(hostName)) {
                    return Optional.of(new Violation("affinity", group.name(),
                            vmName + " on " + hostName + " would part from " + other + " of group " + group.name()
                                    + " on " + otherHost));
                }
            }
        }
        return Optional.empty();
    }
}
