package dev.ballast.executor;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small clusters for the executor's tests on a simulated cluster. */
final class TestClusters {

    static final String STORAGE = "nfs1:/export/vms";
    static final String BRIDGE = "br0";

    private TestClusters() {
    }

    /** A host of 16 cores, 64 GiB and 10 Gb/s, on the shared storage and bridge, with a 10 Gb/s migration link. */
    static Host host(String name) {
        return new Host(name, HostState.ACTIVE, new Resources(16, 65_536, 10_000),
                new MigrationLink("198.18.0." + name.replaceAll("\\D", ""), 10_000), Set.of(STORAGE), Set.of(BRIDGE),
                new CpuInfo("x86_64", "EPYC"), null, null);
    }

    /** A VM of 2 vCPUs and 4 GiB using 1 core and 50 Mb/s. */
    static Vm vm(String name, String host) {
        return new Vm(name, host, 4096, 2, new Demand(1, 50), 20.0, STORAGE, Set.of(BRIDGE), false);
    }

    /**
     * Hosts {@code host-01..host-NN}; VMs {@code vm-01..} placed round-robin on the first
     * {@code occupied} hosts.
     */
    static ClusterSnapshot cluster(int hosts, int vms, int occupied) {
        List<Host> hostList = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            hostList.add(host(String.format("host-%02d", i)));
        }
        List<Vm> vmList = new ArrayList<>();
        for (int i = 1; i <= vms; i++) {
            vmList.add(vm(String.format("vm-%02d", i), hostList.get((i - 1) % occupied).name()));
        }
        return new ClusterSnapshot(hostList, vmList, List.of());
    }
}
