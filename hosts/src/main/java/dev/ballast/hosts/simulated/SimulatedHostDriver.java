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
import dev.ballast.hosts.VmState;
import dev.ballast.model.CpuInfo;
import java.util.List;
import java.util.Optional;

/**
 * One host of a {@link SimulatedCluster}, reached as a libvirt host is: every call answers from
 * the cluster's state or fails with a {@link HostException} naming this host, as the real driver
 * does. Obtained from {@link SimulatedCluster#driver}; closing it changes nothing.
 */
public final class SimulatedHostDriver implements HostDriver {

    private final SimulatedCluster cluster;
    private final String host;

    SimulatedHostDriver(SimulatedCluster cluster, String host) {
        this.cluster = cluster;
        this.host = host;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public void ping() throws HostException {
        cluster.ping(host);
    }

    @Override
    public HostInventory inventory() throws HostException {
        return cluster.inventory(host);
    }

    @Override
    public HostStatistics statistics() throws HostException {
        return cluster.statistics(host);
    }

    @Override
    public Optional<VmState> vmState(String vm) throws HostException {
        return cluster.vmState(host, vm);
    }

    @Override
    public VmDetails vmDetails(String vm) throws HostException {
        return cluster.vmDetails(host, vm);
    }

    @Override
    public Optional<String> interfaceType(String name) throws HostException {
        return cluster.interfaceType(host, name);
    }

    @Override
    public Optional<Boolean> networkActive(String network) throws HostException {
        return cluster.networkActive(host, network);
    }

    @Override
    public long freeMemoryMiB() throws HostException {
        return cluster.freeMemoryMiB(host);
    }

    @Override
    public CpuInfo cpu() throws HostException {
        return cluster.cpu(host);
    }

    @Override
    public CpuCompatibility compareVmCpu(VmDetails.Cpu cpu) throws HostException {
        return cluster.compareVmCpu(host, cpu);
    }

    @Override
    public CpuCompatibility compareHostCpu(CpuInfo cpu) throws HostException {
        return cluster.compareHostCpu(host, cpu);
    }

    /** Blocks until the migration ends by the cluster's time; an interrupt fails it with the VM still here. */
    @Override
    public Optional<MigrationProgress> migrate(String vm, HostDriver destination, MigrationParameters parameters)
            throws HostException {
        try {
            return cluster.migrate(host, vm, destination.host(), parameters);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException(host, "migrating " + vm + " to " + destination.host(), "interrupted", 0, e);
        }
    }

    @Override
    public MigrationProgress jobStatistics(String vm) throws HostException {
        return cluster.jobStatistics(host, vm);
    }

    @Override
    public void abortJob(String vm) throws HostException {
        cluster.abortJob(host, vm);
    }

    @Override
    public void startPostCopy(String vm) throws HostException {
        cluster.startPostCopy(host, vm);
    }

    /** None: a simulated VM runs, or is not there at all. */
    @Override
    public List<String> autostartVms() throws HostException {
        cluster.ping(host); // a host that answers nothing cannot say either
        return List.of();
    }

    @Override
    public PowerState powerStatus() throws HostException {
        return cluster.powerStatus(host);
    }

    @Override
    public void powerOn() throws HostException {
        cluster.powerOn(host);
    }

    @Override
    public void powerOff() throws HostException {
        cluster.powerOff(host);
    }

    @Override
    public void close() {
        // nothing to release: the cluster lives as long as its process
    }

    @Override
    public String toString() {
        return "simulated host " + host;
    }
}
