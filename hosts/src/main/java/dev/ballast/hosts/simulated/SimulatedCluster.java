package dev.ballast.hosts.simulated;

import dev.ballast.hosts.CpuCompatibility;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.HostStatistics;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmInventory;
import dev.ballast.hosts.VmState;
import dev.ballast.hosts.VmStatistics;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.PreCopyModel;
import dev.ballast.model.Resources;
import dev.ballast.model.SimulationConfig.Failure;
import dev.ballast.model.SimulationConfig.Fault;
import dev.ballast.model.Vm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A whole cluster in one process, behind {@link HostDriver}s ({@link #driver}): which host each
 * VM runs on, each host's power, and the capacity and demand of the snapshot it started from. It
 * is what {@code ballast collect} and {@code ballast apply} run on without libvirt, and what the
 * executor's decisions are tested on.
 *
 * <ul>
 *   <li><b>Migrations</b> take the time the {@link PreCopyModel} predicts for the VM's memory and
 *       dirty rate over the slower of the two hosts' migration links (or the bandwidth cap),
 *       divided by {@code speed}. The VM runs on its source until the switchover, then on its
 *       destination only: at every moment each VM runs on exactly one host. A migration the
 *       model says never converges runs until aborted, unless auto-converge or post-copy is used.
 *   <li><b>Time</b> is the {@link Ticker}'s: with a {@link ManualTicker} a migration ends when
 *       someone advances time past its end, so tests never sleep.
 *   <li><b>Counters</b> (CPU time, interface bytes, memory) grow at the snapshot's demand, so the
 *       collector, sampling through the drivers, finds the demand the cluster started from.
 *   <li><b>Power</b>: a host switched off answers nothing but its power calls until switched on
 *       and booted; switching off a host that still runs a VM is refused.
 *   <li><b>Faults</b> ({@link #inject}): a VM's migrations fail at the start, fail part-way or
 *       hang until aborted; a host stops answering; a host has no power driver.
 * </ul>
 *
 * <p>Limits: demand is constant; memory is not checked on the destination (the executor's
 * pre-flight does that); a VM's counters run on across migrations (a real one restarts them).
 * Thread-safe: one monitor guards everything, and a migration waits on it.
 */
public final class SimulatedCluster {

    /** Time a host takes to boot after switching on, before {@code speed}. */
    public static final Duration BOOT_TIME = Duration.ofSeconds(90);
    /** Time a host takes to shut down after switching off, before {@code speed}. */
    public static final Duration SHUTDOWN_TIME = Duration.ofSeconds(20);
    /** Libvirt's URIs for simulated hosts, as the collector reports them: {@code simulated:///host-01}. */
    public static final String URI_PREFIX = "simulated:///";

    private static final CpuInfo DEFAULT_CPU = new CpuInfo("x86_64", "simulated");
    private static final double MIB = 1024.0 * 1024.0;

    private final ClusterSnapshot start;
    private final double speed;
    private final Ticker ticker;
    private final PreCopyModel model = PreCopyModel.standard();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, Power> power = new HashMap<>();
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Fault> migrationFaults = new HashMap<>();
    private final Set<String> unreachable = new HashSet<>();
    private final Set<String> withoutPowerDriver = new HashSet<>();
    private final Set<String> powerFails = new HashSet<>();
    private final Map<String, double[]> hostCounters = new HashMap<>(); // busy ns, total ns
    private final Map<String, double[]> vmCounters = new HashMap<>(); // cpu ns, interface bytes
    private Instant settledAt;
    private final List<Runnable> changeListeners = new ArrayList<>();

    /**
     * A simulated cluster in the state of {@code start}: its VMs where the snapshot places them
     * (new VMs, with no host, are left out), its standby hosts switched off, every other host on.
     *
     * @param speed how many times faster than the pre-copy model predicts migrations run
     */
    public SimulatedCluster(ClusterSnapshot start, double speed, Ticker ticker) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be more than 0, got " + speed);
        }
        this.start = start;
        this.speed = speed;
        this.ticker = ticker;
        this.settledAt = ticker.now();
        for (Host host : start.hosts()) {
            hosts.put(host.name(), host);
            power.put(host.name(), new Power(host.state() == HostState.STANDBY ? Phase.OFF : Phase.ON, null));
            hostCounters.put(host.name(), new double[2]);
        }
        for (Vm vm : start.vms()) {
            if (vm.host() != null && hosts.containsKey(vm.host())) {
                vms.put(vm.name(), vm);
                vmCounters.put(vm.name(), new double[2]);
            }
        }
    }

    /** A simulated cluster with these faults injected. */
    public SimulatedCluster(ClusterSnapshot start, double speed, Ticker ticker, List<Failure> failures) {
        this(start, speed, ticker);
        failures.forEach(this::inject);
    }

    /**
     * Calls {@code listener} after every change of where VMs run or of a host's power, holding
     * the cluster's monitor: whoever keeps the cluster's state in a file writes it there, so a
     * process that dies keeps every migration finished before it died, as a real cluster does.
     */
    public synchronized void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    public Ticker ticker() {
        return ticker;
    }

    public double speed() {
        return speed;
    }

    /**
     * Puts the cluster where another process running the same simulated cluster left it (its
     * state file, read back): each VM on the host the snapshot gives, each host switched on or
     * off as its state says. For a service taking over the run lease from one in another process;
     * refused while a migration of this process is under way.
     *
     * @throws IllegalStateException when a migration is under way here
     */
    public synchronized void adopt(ClusterSnapshot state) {
        if (!jobs.isEmpty()) {
            throw new IllegalStateException("the simulated cluster has migrations under way: " + jobs.keySet());
        }
        vms.clear();
        for (Vm vm : state.vms()) {
            if (vm.host() != null && hosts.containsKey(vm.host())) {
                vms.put(vm.name(), vm);
                vmCounters.putIfAbsent(vm.name(), new double[2]);
            }
        }
        for (Host host : state.hosts()) {
            if (hosts.containsKey(host.name())) {
                power.put(host.name(), new Power(host.state() == HostState.STANDBY ? Phase.OFF : Phase.ON, null));
            }
        }
        notifyAll();
    }

    /** The hosts' names, in the snapshot's order. */
    public List<String> hostNames() {
        return List.copyOf(hosts.keySet());
    }

    /** The driver of one host. */
    public HostDriver driver(String host) {
        if (!hosts.containsKey(host)) {
            throw new IllegalArgumentException("the simulated cluster has no host " + host + "; it has "
                    + String.join(", ", hosts.keySet()));
        }
        return new SimulatedHostDriver(this, host);
    }

    /** Makes something go wrong from now on; see {@link Fault}. */
    public synchronized void inject(Failure failure) {
        if (failure.fault().ofMigration()) {
            migrationFaults.put(failure.vm(), failure.fault());
        } else if (failure.fault() == Fault.HOST_UNREACHABLE) {
            knownHost(failure.host());
            unreachable.add(failure.host());
        } else if (failure.fault() == Fault.POWER_FAILS) {
            knownHost(failure.host());
            powerFails.add(failure.host());
        } else {
            knownHost(failure.host());
            withoutPowerDriver.add(failure.host());
        }
        notifyAll();
    }

    /** Undoes every fault of this VM or host. */
    public synchronized void heal(String vmOrHost) {
        migrationFaults.remove(vmOrHost);
        unreachable.remove(vmOrHost);
        withoutPowerDriver.remove(vmOrHost);
        powerFails.remove(vmOrHost);
        notifyAll();
    }

    /** The host a VM runs on now; empty for a VM the cluster does not run. */
    public synchronized Optional<String> hostOf(String vm) {
        Vm running = vms.get(vm);
        return running == null ? Optional.empty() : Optional.of(running.host());
    }

    /** Whether a host is on, power driver or not (a test's view, not a driver's). */
    public synchronized PowerState powerOf(String host) {
        knownHost(host);
        return phase(host) == Phase.OFF ? PowerState.OFF : PowerState.ON;
    }

    /** True while a VM is migrating. */
    public synchronized boolean migrating(String vm) {
        return jobs.containsKey(vm);
    }

    /**
     * The cluster as it is now, as a snapshot: the hosts of the start snapshot (standby while
     * switched off; active once switched on if they started in standby), the VMs where they run
     * now (with when they last moved), the start's groups. Writing this and starting a new
     * simulated cluster from it carries the cluster's state from one command to the next.
     */
    public synchronized ClusterSnapshot snapshot() {
        List<Host> nowHosts = new ArrayList<>();
        for (Host host : hosts.values()) {
            Phase phase = phase(host.name());
            boolean off = phase == Phase.OFF || phase == Phase.SHUTTING_DOWN;
            HostState state = off ? HostState.STANDBY
                    : host.state() == HostState.STANDBY ? HostState.ACTIVE : host.state();
            nowHosts.add(host.withState(state));
        }
        return new ClusterSnapshot(nowHosts, List.copyOf(vms.values()), start.groups());
    }

    /**
     * The collector's view of the hosts: each one's URI ({@code simulated:///NAME}), link,
     * power figures and NIC speed, and its capacity declared as the snapshot gives it (the
     * whole CPUs a host reports cannot say 7.5 cores).
     */
    public List<HostConfig> hostConfigs() {
        List<HostConfig> configs = new ArrayList<>();
        for (Host host : hosts.values()) {
            Resources capacity = host.capacity();
            configs.add(new HostConfig(host.name(), URI_PREFIX + host.name(), host.migrationLink(), Resources.ZERO,
                    capacity.networkMbps(), host.power(), List.of(), null, null, null,
                    new ClusterConfig.Capacity(capacity.cpu(), capacity.memoryMiB()), 1.0));
        }
        return configs;
    }

    // ---- what the drivers ask; every call names its host ----

    synchronized void ping(String host) throws HostException {
        answering(host, "ping");
    }

    synchronized HostInventory inventory(String host) throws HostException {
        answering(host, "reading the inventory");
        Host h = hosts.get(host);
        List<VmInventory> running = runningOn(host).stream()
                .map(vm -> new VmInventory(vm.name(), vm.memoryMiB(), vm.vcpus(), vm.storage(), vm.bridges(),
                        List.of("vnet-" + vm.name()), null))
                .toList();
        return new HostInventory(cpus(h), h.capacity().memoryMiB(), cpuOf(h), h.storage(), h.bridges(), running);
    }

    synchronized HostStatistics statistics(String host) throws HostException {
        answering(host, "reading the statistics");
        settle();
        Map<String, VmStatistics> stats = new LinkedHashMap<>();
        double memory = 0;
        for (Vm vm : runningOn(host)) {
            double[] counters = vmCounters.get(vm.name());
            long bytes = (long) counters[1];
            stats.put(vm.name(), new VmStatistics((long) counters[0], bytes, bytes, vm.memoryMiB()));
            memory += vm.memoryMiB();
        }
        double[] counters = hostCounters.get(host);
        return new HostStatistics(new HostStatistics.CpuTimes((long) counters[0], (long) counters[1]), memory, stats);
    }

    synchronized Optional<VmState> vmState(String host, String vm) throws HostException {
        answering(host, "reading the state of " + vm);
        return runs(host, vm) ? Optional.of(VmState.RUNNING) : Optional.empty();
    }

    synchronized VmDetails vmDetails(String host, String vm) throws HostException {
        answering(host, "reading the definition of " + vm);
        if (!runs(host, vm)) {
            throw noDomain(host, "reading the definition of " + vm, vm);
        }
        Vm v = vms.get(vm);
        Set<String> storage = v.storage() == null ? Set.of() : Set.of(v.storage());
        VmDetails.Cpu cpu = new VmDetails.Cpu(null, "kvm", cpuOf(hosts.get(host)).arch(), "pc",
                "/usr/bin/qemu-system-x86_64");
        return new VmDetails(vm, v.memoryMiB(), v.bridges(), Set.of(), storage, List.of(), cpu, true, false);
    }

    synchronized Optional<String> interfaceType(String host, String name) throws HostException {
        answering(host, "reading interface " + name);
        return hosts.get(host).bridges().contains(name) ? Optional.of("bridge") : Optional.empty();
    }

    synchronized Optional<Boolean> networkActive(String host, String network) throws HostException {
        answering(host, "reading network " + network);
        return Optional.empty();
    }

    synchronized long freeMemoryMiB(String host) throws HostException {
        answering(host, "reading free memory");
        long used = runningOn(host).stream().mapToLong(Vm::memoryMiB).sum();
        return Math.max(0, hosts.get(host).capacity().memoryMiB() - used);
    }

    synchronized CpuInfo cpu(String host) throws HostException {
        answering(host, "reading the host CPU");
        return cpuOf(hosts.get(host));
    }

    synchronized CpuCompatibility compareVmCpu(String host, VmDetails.Cpu cpu) throws HostException {
        answering(host, "comparing a VM's CPU");
        return CpuCompatibility.IDENTICAL;
    }

    /** Same architecture and model: identical; otherwise incompatible (a simulated cluster knows no CPU features). */
    synchronized CpuCompatibility compareHostCpu(String host, CpuInfo other) throws HostException {
        answering(host, "comparing a host CPU");
        CpuInfo mine = cpuOf(hosts.get(host));
        CpuInfo theirs = other == null ? DEFAULT_CPU : other;
        boolean same = mine.arch().equals(theirs.arch())
                && (mine.model() == null || theirs.model() == null || mine.model().equals(theirs.model()));
        return same ? CpuCompatibility.IDENTICAL : CpuCompatibility.INCOMPATIBLE;
    }

    synchronized Optional<MigrationProgress> migrate(String from, String vm, String to, MigrationParameters parameters)
            throws HostException, InterruptedException {
        String operation = "migrating " + vm + " to " + to;
        answering(from, operation);
        if (!hosts.containsKey(to)) {
            throw new HostException(from, operation, "no such host in the simulated cluster: " + to);
        }
        if (!runs(from, vm)) {
            throw noDomain(from, operation, vm);
        }
        if (jobs.containsKey(vm)) {
            throw new HostException(from, operation, "Requested operation is not valid: migration in progress");
        }
        answeringAsDestination(from, to, operation);
        Fault fault = migrationFaults.get(vm);
        if (fault == Fault.MIGRATION_FAILS) {
            throw new HostException(from, operation, "simulated failure: the migration did not start");
        }
        Job job = new Job(vm, from, to, ticker.now(), estimate(vms.get(vm), from, to, parameters), parameters, fault);
        jobs.put(vm, job);
        try {
            return Optional.of(run(job, operation));
        } finally {
            jobs.remove(vm);
            notifyAll();
        }
    }

    private MigrationProgress run(Job job, String operation) throws HostException, InterruptedException {
        while (true) {
            Instant now = ticker.now();
            if (job.aborted) {
                throw new HostException(job.from, operation, "operation aborted: migration job: canceled by client");
            }
            if (!answers(job.from) || !answers(job.to)) {
                String gone = answers(job.from) ? job.to : job.from;
                throw new HostException(job.from, operation, "unable to connect to " + gone + ": no answer");
            }
            if (job.failAt != null && !now.isBefore(job.failAt)) {
                throw new HostException(job.from, operation, "simulated failure: the migration failed part-way");
            }
            if (job.endsAt != null && !now.isBefore(job.endsAt)) {
                switchOver(job, now);
                return job.progress(now, MigrationProgress.Job.COMPLETED);
            }
            ticker.awaitUntil(this, job.failAt != null ? job.failAt : job.endsAt);
        }
    }

    private void switchOver(Job job, Instant now) {
        settle();
        Vm vm = vms.get(job.vm);
        vms.put(job.vm, new Vm(vm.name(), job.to, vm.memoryMiB(), vm.vcpus(), vm.demand(), vm.dirtyRateMiBps(),
                vm.storage(), vm.bridges(), vm.pinned(), now));
        changed();
    }

    synchronized MigrationProgress jobStatistics(String host, String vm) throws HostException {
        answering(host, "reading the job of " + vm);
        Job job = jobs.get(vm);
        return job == null || !job.from.equals(host) ? MigrationProgress.NONE
                : job.progress(ticker.now(), MigrationProgress.Job.RUNNING);
    }

    synchronized void abortJob(String host, String vm) throws HostException {
        answering(host, "aborting the job of " + vm);
        Job job = jobs.get(vm);
        if (job == null || !job.from.equals(host)) {
            throw new HostException(host, "aborting the job of " + vm, "Requested operation is not valid: no job is active on the domain");
        }
        job.aborted = true;
        notifyAll();
    }

    synchronized void startPostCopy(String host, String vm) throws HostException {
        String operation = "switching " + vm + " to post-copy";
        answering(host, operation);
        Job job = jobs.get(vm);
        if (job == null || !job.from.equals(host)) {
            throw new HostException(host, operation, "Requested operation is not valid: no job is active on the domain");
        }
        if (!job.parameters.postCopy()) {
            throw new HostException(host, operation, "Requested operation is not valid: post-copy migration was not enabled");
        }
        // Post-copy switches over at once and pulls the rest on demand: what is left is one copy of the memory at most.
        Instant now = ticker.now();
        Instant postCopyEnd = now.plus(scaled(job.copySeconds * (1 - job.fraction(now))));
        if (job.endsAt == null || postCopyEnd.isBefore(job.endsAt)) {
            job.endsAt = postCopyEnd;
        }
        if (job.fault == Fault.MIGRATION_HANGS) {
            job.endsAt = null;
        }
        notifyAll();
    }

    synchronized PowerState powerStatus(String host) throws HostException {
        powerDriver(host, "reading the power state");
        Phase phase = phase(host);
        return phase == Phase.OFF ? PowerState.OFF : PowerState.ON;
    }

    synchronized void powerOn(String host) throws HostException {
        switching(host, "switching on");
        Phase phase = phase(host);
        if (phase == Phase.OFF) {
            settle();
            power.put(host, new Power(Phase.BOOTING, ticker.now().plus(scaled(BOOT_TIME.toSeconds()))));
            changed();
        } else if (phase == Phase.SHUTTING_DOWN) {
            throw new HostException(host, "switching on", "the host is still shutting down; try again when it is off");
        }
    }

    synchronized void powerOff(String host) throws HostException {
        String operation = "switching off";
        switching(host, operation);
        Phase phase = phase(host);
        if (phase == Phase.OFF || phase == Phase.SHUTTING_DOWN) {
            return;
        }
        List<String> running = runningOn(host).stream().map(Vm::name).toList();
        if (!running.isEmpty()) {
            throw new HostException(host, operation, "refused: the host still runs " + running.size() + " VM"
                    + (running.size() == 1 ? "" : "s") + " (" + String.join(", ", running) + ")");
        }
        if (jobs.values().stream().anyMatch(j -> j.to.equals(host))) {
            throw new HostException(host, operation, "refused: a migration to the host is running");
        }
        settle();
        power.put(host, new Power(Phase.SHUTTING_DOWN, ticker.now().plus(scaled(SHUTDOWN_TIME.toSeconds()))));
        changed();
        notifyAll();
    }

    // ---- the simulation ----

    private MigrationEstimate estimate(Vm vm, String from, String to, MigrationParameters parameters) {
        // As the planner's estimates: the stream runs at the pace of the slower end of the link.
        long mbps = Math.min(linkMbps(from), linkMbps(to));
        if (parameters.bandwidthMiBps() != null) {
            long capMbps = (long) Math.ceil(parameters.bandwidthMiBps() * MIB * 8 / 1e6 / PreCopyModel.DEFAULT_LINK_EFFICIENCY);
            mbps = Math.max(1, Math.min(mbps, capMbps));
        }
        return model.estimate(vm.memoryMiB(), vm.dirtyRateMiBps(), mbps);
    }

    private long linkMbps(String host) {
        MigrationLink link = hosts.get(host).migrationLink();
        return link == null ? MigrationLink.DEFAULT_MBPS : link.mbps();
    }

    private Duration scaled(double seconds) {
        return Duration.ofNanos(Math.max(1, Math.round(seconds / speed * 1e9)));
    }

    /** Brings every counter up to now, at the demand of the VMs where they run. */
    private void settle() {
        Instant now = ticker.now();
        double nanos = Duration.between(settledAt, now).toNanos();
        if (nanos <= 0) {
            return;
        }
        for (Map.Entry<String, double[]> counters : hostCounters.entrySet()) {
            if (phase(counters.getKey()) != Phase.OFF) {
                counters.getValue()[1] += cpus(hosts.get(counters.getKey())) * nanos;
            }
        }
        for (Vm vm : vms.values()) {
            double[] counters = vmCounters.get(vm.name());
            counters[0] += vm.demand().cpu() * nanos;
            counters[1] += vm.demand().networkMbps() * 1e6 / 8 * nanos / 1e9;
            hostCounters.get(vm.host())[0] += vm.demand().cpu() * nanos;
        }
        settledAt = now;
    }

    private List<Vm> runningOn(String host) {
        return vms.values().stream().filter(vm -> vm.host().equals(host)).toList();
    }

    private boolean runs(String host, String vm) {
        Vm running = vms.get(vm);
        return running != null && running.host().equals(host);
    }

    private Phase phase(String host) {
        Power p = power.get(host);
        if (p.until != null && !ticker.now().isBefore(p.until)) {
            Phase settled = p.phase == Phase.SHUTTING_DOWN ? Phase.OFF : Phase.ON;
            power.put(host, new Power(settled, null));
            return settled;
        }
        return p.phase;
    }

    private boolean answers(String host) {
        return !unreachable.contains(host) && phase(host) == Phase.ON;
    }

    private void answering(String host, String operation) throws HostException {
        knownHostOrThrow(host, operation);
        if (unreachable.contains(host)) {
            throw new HostException(host, operation, "unable to connect to server: no answer (simulated)");
        }
        Phase phase = phase(host);
        if (phase != Phase.ON) {
            throw new HostException(host, operation, "unable to connect to server: the host is "
                    + (phase == Phase.BOOTING ? "booting" : phase == Phase.SHUTTING_DOWN ? "shutting down" : "switched off"));
        }
    }

    private void answeringAsDestination(String from, String to, String operation) throws HostException {
        if (!answers(to)) {
            throw new HostException(from, operation, "unable to connect to " + to + ": no answer");
        }
    }

    private void powerDriver(String host, String operation) throws HostException {
        knownHostOrThrow(host, operation);
        if (withoutPowerDriver.contains(host)) {
            throw HostException.noPowerDriver(host, operation);
        }
    }

    /** As {@link #powerDriver}, and fails as a BMC that refuses when the host's power fails. */
    private void switching(String host, String operation) throws HostException {
        powerDriver(host, operation);
        if (powerFails.contains(host)) {
            throw new HostException(host, operation, "the simulated power driver failed (fault power-fails)");
        }
    }

    private void knownHostOrThrow(String host, String operation) throws HostException {
        if (!hosts.containsKey(host)) {
            throw new HostException(host, operation, "no such host in the simulated cluster");
        }
    }

    private void knownHost(String host) {
        if (!hosts.containsKey(host)) {
            throw new IllegalArgumentException("the simulated cluster has no host " + host);
        }
    }

    private static HostException noDomain(String host, String operation, String vm) {
        return new HostException(host, operation, "Domain not found: no domain with matching name '" + vm + "'",
                HostException.NO_DOMAIN, null);
    }

    private static int cpus(Host host) {
        return Math.max(1, (int) Math.ceil(host.capacity().cpu() - 1e-9));
    }

    private static CpuInfo cpuOf(Host host) {
        return host.cpu() == null || host.cpu().arch() == null ? DEFAULT_CPU : host.cpu();
    }

    private enum Phase {
        ON,
        SHUTTING_DOWN,
        OFF,
        BOOTING
    }

    /** A host's power phase, and when a transition (shutting down, booting) ends. */
    private record Power(Phase phase, Instant until) {
    }

    /** A running migration. Guarded by the cluster's monitor. */
    private final class Job {

        final String vm;
        final String from;
        final String to;
        final Instant startedAt;
        final MigrationEstimate estimate;
        final MigrationParameters parameters;
        final Fault fault;
        final double copySeconds;
        final long memoryMiB;
        Instant endsAt;
        final Instant failAt;
        boolean aborted;

        Job(String vm, String from, String to, Instant startedAt, MigrationEstimate estimate,
                MigrationParameters parameters, Fault fault) {
            this.vm = vm;
            this.from = from;
            this.to = to;
            this.startedAt = startedAt;
            this.estimate = estimate;
            this.parameters = parameters;
            this.fault = fault;
            this.memoryMiB = vms.get(vm).memoryMiB();
            this.copySeconds = Math.max(1e-3, estimate.seconds() - PreCopyModel.DEFAULT_SETUP_SECONDS);
            Instant end = startedAt.plus(scaled(estimate.seconds()));
            // A migration that never converges runs until aborted, unless QEMU may throttle the guest.
            boolean finishes = fault != Fault.MIGRATION_HANGS && (estimate.converges() || parameters.autoConverge());
            this.endsAt = finishes ? end : null;
            this.failAt = fault == Fault.MIGRATION_FAILS_PART_WAY
                    ? startedAt.plus(scaled(estimate.seconds() / 2)) : null;
        }

        /** Share of the memory sent by {@code now}: by the clock for a finishing one, never all for one that does not end. */
        double fraction(Instant now) {
            double elapsed = Duration.between(startedAt, now).toNanos() / 1e9 * speed;
            if (endsAt == null) {
                return Math.min(0.9, elapsed / copySeconds);
            }
            double total = Duration.between(startedAt, endsAt).toNanos() / 1e9 * speed;
            return total <= 0 ? 1 : Math.min(1, elapsed / total);
        }

        MigrationProgress progress(Instant now, MigrationProgress.Job state) {
            long elapsedMs = Duration.between(startedAt, now).toMillis();
            double fraction = state == MigrationProgress.Job.COMPLETED ? 1 : fraction(now);
            double total = memoryMiB;
            double rate = total / copySeconds * speed;
            double dirty = vms.get(vm).dirtyRateMiBps() == null ? PreCopyModel.DEFAULT_DIRTY_RATE_MIBPS
                    : vms.get(vm).dirtyRateMiBps();
            long iteration = Math.max(1, Math.round(estimate.rounds() * fraction));
            return new MigrationProgress(state, elapsedMs, total, total * fraction, total * (1 - fraction), rate,
                    dirty, Math.round(estimate.downtimeMs()), iteration);
        }
    }
}
