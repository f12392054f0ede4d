package dev.ballast.collector;

import dev.ballast.collector.HostReading.VmCounters;
import dev.ballast.model.CpuInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Reads one host through libvirt: inventory (node info, capabilities, running domains and their
 * XML) and counters (node CPU times and memory, each domain's CPU time, memory and interface
 * traffic). The connection is opened on first use and reused; after any error it is dropped and
 * opened afresh next time, since libvirt connections do not recover from a lost peer.
 *
 * <p>Not thread-safe: the collector reads each host from one task at a time.
 */
final class LibvirtSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtSource.class);
    private static final int LIST_ACTIVE = 1; // VIR_CONNECT_LIST_DOMAINS_ACTIVE
    private static final int MEMORY_STAT_RSS = 7; // VIR_DOMAIN_MEMORY_STAT_RSS
    private static final int MEMORY_STAT_COUNT = 14;

    private final String uri;
    private final Clock clock;
    private LibvirtConnection conn;

    LibvirtSource(String uri, Clock clock) {
        this.uri = uri;
        this.clock = clock;
    }

    HostReading read() throws LibvirtException {
        try {
            return readWith(connection());
        } catch (LibvirtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private LibvirtConnection connection() throws LibvirtException {
        if (conn == null) {
            LibvirtErrors.install();
            conn = new LibvirtConnection(uri);
        }
        return conn;
    }

    private HostReading readWith(LibvirtConnection c) throws LibvirtException {
        HostAttachments attachments = HostAttachments.read(c);
        NodeInfo node = c.nodeInfo();
        Map<String, VmCounters> counters = new LinkedHashMap<>();
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
        return new HostReading(clock.instant(), inventory, NodeStats.cpuTimes(c.pointer()).orElse(null),
                memoryUsedMiB(c, node), counters);
    }

    private static VmInventory inventory(Domain domain, HostAttachments attachments) throws LibvirtException {
        DomainInfo info = domain.getInfo();
        DomainXml xml = new DomainXml(domain.getXMLDesc(0), attachments);
        return new VmInventory(domain.getName(), info.maxMem / 1024, info.nrVirtCpu, xml.storage(), xml.bridges(),
                xml.interfaceDevices(), xml.cpuModel());
    }

    private static VmCounters counters(Domain domain, VmInventory vm) throws LibvirtException {
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
        return new VmCounters(info.cpuTime, rx, tx, residentMiB(domain, info));
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
        Double used = NodeStats.memoryUsedMiB(c.pointer()).orElse(null);
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

    @Override
    public void close() {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (LibvirtException e) {
            LOG.debug("closing {}: {}", uri, e.getMessage());
        }
        conn = null;
    }
}
