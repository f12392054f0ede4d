package dev.ballast.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the collector reads to build snapshots: the hosts and how to reach them, where the
 * utilisation figures come from, how they are smoothed, and when a host counts as stale. A list
 * of hosts with their libvirt URIs is a complete configuration; everything else has a default.
 *
 * @param prometheus optional: when null, libvirt alone gives every figure
 * @param staleAfter a host whose newest good sample is older than this is marked stale
 * @param simulated  optional: a simulated cluster, whose hosts are then the cluster's (hosts is
 *                   empty); see {@link SimulationConfig}
 */
public record ClusterConfig(
        List<HostConfig> hosts,
        Duration libvirtTimeout,
        Prometheus prometheus,
        Smoothing smoothing,
        Duration staleAfter,
        SimulationConfig simulated) {

    public static final Duration DEFAULT_LIBVIRT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);

    public ClusterConfig {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(libvirtTimeout, "libvirtTimeout");
        Objects.requireNonNull(smoothing, "smoothing");
        Objects.requireNonNull(staleAfter, "staleAfter");
    }

    /** A cluster of real hosts (not simulated). */
    public ClusterConfig(List<HostConfig> hosts, Duration libvirtTimeout, Prometheus prometheus, Smoothing smoothing,
            Duration staleAfter) {
        this(hosts, libvirtTimeout, prometheus, smoothing, staleAfter, null);
    }

    /** True when the file names a simulated cluster rather than real hosts. */
    public boolean isSimulated() {
        return simulated != null;
    }

    /** This configuration with other hosts, e.g. a simulated cluster's own. */
    public ClusterConfig withHosts(List<HostConfig> newHosts) {
        return new ClusterConfig(newHosts, libvirtTimeout, prometheus, smoothing, staleAfter, simulated);
    }

    /**
     * One host as the operator lists it. Capacity comes from libvirt unless the operator
     * declares it; these fields say what libvirt cannot know.
     *
     * @param reserve      capacity kept for the host itself (its OS, storage daemons), subtracted
     *                     from what libvirt reports
     * @param networkMbps  the host's NIC capacity: libvirt does not report link speeds
     * @param nics         device names whose traffic is the host's network use; empty for all
     *                     physical-looking devices
     * @param storage      the shared storage the host mounts; null to discover it (NFS pools and
     *                     the disks of its VMs)
     * @param bridges      the bridges present on the host; null to discover them
     * @param instance     the value of Prometheus's host label for this host; null for its name
     * @param capacity     CPUs and memory the operator declares, replacing what libvirt reports
     *                     (each figure on its own); null to take libvirt's
     * @param cpuOvercommit how many vCPUs-worth of work each core libvirt reports may carry
     *                     (1 for none); multiplies libvirt's cores, never a declared capacity
     * @param powerControl how the host is switched on and off (the {@code power} section's
     *                     {@code type}); null when it cannot be
     */
    public record HostConfig(
            String name,
            String libvirtUri,
            MigrationLink migrationLink,
            Resources reserve,
            double networkMbps,
            Power power,
            List<String> nics,
            Set<String> storage,
            Set<String> bridges,
            String instance,
            Capacity capacity,
            double cpuOvercommit,
            PowerControl powerControl) {

        public static final double DEFAULT_NETWORK_MBPS = 10_000;

        public HostConfig {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(libvirtUri, "libvirtUri");
            Objects.requireNonNull(reserve, "reserve");
            nics = List.copyOf(nics);
            storage = storage == null ? null : Set.copyOf(storage);
            bridges = bridges == null ? null : Set.copyOf(bridges);
            if (!(cpuOvercommit > 0) || !Double.isFinite(cpuOvercommit)) {
                throw new IllegalArgumentException("cpuOvercommit must be positive and finite, got " + cpuOvercommit);
            }
        }

        /** A host that cannot be switched on or off. */
        public HostConfig(String name, String libvirtUri, MigrationLink migrationLink, Resources reserve,
                double networkMbps, Power power, List<String> nics, Set<String> storage, Set<String> bridges,
                String instance, Capacity capacity, double cpuOvercommit) {
            this(name, libvirtUri, migrationLink, reserve, networkMbps, power, nics, storage, bridges, instance,
                    capacity, cpuOvercommit, null);
        }

        /** A host whose capacity is what libvirt reports, not overcommitted. */
        public HostConfig(String name, String libvirtUri, MigrationLink migrationLink, Resources reserve,
                double networkMbps, Power power, List<String> nics, Set<String> storage, Set<String> bridges,
                String instance) {
            this(name, libvirtUri, migrationLink, reserve, networkMbps, power, nics, storage, bridges, instance, null,
                    1.0);
        }

        /** This host, switched on and off as {@code control} says (null: not at all). */
        public HostConfig withPowerControl(PowerControl control) {
            return new HostConfig(name, libvirtUri, migrationLink, reserve, networkMbps, power, nics, storage, bridges,
                    instance, capacity, cpuOvercommit, control);
        }

        /**
         * The host's CPUs and memory before the reserve and other use are taken off: the declared
         * capacity where given, else libvirt's figure (its cores times the overcommit).
         */
        public Resources physical(int libvirtCpus, long libvirtMemoryMiB) {
            double cpu = capacity != null && capacity.cpu() != null ? capacity.cpu() : libvirtCpus * cpuOvercommit;
            long memory = capacity != null && capacity.memoryMiB() != null ? capacity.memoryMiB() : libvirtMemoryMiB;
            return new Resources(cpu, memory, networkMbps);
        }

        /** A host with nothing but its name and URI: every other field at its default. */
        public static HostConfig of(String name, String libvirtUri) {
            return new HostConfig(name, libvirtUri, null, Resources.ZERO, DEFAULT_NETWORK_MBPS, null, List.of(), null,
                    null, null);
        }

        /** The value Prometheus's host label has for this host. */
        public String instanceOrName() {
            return instance == null ? name : instance;
        }
    }

    /**
     * A host's capacity as the operator declares it, for hosts whose hypervisor's figures do not
     * say what they can carry (hosts sharing one machine, as on the testbed; a host kept partly
     * for something else).
     *
     * @param cpu       cores; null to take libvirt's
     * @param memoryMiB memory; null to take libvirt's
     */
    public record Capacity(Double cpu, Long memoryMiB) {
    }

    /**
     * A Prometheus server to read host (and optionally VM) utilisation from, through its HTTP
     * query API.
     *
     * @param hostLabel  the label whose value names the host ({@code instance} with node_exporter)
     * @param vmLabel    the label whose value names the VM in per-VM series
     * @param rateWindow the range of the {@code rate()} in the default queries
     * @param queries    overrides of the default queries, by name (see {@link #QUERY_NAMES})
     */
    public record Prometheus(
            URI url,
            String hostLabel,
            String vmLabel,
            Duration timeout,
            Duration rateWindow,
            Map<String, String> queries) {

        /** The queries an operator may override; vmCpu and vmNetwork are off unless given. */
        public static final List<String> QUERY_NAMES = List.of(
                "hostCpu", "hostMemoryUsed", "hostNetworkReceive", "hostNetworkTransmit", "vmCpu", "vmNetwork");
        public static final String DEFAULT_HOST_LABEL = "instance";
        public static final String DEFAULT_VM_LABEL = "domain";
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_RATE_WINDOW = Duration.ofMinutes(1);

        public Prometheus {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(hostLabel, "hostLabel");
            Objects.requireNonNull(vmLabel, "vmLabel");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(rateWindow, "rateWindow");
            queries = Map.copyOf(queries);
        }

        /** A server at {@code url} with every other field at its default. */
        public static Prometheus at(URI url) {
            return new Prometheus(url, DEFAULT_HOST_LABEL, DEFAULT_VM_LABEL, DEFAULT_TIMEOUT, DEFAULT_RATE_WINDOW,
                    Map.of());
        }
    }

    /**
     * How the samples of one figure become the snapshot's value, so that one spike moves
     * nothing.
     *
     * @param window how many of the newest samples count
     * @param alpha  for {@link Statistic#EWMA}: the weight of the newest sample, in (0, 1]
     */
    public record Smoothing(Statistic statistic, int window, double alpha) {

        public static final Smoothing DEFAULT = new Smoothing(Statistic.EWMA, 10, 0.3);

        public Smoothing {
            Objects.requireNonNull(statistic, "statistic");
        }
    }

    /** The statistic of a window of samples. */
    public enum Statistic {
        /** Exponentially weighted moving average: recent samples weigh more. */
        EWMA,
        MEAN,
        MAX,
        P50,
        P90,
        P95,
        P99;

        /** The lower-case name used in files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The percentile (50 to 99) of a P statistic; 0 for the others. */
        public int percentile() {
            return name().startsWith("P") ? Integer.parseInt(name().substring(1)) : 0;
        }
    }
}
