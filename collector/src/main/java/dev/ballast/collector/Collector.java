package dev.ballast.collector;

import dev.ballast.formats.Durations;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostSample;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Vm;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a cluster round by round and builds snapshots of it. Each round reads every host
 * through its {@link HostDriver} (libvirt, unless told otherwise) in parallel, each within the configured timeout, and reads Prometheus (when
 * configured) once for all hosts. A host that does not answer in time is reported, not waited
 * for: it goes stale once its newest sample is older than {@code staleAfter}; unless its power
 * driver says it is off, and then it is {@code standby} (see {@link HostTracker#switchedOff}).
 *
 * <p>Time for rates and staleness comes from the injected clock; the timeouts are real time.
 * A libvirt call stuck in the network cannot be interrupted, so its thread is a daemon and the
 * host is not read again until that call returns.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final ClusterConfig config;
    private final Clock clock;
    private final Map<String, HostTracker> trackers = new LinkedHashMap<>();
    private final Map<String, HostDriver> drivers = new HashMap<>();
    private final Map<String, Future<?>> inFlight = new HashMap<>();
    private final PrometheusSource prometheus;
    private final ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());

    /** A collector that reads every host through libvirt, read-only. */
    public Collector(ClusterConfig config, Clock clock) {
        this(config, clock, LibvirtHostDriver::openReadOnly);
    }

    /**
     * A collector that reads each host through the driver {@code drivers} opens for it (a
     * simulated cluster's, say). The collector closes them.
     */
    public Collector(ClusterConfig config, Clock clock, Function<HostConfig, HostDriver> drivers) {
        this.config = config;
        this.clock = clock;
        Instant start = clock.instant();
        for (HostConfig host : config.hosts()) {
            trackers.put(host.name(), new HostTracker(host, config.smoothing(), config.prometheus() != null, start));
            this.drivers.put(host.name(), drivers.apply(host));
        }
        this.prometheus = config.prometheus() == null ? null : new PrometheusSource(config.prometheus());
    }

    /** One round: samples every host and waits at most the libvirt timeout for them. */
    public void sample() {
        Map<String, Future<?>> round = new LinkedHashMap<>();
        for (HostConfig host : config.hosts()) {
            Future<?> busy = inFlight.get(host.name());
            if (busy != null && !busy.isDone()) {
                trackers.get(host.name()).libvirtFailed(uri(host) + ": still no answer to an earlier request");
                continue;
            }
            round.put(host.name(), pool.submit(() -> readLibvirt(host)));
        }
        inFlight.putAll(round);
        if (prometheus != null) {
            readPrometheus();
        }
        awaitRound(round);
    }

    private void readLibvirt(HostConfig host) {
        HostTracker tracker = trackers.get(host.name());
        HostDriver driver = drivers.get(host.name());
        try {
            HostSample sample = driver.sample();
            tracker.libvirtRead(new HostReading(clock.instant(), sample.inventory(), sample.statistics()));
        } catch (HostException e) {
            silent(host, tracker, driver, uri(host) + ": " + e.detail());
        } catch (RuntimeException e) {
            silent(host, tracker, driver, uri(host) + ": " + e);
            LOG.debug("reading {}", host.name(), e);
        }
    }

    /**
     * A host that did not answer: its power driver, when it has one, says whether it is off
     * (standby: it answers nothing, and that is no fault) or on (its silence is, and it goes stale).
     */
    private void silent(HostConfig host, HostTracker tracker, HostDriver driver, String reason) {
        PowerState power;
        try {
            power = driver.powerStatus();
        } catch (HostException e) {
            tracker.notSwitchedOff();
            tracker.libvirtFailed(reason + (e.isNoPowerDriver() ? "" : "; its power state is unknown: " + e.detail()));
            return;
        } catch (RuntimeException e) {
            tracker.notSwitchedOff();
            tracker.libvirtFailed(reason + "; its power state is unknown: " + e);
            LOG.debug("asking the power state of {}", host.name(), e);
            return;
        }
        if (power == PowerState.OFF) {
            tracker.switchedOff(clock.instant());
        } else {
            tracker.notSwitchedOff();
            tracker.libvirtFailed(reason + " (its power driver says it is on)");
        }
    }

    private void readPrometheus() {
        Instant at = clock.instant();
        try {
            PrometheusSource.Reading reading = prometheus.read(config.hosts());
            trackers.values().forEach(t -> t.prometheusRead(at, reading.hosts().get(t.name()), reading.vms()));
        } catch (PrometheusClient.PrometheusException e) {
            trackers.values().forEach(t -> t.prometheusFailed(e.getMessage()));
        }
    }

    private void awaitRound(Map<String, Future<?>> round) {
        long deadline = System.nanoTime() + config.libvirtTimeout().toNanos();
        for (Map.Entry<String, Future<?>> task : round.entrySet()) {
            try {
                task.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                trackers.get(task.getKey()).libvirtFailed(uri(hostConfig(task.getKey())) + ": no answer within "
                        + Durations.format(config.libvirtTimeout()));
            } catch (ExecutionException e) {
                LOG.debug("sampling {}", task.getKey(), e.getCause()); // readLibvirt reports its own failures
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The cluster as sampled so far, at the clock's now: every configured host (stale ones marked
     * with the reason), and every VM running on them. A VM that two hosts both report (say, in
     * the middle of a migration) is listed once, on the first host.
     */
    public ClusterSnapshot snapshot() {
        Instant now = clock.instant();
        List<Host> hosts = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HostTracker tracker : trackers.values()) {
            hosts.add(tracker.host(now, config.staleAfter()));
            for (Vm vm : tracker.vms()) {
                if (seen.add(vm.name())) {
                    vms.add(vm);
                } else {
                    LOG.warn("VM {} is reported by {} too; it is listed on its first host only", vm.name(),
                            tracker.name());
                }
            }
        }
        return new ClusterSnapshot(hosts, vms, List.of());
    }

    /** One line per host, for the operator: ok with its figures, or stale with the reason. */
    public List<String> status() {
        Instant now = clock.instant();
        return trackers.values().stream().map(t -> t.status(now, config.staleAfter())).toList();
    }

    private HostConfig hostConfig(String name) {
        return config.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private static String uri(HostConfig host) {
        return "libvirt " + host.libvirtUri();
    }

    @Override
    public void close() {
        pool.shutdownNow();
        for (Map.Entry<String, HostDriver> driver : drivers.entrySet()) {
            Future<?> busy = inFlight.get(driver.getKey());
            if (busy == null || busy.isDone()) {
                driver.getValue().close(); // a connection still in use by a stuck call is left to the process's end
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "ballast-collector-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
