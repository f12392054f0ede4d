package dev.ballast.scheduler;

import dev.ballast.model.CpuInfo;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.balance.BalanceSettings;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import dev.ballast.model.Power;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.Set;

/** Builders for small hand-made clusters: 16-core, 64 GiB hosts and VMs that read like a sentence. */
public final class Clusters {

    private Clusters() {
    }

    public static Host host(String name) {
        return host(name, HostState.ACTIVE);
    }

    public static Host host(String name, HostState state) {
        return new Host(name, state, new Resources(16, 65_536, 10_000), new MigrationLink("198.18.0.1", 100_000),
                Set.of("nfs-vms"), Set.of("virbr0"), new CpuInfo("x86_64", "Icelake-Server"), new Power(150, 400),
                null);
    }

    public static Host hostWithBridges(String name, Set<String> bridges) {
        Host plain = host(name);
        return new Host(name, HostState.ACTIVE, plain.capacity(), plain.migrationLink(), plain.storage(), bridges,
                plain.cpu(), plain.power(), null);
    }

    /** The host as a snapshot collected without a power source has it: no power figures. */
    public static Host withoutPower(Host host) {
        return new Host(host.name(), host.state(), host.capacity(), host.migrationLink(), host.storage(),
                host.bridges(), host.cpu(), null, host.libvirtUri());
    }

    /** A VM on {@code host} (null for a new one) with {@code gib} of memory and {@code cores} of CPU demand. */
    public static Vm vm(String name, String host, int gib, double cores) {
        return new Vm(name, host, gib * 1024L, (int) Math.ceil(cores), new Demand(cores, 10), 20.0, "nfs-vms",
                Set.of("virbr0"), false);
    }

    public static Vm pinned(String name, String host, int gib, double cores) {
        Vm vm = vm(name, host, gib, cores);
        return new Vm(name, host, vm.memoryMiB(), vm.vcpus(), vm.demand(), vm.dirtyRateMiBps(), vm.storage(),
                vm.bridges(), true);
    }

    public static Policy consolidate() {
        return new Policy("consolidate", new Limits(0.85, 0.95, 0.8), null, ConsolidateSettings.DEFAULTS);
    }

    /** Balance at the default level with a tolerance of 4 points: hot hosts are what these tests are about. */
    public static Policy balance() {
        return new Policy("balance", new Limits(0.85, 0.95, 0.8), null,
                BalanceSettings.DEFAULTS.withTolerance(BalanceSettings.DEFAULT_TOLERANCE));
    }

    public static Policy withMaxMigrations(Policy policy, int max) {
        return policy.withMaxMigrations(max);
    }
}
