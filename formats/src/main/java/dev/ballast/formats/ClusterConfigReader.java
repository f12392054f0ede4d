package dev.ballast.formats;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.Capacity;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterConfig.Prometheus;
import dev.ballast.model.ClusterConfig.Smoothing;
import dev.ballast.model.ClusterConfig.Statistic;
import dev.ballast.model.MigrationLink;
import dev.ballast.model.Resources;
import dev.ballast.model.SimulationConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code ballast/v1 Cluster} file, the collector's configuration, from JSON or YAML and
 * validates it the way snapshots and policies are: every problem at once, each with its path.
 * See {@code docs/collector.md}.
 */
public final class ClusterConfigReader {

    static final String KIND = "Cluster";

    private static final String[] HOST_FIELDS = {
        "name", "libvirtUri", "migrationLink", "networkMbps", "reserve", "power", "nics", "storage", "bridges",
        "instance", "capacity", "cpuOvercommit"};

    /** Far beyond the 16 vCPUs per core any hypervisor guide suggests. */
    private static final double MAX_CPU_OVERCOMMIT = 1000;

    private ClusterConfigReader() {
    }

    public static ClusterConfig read(Path file) throws InputException {
        Path directory = file.toAbsolutePath().getParent();
        return parse(Documents.readFile(file), file.toString(), directory);
    }

    /** @param source the name to report problems under, usually the file name */
    public static ClusterConfig parse(String text, String source) throws InputException {
        return parse(text, source, Path.of(""));
    }

    /**
     * @param source    the name to report problems under, usually the file name
     * @param directory what the files a cluster file names (a simulated cluster's snapshot) are relative to
     */
    public static ClusterConfig parse(String text, String source, Path directory) throws InputException {
        Problems problems = new Problems();
        NodeReader root = Documents.open(text, source, KIND, problems);
        root.allowOnly("apiVersion", "kind", "hosts", "simulated", "sources", "smoothing", "staleAfter");
        SimulationConfig simulated = SimulatedReader.simulated(root, directory, problems);
        List<HostConfig> hosts = simulated == null && !root.has("simulated") ? hosts(root, directory, problems)
                : List.of();
        Sources sources = sources(root.object("sources", false));
        Smoothing smoothing = smoothing(root.object("smoothing", false));
        Duration staleAfter = positive(root, "staleAfter", ClusterConfig.DEFAULT_STALE_AFTER);
        problems.throwIfAny(source);
        return new ClusterConfig(hosts, sources.libvirtTimeout(), sources.prometheus(), smoothing, staleAfter,
                simulated);
    }

    private record Sources(Duration libvirtTimeout, Prometheus prometheus) {
    }

    private static List<HostConfig> hosts(NodeReader root, Path directory, Problems problems) {
        return Names.readList(root, "hosts", "host", problems, host -> host(host, directory, problems));
    }

    private static Entry<HostConfig> host(NodeReader host, Path directory, Problems problems) {
        host.allowOnly(HOST_FIELDS);
        String name = host.name("name", true);
        String uri = host.uri("libvirtUri", true, HostReader.LIBVIRT_URI_EXAMPLE);
        MigrationLink link = HostReader.migrationLink(host.object("migrationLink", false));
        Double networkMbps = host.decimal("networkMbps", HostConfig.DEFAULT_NETWORK_MBPS, Bound.positiveUpTo(Bound.MAX_MBPS));
        Resources reserve = reserve(host.object("reserve", false));
        PowerSectionReader.Section power = PowerSectionReader.read(host.object("power", false), directory, problems);
        List<String> nics = host.texts("nics", false);
        Set<String> storage = host.has("storage") ? new HashSet<>(host.texts("storage", false)) : null;
        Set<String> bridges = host.has("bridges") ? new HashSet<>(host.texts("bridges", false)) : null;
        String instance = host.text("instance");
        NodeReader capacityNode = host.object("capacity", false);
        Capacity capacity = capacity(capacityNode);
        Double overcommit = host.decimal("cpuOvercommit", 1.0, Bound.positiveUpTo(MAX_CPU_OVERCOMMIT));
        if (capacity != null && capacity.cpu() != null && host.has("cpuOvercommit")) {
            host.report("cpuOvercommit", "give either capacity.cpu or cpuOvercommit, not both: the overcommit"
                    + " multiplies the cores libvirt reports, a declared capacity is taken as it is");
            overcommit = null;
        }
        if (name == null || uri == null || networkMbps == null || reserve == null || nics.contains(null)
                || (storage != null && storage.contains(null)) || (bridges != null && bridges.contains(null))
                || (capacityNode != null && capacity == null) || overcommit == null
                || (host.isObject("power") && power == null)) {
            return host.entry(name, null);
        }
        return host.entry(name, new HostConfig(name, uri, link, reserve, networkMbps,
                power == null ? null : power.watts(), nics, storage, bridges, instance, capacity, overcommit,
                power == null ? null : power.control()));
    }

