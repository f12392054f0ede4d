package dev.ballast.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A hypervisor host of the cluster.
 *
 * @param capacity  what the host offers; the policy's limits say how much of it may be used
 * @param storage   ids of the shared (NFS) storage the host mounts
 * @param bridges   network bridges present on the host
 * @param migrationLink optional: where the host receives migrations
 * @param cpu       optional
 * @param power     optional: without it the host is assumed to idle at {@link #ASSUMED_IDLE_WATTS}
 * @param libvirtUri optional
 * @param stale     optional: set by the collector when the host's figures are out of date; such a
 *                  host receives no VMs
 * @param poweredOnAt optional: when the host was last switched on (by Ballast, as its service
 *                  remembers); the policy's {@code powerCooldown} keeps it on for that long
 */
public record Host(
        String name,
        HostState state,
        Resources capacity,
        MigrationLink migrationLink,
        Set<String> storage,
        Set<String> bridges,
        CpuInfo cpu,
        Power power,
        String libvirtUri,
        Staleness stale,
        Instant poweredOnAt) {

    /**
     * The idle draw assumed for a host whose snapshot gives no {@code power}: a typical two-socket
     * server's (the simulator's hosts idle at 120-250 W). Consolidation prices a host kept on by
     * its idle watts, and a GiB migrated as 0.1 W: at the 1 W assumed before, emptying a host paid
     * only when its VMs held less than 10 GiB in all, and a cluster collected without power
     * figures stayed nearly as it was.
     */
    public static final double ASSUMED_IDLE_WATTS = 150;

    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(capacity, "capacity");
        storage = Set.copyOf(storage);
        bridges = Set.copyOf(bridges);
    }

    /** A host not known to have been switched on lately. */
    public Host(String name, HostState state, Resources capacity, MigrationLink migrationLink, Set<String> storage,
            Set<String> bridges, CpuInfo cpu, Power power, String libvirtUri, Staleness stale) {
        this(name, state, capacity, migrationLink, storage, bridges, cpu, power, libvirtUri, stale, null);
    }

    /** A host with fresh figures (not stale). */
    public Host(String name, HostState state, Resources capacity, MigrationLink migrationLink, Set<String> storage,
            Set<String> bridges, CpuInfo cpu, Power power, String libvirtUri) {
        this(name, state, capacity, migrationLink, storage, bridges, cpu, power, libvirtUri, null);
    }

    /**
     * The watts saved by switching this host off; {@link #ASSUMED_IDLE_WATTS} when the snapshot
     * gives no power figures (see {@link #powerAssumed()}).
     */
    public double idleWatts() {
        return power == null ? ASSUMED_IDLE_WATTS : power.idleWatts();
    }

    /** True when the snapshot gives no power figures, so {@link #idleWatts()} is an assumption. */
    public boolean powerAssumed() {
        return power == null;
    }

    public boolean isActive() {
        return state == HostState.ACTIVE;
    }

    /** True when the collector marked this host's figures as out of date. */
    public boolean isStale() {
        return stale != null;
    }

    /** True when a VM's storage and bridges are all available here (resources aside). */
    public boolean offersAttachmentsOf(Vm vm) {
        return (vm.storage() == null || storage.contains(vm.storage())) && bridges.containsAll(vm.bridges());
    }

    /** This host with another state, e.g. set to maintenance for a what-if plan. */
    public Host withState(HostState newState) {
        return new Host(name, newState, capacity, migrationLink, storage, bridges, cpu, power, libvirtUri, stale,
                poweredOnAt);
    }

    /** This host marked stale, or fresh again with null. */
    public Host withStale(Staleness newStale) {
        return new Host(name, state, capacity, migrationLink, storage, bridges, cpu, power, libvirtUri, newStale,
                poweredOnAt);
    }

    /** This host as last switched on at {@code when}, or not known to have been with null. */
    public Host withPoweredOnAt(Instant when) {
        return new Host(name, state, capacity, migrationLink, storage, bridges, cpu, power, libvirtUri, stale, when);
    }
}
