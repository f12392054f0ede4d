package dev.ballast.hosts.libvirt;

import dev.ballast.hosts.CpuCompatibility;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostInventory;
import dev.ballast.hosts.HostSample;
import dev.ballast.hosts.HostStatistics;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmInventory;
import dev.ballast.hosts.VmState;
import dev.ballast.hosts.VmStatistics;
import dev.ballast.hosts.power.PowerDriver;
import dev.ballast.hosts.power.PowerDrivers;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.CpuInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.libvirt.CPUCompareResult;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainInterfaceStats;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.libvirt.NodeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * One host reached through libvirt. Its connection is opened on first use and reused; after
 * any failure it is dropped and opened afresh next time, since libvirt connections do not
 * recover from a lost peer.
 *
 * <p>Two connections: the main one for everything, and, opened only when needed, a monitor
 * connection for {@link #ping}, {@link #jobStatistics}, {@link #abortJob} and
 * {@link #startPostCopy}, so that a migration blocking the main one can be watched and stopped.
 *
 * <p>Sampling reads, per host: node info, capabilities, storage pools, networks and interfaces,
 * then each running domain's info, XML, interface and memory statistics, and the node's CPU and
 * memory statistics (libvirt calls libvirt-java lacks, through {@link NativeLibvirt}).
 *
 * <p>Power: libvirt has none of its own. When the cluster file gives the host a power driver
 * ({@code power.type}), {@link #powerStatus}, {@link #powerOn} and {@link #powerOff} are that
 * driver's ({@link dev.ballast.hosts.power}); without one they fail with
 * {@link HostException#noPowerDriver}.
 */
public final class LibvirtHostDriver implements HostDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtHostDriver.class);
    private static final int LIST_ACTIVE = 1; // VIR_CONNECT_LIST_DOMAINS_ACTIVE
    private static final int LIST_INACTIVE_AUTOSTART = 2 | 1024; // VIR_CONNECT_LIST_DOMAINS_INACTIVE | _AUTOSTART
    private static final int MEMORY_STAT_RSS = 7; // VIR_DOMAIN_MEMORY_STAT_RSS
    private static final int MEMORY_STAT_COUNT = 14;
    private static final int JOB_STATS_COMPLETED = 1; // VIR_DOMAIN_JOB_STATS_COMPLETED

    private final String host;
    private final String uri;
    private final boolean readOnly;
    private final Object mainLock = new Object();
    private final Object monitorLock = new Object();
    // Volatile: close() must not wait for a call stuck in the network to let go of a lock.
    private volatile LibvirtConnection main;
    private volatile LibvirtConnection monitor;
    private final PowerDriver power;

    private LibvirtHostDriver(HostConfig config, boolean readOnly) {
        this.host = config.name();
        this.uri = config.libvirtUri();
        this.readOnly = readOnly;
        this.power = config.powerControl() == null ? null
                : PowerDrivers.of(host, config.powerControl(), this::answers);
    }

    /** A read-write driver, able to migrate; nothing is opened before the first call. */
    public static LibvirtHostDriver open(HostConfig config) {
        return new LibvirtHostDriver(config, false);
    }

    /**
     * A read-only driver, enough to sample the host; migrating and aborting are refused by libvirt.
     * Its power driver, when the host has one, is there to say whether the host is on.
     */
    public static LibvirtHostDriver openReadOnly(HostConfig config) {
        return new LibvirtHostDriver(config, true);
    }

    @Override
    public String host() {
        return host;
    }

    /** The libvirt URI this driver connects to. */
    public String uri() {
        return uri;
    }

    // ---- sampling

    @Override
    public HostInventory inventory() throws HostException {
        return sample().inventory();
    }

    @Override
    public HostStatistics statistics() throws HostException {
        return sample().statistics();
    }

    @Override
    public HostSample sample() throws HostException {
        return onMain("reading the inventory and statistics", this::sampleWith);
    }

    private HostSample sampleWith(LibvirtConnection c) throws LibvirtException {
        HostAttachments attachments = HostAttachments.read(c);
        NodeInfo node = c.nodeInfo();
        Map<String, VmStatistics> counters = new LinkedHashMap<>();
        List<VmInventory> vms = new ArrayList<>();
        Set<String> storage = new HashSet<>(attachments.storage());
        Set<String> bridges = new HashSet<>(attachments.bridges());
        for (Domain domain : c.listAllDomains(LIST_ACTIVE)) {
            VmInventory vm = inventory(domain, attachments);
            vms.add(vm);
            counters.put(vm.name(), counters(domain, vm));
            if (vm.storage() != null) {
                storage.add(vm.storage());
            }
            bridges.addAll(vm.bridges());
        }
        HostInventory inventory = new HostInventory(node.cpus, node.memory / 1024, cpuInfo(c), storage, bridges, vms);
        HostStatistics statistics = new HostStatistics(c.cpuTimes().orElse(null), memoryUsedMiB(c, node), counters);
        return new HostSample(inventory, statistics);
    }

    private static VmInventory inventory(Domain domain, HostAttachments attachments) throws LibvirtException {
        DomainInfo info = domain.getInfo();
        DomainXml xml = new DomainXml(domain.getXMLDesc(0), attachments);
        return new VmInventory(domain.getName(), info.maxMem / 1024, info.nrVirtCpu, xml.firstStorage(), xml.bridges(),
                xml.interfaceDevices(), xml.cpuModel());
    }

    private static VmStatistics counters(Domain domain, VmInventory vm) throws LibvirtException {
        DomainInfo info = domain.getInfo();
        Long rx = 0L;
        Long tx = 0L;
        for (String device : vm.interfaces()) {
            DomainInterfaceStats stats = interfaceStats(domain, device);
            if (stats == null) {
                rx = null;
                tx = null;
                break;
            }
            rx += stats.rx_bytes;
            tx += stats.tx_bytes;
        }
        return new VmStatistics(info.cpuTime, rx, tx, residentMiB(domain, info));
    }

    private static DomainInterfaceStats interfaceStats(Domain domain, String device) {
        try {
            return domain.interfaceStats(device);
        } catch (LibvirtException e) {
            LOG.debug("no interface stats for {}: {}", device, e.getMessage());
            return null;
        }
    }

    // Resident memory shows what the guest really takes; the balloon size is the fallback.
    private static double residentMiB(Domain domain, DomainInfo info) {
        try {
            for (MemoryStatistic stat : domain.memoryStats(MEMORY_STAT_COUNT)) {
                if (stat.getTag() == MEMORY_STAT_RSS) {
                    return stat.getValue() / 1024.0;
                }
            }
        } catch (LibvirtException e) {
            LOG.debug("no memory stats: {}", e.getMessage());
        }
        return info.memory / 1024.0;
    }

    // virNodeGetMemoryStats first; drivers without it (the test driver) may still give free memory.
    private static Double memoryUsedMiB(LibvirtConnection c, NodeInfo node) {
        Double used = c.memoryUsedMiB().orElse(null);
        if (used != null) {
            return used;
        }
        try {
            return node.memory / 1024.0 - c.getFreeMemory() / (1024.0 * 1024.0);
        } catch (LibvirtException e) {
            return null;
        }
    }

    private static CpuInfo cpuInfo(LibvirtConnection c) throws LibvirtException {
        Element cpu = Xml.child(Xml.parse(c.getCapabilities()), "host", "cpu");
        return new CpuInfo(Xml.text(cpu, "arch"), Xml.text(cpu, "model"));
    }

    // ---- what the pre-flight asks

    @Override
    public void ping() throws HostException {
        onMonitor("answering", c -> {
            c.ping();
            return null;
        });
    }

    @Override
    public List<String> autostartVms() throws HostException {
        return onMain("listing the VMs defined to start with the host", c -> {
            List<String> names = new ArrayList<>();
            for (Domain domain : c.listAllDomains(LIST_INACTIVE_AUTOSTART)) {
                names.add(domain.getName());
            }
            return names;
        });
    }

    @Override
    public Optional<VmState> vmState(String vm) throws HostException {
        return onMain("reading the state of " + vm, c -> c.vmState(vm));
    }

    @Override
    public VmDetails vmDetails(String vm) throws HostException {
        return onMain("reading the definition of " + vm, c -> {
            Domain domain = c.domainLookupByName(vm);
            DomainXml xml = new DomainXml(domain.getXMLDesc(0), HostAttachments.read(c));
            return xml.details(domain.isPersistent() == 1, domain.getAutostart());
        });
    }

    @Override
    public Optional<String> interfaceType(String name) throws HostException {
        return onMain("looking up interface " + name, c -> {
            try {
                return Optional.ofNullable(Xml.attribute(Xml.parse(c.interfaceLookupByName(name).getXMLDescription(0)),
                        "type"));
            } catch (LibvirtException e) {
                LOG.debug("{}: no interface {}: {}", host, name, e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<Boolean> networkActive(String network) throws HostException {
        return onMain("looking up network " + network, c -> {
            try {
                return Optional.of(c.networkLookupByName(network).isActive() == 1);
            } catch (LibvirtException e) {
                LOG.debug("{}: no network {}: {}", host, network, e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public long freeMemoryMiB() throws HostException {
        return onMain("asking for free memory", c -> c.getFreeMemory() / (1024 * 1024));
    }

    @Override
    public CpuInfo cpu() throws HostException {
        return onMain("reading the capabilities", LibvirtHostDriver::cpuInfo);
    }

    @Override
    public CpuCompatibility compareVmCpu(VmDetails.Cpu cpu) throws HostException {
        return onMain("comparing a VM's CPU", c -> c.compareHypervisorCpu(cpu));
    }

    @Override
    public CpuCompatibility compareHostCpu(CpuInfo cpu) throws HostException {
        String xml = "<cpu><arch>" + cpu.arch() + "</arch><model>" + cpu.model() + "</model></cpu>";
        return onMain("comparing CPU " + cpu.model(), c -> {
            CPUCompareResult result = c.compareCPU(xml);
            return switch (result) {
                case VIR_CPU_COMPARE_INCOMPATIBLE -> CpuCompatibility.INCOMPATIBLE;
                case VIR_CPU_COMPARE_IDENTICAL -> CpuCompatibility.IDENTICAL;
                case VIR_CPU_COMPARE_SUPERSET -> CpuCompatibility.SUPERSET;
                default -> throw new HostException(host, "comparing CPU " + cpu.model(), "libvirt could not compare");
            };
        });
    }

    // ---- migration

    @Override
    public Optional<MigrationProgress> migrate(String vm, HostDriver destination, MigrationParameters parameters)
            throws HostException {
        String operation = "migrating " + vm + " to " + destination.host();
        if (!(destination instanceof LibvirtHostDriver target)) {
            throw new HostException(host, operation, destination.host() + " is not reached through libvirt");
        }
        LibvirtConnection source = onMain(operation, c -> c);
        LibvirtConnection to = target.onMain("receiving " + vm + " from " + host, c -> c);
        try {
            Domain domain = source.domainLookupByName(vm);
            if (parameters.maxDowntimeMs() != null) {
                domain.migrateSetMaxDowntime(parameters.maxDowntimeMs());
            }
            MigrationCall call = MigrationCall.of(parameters);
            LOG.info("migrating {} {} -> {} over {} (flags {}, {})", vm, host, destination.host(),
                    parameters.migrationUri() == null ? "libvirt's default address" : parameters.migrationUri(),
                    call.flags(), call.describe());
            Domain moved = domain.migrate(to, call.parameters(), call.flags());
            return Optional.ofNullable(completedStatistics(moved));
        } catch (LibvirtException e) {
            dropMain();
            target.dropMain();
            throw LibvirtErrors.of(host, operation, e);
        } catch (RuntimeException e) {
            dropMain();
            target.dropMain();
            throw LibvirtErrors.of(host, operation, e);
        }
    }

    private static MigrationProgress completedStatistics(Domain moved) {
        try {
            return JobStatistics.of(moved.getJobStats(JOB_STATS_COMPLETED));
        } catch (LibvirtException e) {
            LOG.debug("no completed job statistics: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public MigrationProgress jobStatistics(String vm) throws HostException {
        return onMonitor("reading the job statistics of " + vm,
                c -> JobStatistics.of(c.domainLookupByName(vm).getJobStats(0)));
    }

    @Override
    public void abortJob(String vm) throws HostException {
        onMonitor("aborting the job of " + vm, c -> {
            c.domainLookupByName(vm).abortJob();
            return null;
        });
    }

    @Override
    public void startPostCopy(String vm) throws HostException {
        onMonitor("switching " + vm + " to post-copy", c -> {
            c.startPostCopy(vm);
            return null;
        });
    }

    // ---- power

    @Override
    public PowerState powerStatus() throws HostException {
        return powerDriver("reading the power state").status();
    }

    @Override
    public void powerOn() throws HostException {
        LOG.info("{}: switching on through {}", host, powerDriver("switching on").describe());
        power.on();
    }

    @Override
    public void powerOff() throws HostException {
        LOG.info("{}: switching off through {}", host, powerDriver("switching off").describe());
        power.off();
    }

    private PowerDriver powerDriver(String operation) throws HostException {
        if (power == null) {
            throw noPowerDriver(operation);
        }
        return power;
    }

    /** Whether libvirt answers now: the power state of a host that has no other sign of it. */
    private boolean answers() {
        try {
            ping();
            return true;
        } catch (HostException e) {
            LOG.debug("{}: libvirt does not answer: {}", host, e.detail());
            return false;
        }
    }

    private HostException noPowerDriver(String operation) {
        return HostException.noPowerDriver(host, operation);
    }

    // ---- connections

    private interface Call<T> {
        T on(LibvirtConnection connection) throws LibvirtException, HostException;
    }

    private <T> T onMain(String operation, Call<T> call) throws HostException {
        synchronized (mainLock) {
            try {
                if (main == null) {
                    main = LibvirtConnection.open(host, uri, readOnly);
                }
                return call.on(main);
            } catch (LibvirtException e) {
                dropMain();
                throw LibvirtErrors.of(host, operation, e);
            } catch (HostException e) {
                dropMain();
                throw e;
            } catch (RuntimeException e) {
                dropMain();
                throw LibvirtErrors.of(host, operation, e);
            }
        }
    }

    private <T> T onMonitor(String operation, Call<T> call) throws HostException {
        synchronized (monitorLock) {
            try {
                if (monitor == null) {
                    monitor = LibvirtConnection.open(host, uri, readOnly);
                }
                return call.on(monitor);
            } catch (LibvirtException e) {
                dropMonitor();
                throw LibvirtErrors.of(host, operation, e);
            } catch (HostException e) {
                dropMonitor();
                throw e;
            } catch (RuntimeException e) {
                dropMonitor();
                throw LibvirtErrors.of(host, operation, e);
            }
        }
    }

    private void dropMain() {
        LibvirtConnection c = main;
        main = null;
        if (c != null) {
            c.closeQuietly();
        }
    }

    private void dropMonitor() {
        LibvirtConnection c = monitor;
        monitor = null;
        if (c != null) {
            c.closeQuietly();
        }
    }

    @Override
    public void close() {
        dropMonitor();
        dropMain();
    }

    @Override
    public String toString() {
        return host + " (libvirt " + uri + ")";
    }
}
