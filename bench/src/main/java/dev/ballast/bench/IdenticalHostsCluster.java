package dev.ballast.bench;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A consolidation benchmark whose optimum is close to the volume bound: identical hosts
 * (32 cores, 128 GiB) holding VMs of 1, 2, 4 or 8 vCPUs with 2, 4 or 8 GiB per vCPU, each
 * demanding its vCPUs in full, scattered at random. Reproducible from the seed.
 *
 * <p>The random placement keeps every host within the built-in policies' CPU and memory limits
 * (0.85 and 0.95), so the starting point is valid and all there is to plan is packing. VMs use
 * no network, storage or bridges: the bound is about CPU and memory alone.
 */
public final class IdenticalHostsCluster {

    static final Resources HOST = new Resources(32, 128 * 1024L, 10_000);
    static final Power POWER = new Power(120, 300);
    private static final Limits START_WITHIN = new Limits(0.85, 0.95, 1.0);
    private static final int[] VCPUS = {1, 2, 4, 8};
    private static final int[] GIB_PER_VCPU = {2, 4, 8};
    // Random probes before falling back to a scan: enough at the fills this is used for.
    private static final int PROBES = 64;

    private IdenticalHostsCluster() {
    }

    /**
     * The cluster with every host's power figures (120 W idle).
     *
     * @throws IllegalArgumentException when the VMs do not fit the hosts within the limits
     */
    public static ClusterSnapshot generate(int hosts, int vms, long seed) {
        return generate(hosts, vms, seed, POWER);
    }

    /**
     * The same cluster, VM for VM, with the given power figures on every host; null for none, as
     * a snapshot collected without a power source has it.
     */
    public static ClusterSnapshot generate(int hosts, int vms, long seed, Power power) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Host> hostList = new ArrayList<>(hosts);
        for (int i = 1; i <= hosts; i++) {
            hostList.add(new Host(String.format("host-%04d", i), HostState.ACTIVE, HOST, null, Set.of(), Set.of(),
                    null, power, null));
        }
        Resources room = HOST.scaledBy(START_WITHIN);
        Resources[] load = new Resources[hosts];
        Arrays.fill(load, Resources.ZERO);
        List<Vm> vmList = new ArrayList<>(vms);
        for (int i = 1; i <= vms; i++) {
            int vcpus = VCPUS[random.nextInt(VCPUS.length)];
            long memoryMiB = vcpus * GIB_PER_VCPU[random.nextInt(GIB_PER_VCPU.length)] * 1024L;
            Vm vm = new Vm(String.format("vm-%05d", i), null, memoryMiB, vcpus, new Demand(vcpus, 0), null, null,
                    Set.of(), false);
            int host = hostWithRoom(load, vm.usage(), room, random);
            load[host] = load[host].plus(vm.usage());
            vmList.add(vm.onHost(hostList.get(host).name()));
        }
        return new ClusterSnapshot(hostList, vmList, List.of());
    }

    private static int hostWithRoom(Resources[] load, Resources usage, Resources room, SplittableRandom random) {
        for (int probe = 0; probe < PROBES; probe++) {
            int host = random.nextInt(load.length);
            if (load[host].plus(usage).fitsWithin(room)) {
                return host;
            }
        }
        for (int host = 0; host < load.length; host++) {
            if (load[host].plus(usage).fitsWithin(room)) {
                return host;
            }
        }
        throw new IllegalArgumentException("the VMs do not fit " + load.length + " hosts of 32 cores and 128 GiB");
    }
}
