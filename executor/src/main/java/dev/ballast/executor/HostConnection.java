package dev.ballast.executor;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * A read-write libvirt connection to one host, with the calls libvirt-java lacks: a domain's
 * state, the switch to post-copy, and the CPU comparison against what the hypervisor offers.
 */
final class HostConnection extends Connect {

    private final String host;

    HostConnection(String host, String uri) throws LibvirtException {
        super(uri, false);
        this.host = host;
    }

    String host() {
        return host;
    }

    /** The domain's virDomainState (1 running, 3 paused, 5 shut off, ...), or empty when the host has no such domain. */
    Optional<Integer> domainState(String vm) throws LibvirtException {
        Pointer domain = NativeLibvirt.INSTANCE.virDomainLookupByName(vcp.getPointer(), vm);
        if (domain == null) {
            // A lookup of an unknown name fails; any other failure (a dead connection) must not read as "absent".
            ping();
            return Optional.empty();
        }
        try {
            IntByReference state = new IntByReference();
            IntByReference reason = new IntByReference();
            if (NativeLibvirt.INSTANCE.virDomainGetState(domain, state, reason, 0) < 0) {
                throw LibvirtFailure.last("the state of " + vm + " on " + host);
            }
            return Optional.of(state.getValue());
        } finally {
            NativeLibvirt.INSTANCE.virDomainFree(domain);
        }
    }

    /** True when the domain runs here (running, or paused in the middle of a migration's switchover). */
    boolean runs(String vm) throws LibvirtException {
        return domainState(vm).map(s -> s == NativeLibvirt.STATE_RUNNING).orElse(false);
    }

    /** Asks a running migration of the domain to switch to post-copy. */
    void startPostCopy(String vm) throws LibvirtException {
        Pointer domain = NativeLibvirt.INSTANCE.virDomainLookupByName(vcp.getPointer(), vm);
        if (domain == null) {
            throw LibvirtFailure.last("looking up " + vm + " on " + host);
        }
        try {
            if (NativeLibvirt.INSTANCE.virDomainMigrateStartPostCopy(domain, 0) < 0) {
                throw LibvirtFailure.last("switching " + vm + " to post-copy");
            }
        } finally {
            NativeLibvirt.INSTANCE.virDomainFree(domain);
        }
    }

    /**
     * virConnectCompareHypervisorCPU: can this host's hypervisor give a guest this CPU?
     *
     * @return 0 incompatible, 1 identical, 2 superset, -1 the comparison failed
     */
    int compareHypervisorCpu(String emulator, String arch, String machine, String virtType, String cpuXml) {
        return NativeLibvirt.INSTANCE.virConnectCompareHypervisorCPU(vcp.getPointer(), emulator, arch, machine,
                virtType, cpuXml, 0);
    }

    /** A cheap round trip that throws when the host no longer answers. */
    void ping() throws LibvirtException {
        getFreeMemory();
    }
}
