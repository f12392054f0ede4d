package dev.ballast.hosts.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.ballast.hosts.CpuCompatibility;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostStatistics.CpuTimes;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmState;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's one libvirt connection type: libvirt-java's {@link Connect} for one named host,
 * plus the calls the binding lacks, made through {@link NativeLibvirt} on this connection's
 * native pointer (node CPU and memory statistics, a domain's state, the switch to post-copy,
 * the CPU comparison against what the hypervisor offers).
 *
 * <p>The pointer is reached here, and only here, through the binding's protected field
 * {@code vcp}: libvirt-java offers no getter for it, and the JNA calls need it.
 *
 * <p>Only {@link LibvirtHostDriver} opens these; everything else reaches a host through it.
 */
final class LibvirtConnection extends Connect {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtConnection.class);

    private final String host;

    private LibvirtConnection(String host, String uri, boolean readOnly) throws LibvirtException {
        super(uri, readOnly);
        this.host = host;
    }

    /** Opens a connection to the host at {@code uri}; read-only is enough to sample it. */
    static LibvirtConnection open(String host, String uri, boolean readOnly) throws HostException {
        LibvirtErrors.install();
        try {
            return new LibvirtConnection(host, uri, readOnly);
        } catch (LibvirtException e) {
            throw LibvirtErrors.of(host, "connecting to " + uri, e);
        }
    }

    /** The host's name, as the cluster file gives it. */
    String host() {
        return host;
    }

    private Pointer pointer() {
        return vcp.getPointer();
    }

    /** A cheap round trip that throws when the host no longer answers. */
    void ping() throws HostException {
        // Node info: a round trip every libvirt driver answers (the test driver has no free memory to give).
        try {
            nodeInfo();
        } catch (LibvirtException e) {
            throw LibvirtErrors.of(host, "asking for node info", e);
        }
    }

    /** The domain's state, or empty when the host has no domain of that name. */
    Optional<VmState> vmState(String vm) throws HostException {
        Pointer domain = NativeLibvirt.INSTANCE.virDomainLookupByName(pointer(), vm);
        if (domain == null) {
            // A lookup of an unknown name fails; any other failure (a dead connection) must not read as "absent".
            if (LibvirtErrors.last(host, "looking up " + vm).code() != HostException.NO_DOMAIN) {
                ping();
            }
            return Optional.empty();
        }
        try {
            IntByReference state = new IntByReference();
            IntByReference reason = new IntByReference();
            if (NativeLibvirt.INSTANCE.virDomainGetState(domain, state, reason, 0) < 0) {
                throw LibvirtErrors.last(host, "reading the state of " + vm);
            }
            return Optional.of(VmState.ofLibvirt(state.getValue()));
        } finally {
            NativeLibvirt.INSTANCE.virDomainFree(domain);
        }
    }

    /** Asks a running migration of the domain to switch to post-copy. */
    void startPostCopy(String vm) throws HostException {
        Pointer domain = NativeLibvirt.INSTANCE.virDomainLookupByName(pointer(), vm);
        if (domain == null) {
            throw LibvirtErrors.last(host, "looking up " + vm);
        }
        try {
            if (NativeLibvirt.INSTANCE.virDomainMigrateStartPostCopy(domain, 0) < 0) {
                throw LibvirtErrors.last(host, "switching " + vm + " to post-copy");
            }
        } finally {
            NativeLibvirt.INSTANCE.virDomainFree(domain);
        }
    }

    /** virConnectCompareHypervisorCPU: can this host's hypervisor give a guest this CPU? */
    CpuCompatibility compareHypervisorCpu(VmDetails.Cpu cpu) throws HostException {
        int result = NativeLibvirt.INSTANCE.virConnectCompareHypervisorCPU(pointer(), cpu.emulator(), cpu.arch(),
                cpu.machine(), cpu.virtType(), cpu.xml(), 0);
        return switch (result) {
            case 0 -> CpuCompatibility.INCOMPATIBLE;
            case 1 -> CpuCompatibility.IDENTICAL;
            case 2 -> CpuCompatibility.SUPERSET;
            default -> throw LibvirtErrors.last(host, "comparing a CPU with the hypervisor's");
        };
    }

    /** Node CPU times summed over every CPU; empty when the driver does not offer them. */
    Optional<CpuTimes> cpuTimes() {
        return NodeStats.cpuTimes(pointer());
    }

    /** Memory in use on the node, MiB; empty when the driver does not offer node memory statistics. */
    Optional<Double> memoryUsedMiB() {
        return NodeStats.memoryUsedMiB(pointer());
    }

    /** Closes without complaint: a connection to a host that went away cannot be closed cleanly. */
    void closeQuietly() {
        try {
            close();
        } catch (LibvirtException e) {
            LOG.debug("closing the connection to {}: {}", host, e.getMessage());
        }
    }
}