    /** CPUs and memory the operator declares; either may be left to libvirt, but not both. */
    private static Capacity capacity(NodeReader capacity) {
        if (capacity == null) {
            return null;
        }
        capacity.allowOnly("cpu", "memoryMiB");
        Double cpu = capacity.decimal("cpu", null, Bound.positiveUpTo(Bound.MAX_CORES));
        Long memoryMiB = capacity.whole("memoryMiB", null, Bound.positiveUpTo(Bound.MAX_MEMORY_MIB));
        if (!capacity.has("cpu") && !capacity.has("memoryMiB")) {
            capacity.report("give cpu, memoryMiB or both, e.g. {cpu: 4, memoryMiB: 8192}");
            return null;
        }
        if ((capacity.has("cpu") && cpu == null) || (capacity.has("memoryMiB") && memoryMiB == null)) {
            return null;
        }
        return new Capacity(cpu, memoryMiB);
    }

    private static Resources reserve(NodeReader reserve) {
        if (reserve == null) {
            return Resources.ZERO;
        }
        reserve.allowOnly("cpu", "memoryMiB", "networkMbps");
        Double cpu = reserve.decimal("cpu", 0.0, Bound.nonNegativeUpTo(Bound.MAX_CORES));
        Long memoryMiB = reserve.whole("memoryMiB", 0L, Bound.nonNegativeUpTo(Bound.MAX_MEMORY_MIB));
        Double networkMbps = reserve.decimal("networkMbps", 0.0, Bound.nonNegativeUpTo(Bound.MAX_MBPS));
        return cpu == null || memoryMiB == null || networkMbps == null ? null
                : new Resources(cpu, memoryMiB, networkMbps);
    }

    private static Sources sources(NodeReader sources) {
        if (sources == null) {
            return new Sources(ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT, null);
        }
        sources.allowOnly("libvirt", "prometheus");
        Duration timeout = ClusterConfig.DEFAULT_LIBVIRT_TIMEOUT;
        NodeReader libvirt = sources.object("libvirt", false);
        if (libvirt != null) {
            libvirt.allowOnly("timeout");
            timeout = positive(libvirt, "timeout", timeout);
        }
        return new Sources(timeout, prometheus(sources.object("prometheus", false)));
    }

    private static Prometheus prometheus(NodeReader prometheus) {
        if (prometheus == null) {
            return null;
        }
        prometheus.allowOnly("url", "hostLabel", "vmLabel", "timeout", "rateWindow", "queries");
        URI url = httpUrl(prometheus);
        String hostLabel = orDefault(prometheus.text("hostLabel"), Prometheus.DEFAULT_HOST_LABEL);
        String vmLabel = orDefault(prometheus.text("vmLabel"), Prometheus.DEFAULT_VM_LABEL);
        Duration timeout = positive(prometheus, "timeout", Prometheus.DEFAULT_TIMEOUT);
        Duration rateWindow = positive(prometheus, "rateWindow", Prometheus.DEFAULT_RATE_WINDOW);
        Map<String, String> queries = queries(prometheus);
        return url == null || timeout == null || rateWindow == null ? null
                : new Prometheus(url, hostLabel, vmLabel, timeout, rateWindow, queries);
    }

    private static URI httpUrl(NodeReader prometheus) {
        String text = prometheus.requiredText("url");
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        prometheus.report("url", "expected an http(s) URL such as http://prometheus:9090, got \"" + text + "\"");
        return null;
    }

    private static Map<String, String> queries(NodeReader prometheus) {
        Map<String, String> queries = new LinkedHashMap<>(prometheus.textMap("queries", false));
        NodeReader object = prometheus.object("queries", false);
        if (object != null) {
            object.allowOnly(Prometheus.QUERY_NAMES.toArray(String[]::new));
        }
        queries.keySet().retainAll(Prometheus.QUERY_NAMES);
        return queries;
    }

    private static Smoothing smoothing(NodeReader smoothing) {
        Smoothing defaults = Smoothing.DEFAULT;
        if (smoothing == null) {
            return defaults;
        }
        smoothing.allowOnly("statistic", "window", "alpha");
        Statistic statistic = smoothing.choice("statistic", Statistic.values(), Statistic::key, defaults.statistic(),
                false);
        Integer window = smoothing.integer("window", defaults.window(), Bound.POSITIVE, false);
        Double alpha = smoothing.decimal("alpha", defaults.alpha(), Bound.FRACTION);
        return statistic == null || window == null || alpha == null ? null : new Smoothing(statistic, window, alpha);
    }

    /** A duration that must be more than zero: a timeout or a limit of zero would refuse everything. */
    private static Duration positive(NodeReader node, String field, Duration absent) {
        Duration value = node.duration(field, absent);
        if (value != null && value.isZero()) {
            node.report(field, "must be more than 0, e.g. " + Durations.format(absent));
            return null;
        }
        return value;
    }

    private static String orDefault(String value, String absent) {
        return value == null ? absent : value;
    }
}
