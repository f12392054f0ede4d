package dev.ballast.rules;

import dev.ballast.model.ClusterChanges;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Group;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Placement;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;

import java.time.Instant;
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
    /** When the plan is judged: the power cooldown counts from the hosts' {@code poweredOnAt} to here. */
    private Instant now = Instant.now();

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

    /** This state judged at {@code instant} (the power cooldown's now); the system's clock by default. */
    public ClusterState at(Instant instant) {
        this.now = instant;
        return this;
    }

    public Instant now() {
        return now;
    }

    /**
     * Why {@code vm} may not run on {@code host} in this state, or empty when it may: every hard
     * rule, affinity included, as greedy packing needs when it builds a final placement.
     */
    public Optional<Violation> whyNot(String vmName, String hostName) {
        return firstBreach(HardRules.ALL, vms.get(vmName), hosts.get(hostName));
    }

    /**
     * Why {@code vm} may not move to {@code host} as one step of a plan: the continuous rules
     * only. Affinity is not asked for: a group moves one VM at a time, so it is apart between its
     * members' steps, and is checked on the plan's final placement instead.
     */
    public Optional<Violation> whyNotStep(String vmName, String hostName) {
        return firstBreach(HardRules.CONTINUOUS, vms.get(vmName), hosts.get(hostName));
    }

    private Optional<Violation> firstBreach(List<HardRule> rules, Vm vm, Host host) {
        for (HardRule rule : rules) {
            Optional<Violation> breach = rule.whyNotPut(this, vm, host);
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code step} may not run in this state, or empty when it may: the continuous rules; see
     * {@link #whyNotStep(String, String)}.
     */
    public Optional<Violation> whyNotStep(Step step) {
        if (step instanceof VmStep move) {
            return whyNotStep(move.vm(), move.to());
        }
        for (HardRule rule : HardRules.CONTINUOUS) {
            Optional<Violation> breach = rule.whyNot(this, step);
            if (breach.isPresent()) {
                return breach;
            }
        }
        return step instanceof PowerOff off ? PowerRules.whyNotOff(this, off.host()) : Optional.empty();
    }

    /** How many hosts steps have switched off that were on in the snapshot. */
    int switchedOff() {
        return (int) switched.entrySet().stream()
                .filter(e -> e.getValue() == HostState.STANDBY && hosts.get(e.getKey()).state() != HostState.STANDBY)
                .count();
    }

    /** True when the host may receive VMs now: active (not off, not in maintenance) and its figures fresh. */
    public boolean receives(String hostName) {
        return stateOf(hostName) == HostState.ACTIVE && !hosts.get(hostName).isStale();
    }

    /** The host's state now: as the snapshot has it, unless a step switched it off or on. */
    public HostState stateOf(String hostName) {
        HostState now = switched.get(hostName);
        return now != null ? now : hosts.get(hostName).state();
    }

    /** The VMs on the host now, sorted. */
    List<String> vmsOn(String hostName) {
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
     * The capacity rules ({@link HardRules#CPU}, {@link HardRules#MEMORY}, {@link HardRules#NETWORK})
     * alone, without words: packing and sequencing ask it of every host they try, most of which
     * are full, and building each refusal's message dominated their time.
     */
    private boolean hasRoom(String vmName, String hostName) {
        Resources usage = sameHost(vmName, hostName) ? Resources.ZERO : vms.get(vmName).usage();
        return loadOf(hostName).plus(usage).fitsWithin(limitOf(hostName));
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

    /** Takes a VM off its host, as when the host fails: it runs nowhere until {@link #move}d. */
    public void unplace(String vmName) {
        String from = hostOfVm.remove(vmName);
        if (from != null) {
            load.merge(from, vms.get(vmName).usage(), Resources::minus);
            vmCount.merge(from, -1, Integer::sum);
        }
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

    /** The host's capacity times the policy's limits. */
    Resources limitOf(String hostName) {
        return limits.computeIfAbsent(hostName, h -> hosts.get(h).capacity().scaledBy(policy.limits()));
    }

    /** The host's load with {@code vm} on it (counted once if it is there already). */
    Resources loadWith(Vm vm, String hostName) {
        return loadOf(hostName).plus(sameHost(vm.name(), hostName) ? Resources.ZERO : vm.usage());
    }

    /** The VM of that name in the snapshot. */
    Vm vm(String vmName) {
        return vms.get(vmName);
    }

    /** The host of that name in the snapshot, or null when it has none. */
    Host host(String hostName) {
        return hosts.get(hostName);
    }

    /** The groups {@code vm} belongs to. */
    List<Group> groupsOf(String vmName) {
        return groupsOfVm.getOrDefault(vmName, List.of());
    }

    /** Where the group's placed VMs are, by host, in the group's order. */
    Map<String, List<String>> vmsByHost(Group group) {
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        for (String vm : group.vms()) {
            String host = hostOfVm.get(vm);
            if (host != null) {
                byHost.computeIfAbsent(host, k -> new ArrayList<>()).add(vm);
            }
        }
        return byHost;
    }
}
