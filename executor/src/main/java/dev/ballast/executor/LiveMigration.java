package dev.ballast.executor;

import dev.ballast.formats.Durations;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Migration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live migration through the source's {@link HostDriver}: live, persistent on the
 * destination, undefined on the source, over the destination's migration link
 * ({@code tcp://ADDRESS}), with the run's bandwidth, parallel connections, downtime limit,
 * auto-converge and post-copy settings. The call runs on a worker thread; meanwhile the job
 * statistics are read from the source and handed to a listener. The job is aborted when it
 * exceeds the step's time limit or when the destination stops answering; libvirt then resumes
 * the VM on its source.
 */
final class LiveMigration {

    private static final Logger LOG = LoggerFactory.getLogger(LiveMigration.class);
    /** After an abort, how long the migration call may take to give up before it is left behind. */
    private static final Duration ABORT_GRACE = Duration.ofSeconds(60);

    /** Told of every job statistics reading while the migration runs, and of notable events. */
    interface Listener {
        void progress(MigrationProgress stats, Duration elapsed);

        void event(String what);
    }

    enum Result { DONE, FAILED, ABORTED }

    /**
     * How a migration ended.
     *
     * @param wallSeconds the whole step as the executor saw it: connections, the call, its statistics
     * @param callSeconds the migration call alone; 0 when it was never made
     * @param completed   the host's statistics of the completed job (time elapsed, downtime); null when it failed
     */
    record Outcome(Result result, String reason, double wallSeconds, double callSeconds, MigrationProgress completed,
            boolean postCopy) {
    }

    private final Hosts hosts;
    private final MigrationSettings settings;

    LiveMigration(Hosts hosts, MigrationSettings settings) {
        this.hosts = hosts;
        this.settings = settings;
    }

    /** Migrates the step's VM; never throws for a host failure, which is an outcome. */
    Outcome run(Migration step, String linkAddress, Listener listener) throws InterruptedException {
        long began = System.nanoTime();
        HostDriver source = hosts.driver(step.from());
        HostDriver destination = hosts.driver(step.to());
        MigrationParameters parameters = settings.parameters(MigrationParameters.linkUri(linkAddress));
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ballast-migrate-" + step.vm());
            thread.setDaemon(true);
            return thread;
        });
        try {
            long[] callNanos = new long[2];
            Future<Optional<MigrationProgress>> call = worker.submit(() -> {
                callNanos[0] = System.nanoTime();
                try {
                    return source.migrate(step.vm(), destination, parameters);
                } finally {
                    callNanos[1] = System.nanoTime();
                }
            });
            Watch watch = watch(step, call, source, destination, began, listener);
            return finish(call, watch, began, callNanos);
        } finally {
            worker.shutdownNow();
        }
    }

    /** What the watch loop decided: why it aborted the job (null: it did not), and whether it switched to post-copy. */
    private record Watch(String abortReason, boolean postCopy) {
    }

    private Watch watch(Migration step, Future<?> call, HostDriver source, HostDriver destination, long began,
            Listener listener) throws InterruptedException {
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
            readStats(step, source, listener, elapsed);
            if (abortReason != null) {
                if (System.nanoTime() - abortedAt > ABORT_GRACE.toNanos()) {
                    break;
                }
                continue;
            }
            if (elapsed.compareTo(settings.stepTimeout()) > 0) {
                abortReason = "exceeded its time limit of " + Durations.format(settings.stepTimeout());
            } else if (!answers(destination)) {
                abortReason = "destination " + step.to() + " stopped answering";
            } else if (settings.postCopyAfter() != null && !postCopy
                    && elapsed.compareTo(settings.postCopyAfter()) > 0) {
                postCopy = switchToPostCopy(step, source, listener);
                continue;
            } else {
                continue;
            }
            abortedAt = System.nanoTime();
            listener.event("aborting: " + abortReason);
            abort(source, step);
        }
        return new Watch(abortReason, postCopy);
    }

    private Outcome finish(Future<Optional<MigrationProgress>> call, Watch watch, long began, long[] callNanos)
            throws InterruptedException {
        if (!call.isDone()) {
            return new Outcome(Result.FAILED, watch.abortReason() + "; the migration call did not return within "
                    + Durations.format(ABORT_GRACE) + " of the abort", seconds(began), 0, null, watch.postCopy());
        }
        try {
            MigrationProgress completed = call.get().orElse(null);
            return new Outcome(Result.DONE, null, seconds(began), (callNanos[1] - callNanos[0]) / 1e9, completed,
                    watch.postCopy());
        } catch (ExecutionException e) {
            double wall = seconds(began);
            double callSeconds = (callNanos[1] - callNanos[0]) / 1e9;
            Throwable cause = e.getCause();
            String libvirt = cause instanceof HostException failure ? failure.detail()
                    : Preflight.message((Exception) cause);
            if (watch.abortReason() != null) {
                return new Outcome(Result.ABORTED, watch.abortReason() + " (libvirt: " + libvirt + ")", wall,
                        callSeconds, null, watch.postCopy());
            }
            return new Outcome(Result.FAILED, libvirt, wall, callSeconds, null, watch.postCopy());
        }
    }

    private static void readStats(Migration step, HostDriver source, Listener listener, Duration elapsed) {
        try {
            MigrationProgress stats = source.jobStatistics(step.vm());
            if (stats.running()) {
                listener.progress(stats, elapsed);
            }
        } catch (HostException e) {
            LOG.debug("no job statistics: {}", e.getMessage());
        }
    }

    private static boolean answers(HostDriver host) {
        try {
            host.ping();
            return true;
        } catch (HostException e) {
            return false;
        }
    }

    private static boolean switchToPostCopy(Migration step, HostDriver source, Listener listener) {
        try {
            source.startPostCopy(step.vm());
            listener.event("switched to post-copy");
            return true;
        } catch (HostException e) {
            listener.event("could not switch to post-copy: " + e.detail());
            return true; // asked once; the migration goes on in pre-copy
        }
    }

    private static void abort(HostDriver source, Migration step) {
        try {
            source.abortJob(step.vm());
        } catch (HostException e) {
            LOG.warn("aborting the migration of {}: {}", step.vm(), e.getMessage());
        }
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
