package dev.ballast.hosts;

import dev.ballast.model.CpuInfo;
import java.util.List;
import java.util.Optional;

/**
 * How collecting and executing reach one host: what it has and runs, what it uses, where a VM
 * is, the live migration of a VM to another host, and the host's power. One driver per host;
 * {@link dev.ballast.hosts.libvirt.LibvirtHostDriver} is the real one.
 *
 * <p>Every failure to reach the host or to do what was asked is a {@link HostException} naming
 * the host and the operation. A driver opens its connection on first use and opens it afresh
 * after a failure, so one driver lasts as long as its user does.
 *
 * <p>Threads: {@link #migrate} blocks until the migration ends; while it runs, another thread may
 * call {@link #ping}, {@link #jobStatistics}, {@link #abortJob} and {@link #startPostCopy} on the
 * same driver (the libvirt driver makes those on a connection of their own). Other calls are
 * made from one thread at a time.
 */
public interface HostDriver extends AutoCloseable {

    /** The host's name, as the cluster file gives it. */
    String host();

    /** A cheap round trip: returns when the host answers, throws when it does not. */
    void ping() throws HostException;

    /** What the host has and runs: CPUs, memory, CPU model, storage, bridges, running VMs. */
    HostInventory inventory() throws HostException;

    /** The host's and its running VMs' counters (CPU time, memory, interface traffic), as of now. */
    HostStatistics statistics() throws HostException;

    /**
     * Inventory and statistics read together, as the collector samples. Drivers that read both
     * in one pass override this; the two must describe the same VMs.
     */
    default HostSample sample() throws HostException {
        return new HostSample(inventory(), statistics());
    }

    /**
     * The VMs defined on this host that do not run now but start with it (libvirt's autostart):
     * switched off and on again, the host would start them behind the planner's back.
     */
    List<String> autostartVms() throws HostException;

    /** The state of the VM on this host; empty when the host has no VM (domain) of that name. */
    Optional<VmState> vmState(String vm) throws HostException;

    /** True when the VM runs here (not paused, not shut off). */
    default boolean runs(String vm) throws HostException {
        return vmState(vm).map(s -> s == VmState.RUNNING).orElse(false);
    }

    /** What the pre-flight needs to know about a VM defined on this host; HostException when there is none. */
    VmDetails vmDetails(String vm) throws HostException;

    /** The type of the host's network interface of that name ({@code bridge}, {@code ethernet}...); empty when it has none. */
    Optional<String> interfaceType(String name) throws HostException;

    /** Whether the host's libvirt network of that name is active; empty when it has no such network. */
    Optional<Boolean> networkActive(String network) throws HostException;

    /** Memory free on the host now, MiB. */
    long freeMemoryMiB() throws HostException;

    /** The host's own CPU (architecture and model), as its hypervisor reports it. */
    CpuInfo cpu() throws HostException;

    /** Can this host's hypervisor give a VM the CPU its definition asks for (a custom model)? */
    CpuCompatibility compareVmCpu(VmDetails.Cpu cpu) throws HostException;

    /** Can this host run a guest that sees {@code cpu} (another host's CPU, for host-model and passthrough guests)? */
    CpuCompatibility compareHostCpu(CpuInfo cpu) throws HostException;

    /**
     * Live-migrates a running VM from this host to {@code destination}: persistent there,
     * undefined here. Blocks until the migration ends.
     *
     * @return the completed job's statistics (time, downtime, data sent), when the host gives them
     * @throws HostException when the migration could not start or failed (including after an
     *         {@link #abortJob}); the VM then normally still runs here
     */
    Optional<MigrationProgress> migrate(String vm, HostDriver destination, MigrationParameters parameters)
            throws HostException;

    /** The VM's running job (a migration) as of now; {@link MigrationProgress#NONE} when it has none. */
    MigrationProgress jobStatistics(String vm) throws HostException;

    /** Aborts the VM's running job; a migration then fails and the VM stays here. */
    void abortJob(String vm) throws HostException;

    /** Switches the VM's running migration to post-copy (it must have been started with post-copy allowed). */
    void startPostCopy(String vm) throws HostException;

    /** Whether the host is on; HostException when no power driver is configured for it. */
    PowerState powerStatus() throws HostException;

    /** Switches the host on; HostException when no power driver is configured for it. */
    void powerOn() throws HostException;

    /** Switches the host off (its VMs must be gone); HostException when no power driver is configured for it. */
    void powerOff() throws HostException;

    /** Closes the driver's connections; never throws. */
    @Override
    void close();
}
