package dev.ballast.executor;

import dev.ballast.formats.Durations;
import dev.ballast.model.Migration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live migration through libvirt's virDomainMigrate3: live, persistent on the destination,
 * undefined on the source, over the destination's migration link ({@code tcp://ADDRESS}), with
 * the run's bandwidth, parallel connections, downtime limit, auto-converge and post-copy
 * settings. The call runs on a worker thread; meanwhile the job statistics are read on the
 * source through a connection of its own and handed to a listener. The job is aborted when it
 * exceeds the step's time limit or when the destination stops answering; libvirt then resumes
 * the VM on its source.
 */
final class LiveMigration {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMigration.class);
    private static final int JOB_STATS_COMPLETED = 1; // VIR_DOMAIN_JOB_STATS_COMPLETED
    /** After an abort, how long the migration call may take to give up before it is left behind. */
    private static final Duration ABORT_GRACE = Duration.ofSeconds(60);

    /** Told of every job statistics reading while the migration runs, and of notable events. */
    interface Listener {
        void progress(JobStats stats, Duration elapsed);

        void event(String what);
    }

    enum Result { DONE, FAILED, ABORTED }

    /**
     * How a migration ended.
     *
     * @param wallSeconds the whole step as the executor saw it: connections, the call, its statistics
     * @param callSeconds the virDomainMigrate3 call alone; 0 when it was never made
     * @param completed   libvirt's statistics of the completed job (time elapsed, downtime); null when it failed
     */
    record Outcome(Result result, String reason, double wallSeconds, double callSeconds, JobStats completed,
            boolean postCopy) {
    }

    private final Hosts hosts;
    private final MigrationSettings settings;

    LiveMigration(Hosts hosts, MigrationSettings settings) {
        this.hosts = hosts;
        this.settings = settings;
    }

    static int flags(MigrationSettings settings) {
        int flags = Domain.MigrateFlags.LIVE | Domain.MigrateFlags.PERSIST_DEST | Domain.MigrateFlags.UNDEFINE_SOURCE;
        if (settings.autoConverge()) {
            flags |= Domain.MigrateFlags.AUTO_CONVERGE;
        }
        if (settings.postCopyAfter() != null) {
            flags |= Domain.MigrateFlags.POSTCOPY;
        }
        if (settings.parallelConnections() > 1) {
            flags |= Domain.MigrateFlags.PARALLEL;
        }
        return flags;
    }

    static TypedParameter[] parameters(MigrationSettings settings, String linkAddress) {
        List<TypedParameter> params = new ArrayList<>();
        if (linkAddress != null) {
            String host = linkAddress.contains(":") ? "[" + linkAddress + "]" : linkAddress;
            params.add(new TypedStringParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_URI, "tcp://" + host));
        }
        if (settings.bandwidthMiBps() != null) {
            params.add(new TypedUlongParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_BANDWIDTH,
                    settings.bandwidthMiBps()));
        }
        if (settings.parallelConnections() > 1) {
            params.add(new TypedIntParameter(Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS,
                    settings.parallelConnections()));
        }
        return params.toArray(new TypedParameter[0]);
    }

    /** Migrates the step's VM; never throws for a libvirt failure, which is an outcome. */
    Outcome run(Migration step, String linkAddress, Listener listener) throws InterruptedException {
        long began = System.nanoTime();
        HostConnection watchSource = null;
        HostConnection watchDestination = null;
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ballast-migrate-" + step.vm());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HostConnection source = hosts.connection(step.from());
            HostConnection destination = hosts.connection(step.to());
            Domain domain = source.domainLookupByName(step.vm());
            if (settings.maxDowntimeMs() != null) {
                domain.migrateSetMaxDowntime(settings.maxDowntimeMs());
            }
            watchSource = hosts.openNew(step.from());
            watchDestination = hosts.openNew(step.to());
            Domain watched = watchSource.domainLookupByName(step.vm());
            TypedParameter[] params = parameters(settings, linkAddress);
            int flags = flags(settings);
            LOG.info("migrating {} {} -> {} over {} (flags {}, {})", step.vm(), step.from(), step.to(),
                    linkAddress == null ? "libvirt's default address" : "tcp://" + linkAddress, flags, describe(params));
            long[] callNanos = new long[2];
            Future<Domain> call = worker.submit(() -> {
                callNanos[0] = System.nanoTime();
                try {
                    return domain.migrate(destination, params, flags);
                } finally {
                    callNanos[1] = System.nanoTime();
                }
            });
            Watch watch = watch(step, call, watched, watchSource, watchDestination, began, listener);
            return finish(step, call, watch, began, callNanos);
        } catch (LibvirtException | LibvirtFailure e) {
            hosts.drop(step.from());
            hosts.drop(step.to());
            return new Outcome(Result.FAILED, "could not start the migration: " + Preflight.message(e),
                    seconds(began), 0, null, false);
        } finally {
            worker.shutdownNow();
            if (watchSource != null) {
                Hosts.closeQuietly(watchSource);
            }
            if (watchDestination != null) {
                Hosts.closeQuietly(watchDestination);
            }
        }
    }

    /** What the watch loop decided: why it aborted the job (null: it did not), and whether it switched to post-copy. */
    private record Watch(String abortReason, boolean postCopy) {
    }

    private Watch watch(Migration step, Future<Domain> call, Domain watched, HostConnection watchSource,
            HostConnection watchDestination, long began, Listener listener) throws InterruptedException {
        String abortReason = null;
        boolean postCopy = false;
        long abortedAt = 0;
        while (!call.isDone()) {
            try {
                call.get(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException | ExecutionException e) {
                // still running, or finished with an error: looked at once the loop ends
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            readStats(watched, listener, elapsed);
            if (abortReason != null) {
                if (System.nanoTime() - abortedAt > ABORT_GRACE.toNanos()) {
                    break;
                }
                continue;
            }
            if (elapsed.compareTo(settings.stepTimeout()) > 0) {
                abortReason = "exceeded its time limit of " + Durations.format(settings.stepTimeout());
            } else if (!answers(watchDestination)) {
                abortReason = "destination " + step.to() + " stopped answering";
            } else if (settings.postCopyAfter() != null && !postCopy
                    && elapsed.compareTo(settings.postCopyAfter()) > 0) {
                postCopy = switchToPostCopy(step, watchSource, listener);
                continue;
            } else {
                continue;
            }
            abortedAt = System.nanoTime();
            listener.event("aborting: " + abortReason);
            abort(watched, step);
        }
        return new Watch(abortReason, postCopy);
    }

    private Outcome finish(Migration step, Future<Domain> call, Watch watch, long began, long[] callNanos)
            throws InterruptedException {
        if (!call.isDone()) {
            return new Outcome(Result.FAILED, watch.abortReason() + "; the migration call did not return within "
                    + Durations.format(ABORT_GRACE) + " of the abort", seconds(began), 0, null, watch.postCopy());
        }
        try {
            Domain moved = call.get();
            JobStats completed = completedStats(moved);
            return new Outcome(Result.DONE, null, seconds(began), (callNanos[1] - callNanos[0]) / 1e9, completed,
                    watch.postCopy());
        } catch (ExecutionException e) {
            double wall = seconds(began);
            double callSeconds = (callNanos[1] - callNanos[0]) / 1e9;
            hosts.drop(step.from());
            hosts.drop(step.to());
            String libvirt = Preflight.message((Exception) e.getCause());
            if (watch.abortReason() != null) {
                return new Outcome(Result.ABORTED, watch.abortReason() + " (libvirt: " + libvirt + ")", wall,
                        callSeconds, null, watch.postCopy());
            }
            return new Outcome(Result.FAILED, libvirt, wall, callSeconds, null, watch.postCopy());
        }
    }

    private static void readStats(Domain watched, Listener listener, Duration elapsed) {
        try {
            JobStats stats = JobStats.of(watched.getJobStats(0));
            if (stats.running()) {
                listener.progress(stats, elapsed);
            }
        } catch (LibvirtException e) {
            LOG.debug("no job statistics: {}", e.getMessage());
        }
    }

    private static boolean answers(HostConnection host) {
        try {
            host.ping();
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static boolean switchToPostCopy(Migration step, HostConnection watchSource, Listener listener) {
        try {
            watchSource.startPostCopy(step.vm());
            listener.event("switched to post-copy");
            return true;
        } catch (LibvirtFailure | LibvirtException e) {
            listener.event("could not switch to post-copy: " + Preflight.message(e));
            return true; // asked once; the migration goes on in pre-copy
        }
    }

    private static void abort(Domain watched, Migration step) {
        try {
            watched.abortJob();
        } catch (LibvirtException e) {
            LOG.warn("aborting the migration of {}: {}", step.vm(), e.getMessage());
        }
    }

    private static JobStats completedStats(Domain moved) {
        try {
            return JobStats.of(moved.getJobStats(JOB_STATS_COMPLETED));
        } catch (LibvirtException e) {
            LOG.debug("no completed job statistics: {}", e.getMessage());
            return null;
        }
    }

    private static String describe(TypedParameter[] params) {
        List<String> parts = new ArrayList<>();
        for (TypedParameter p : params) {
            parts.add(p.field + "=" + p.getValueAsString());
        }
        return String.join(", ", parts);
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
