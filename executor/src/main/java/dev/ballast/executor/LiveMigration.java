package dev.ballast.executor;

import dev.ballast.formats.Durations;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Migration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live migration through the source's {@link HostDriver}: live, persistent on the
 * destination, undefined on the source, over the destination's migration link
 * ({@code tcp://ADDRESS}), with the run's bandwidth, parallel connections, downtime limit,
 * auto-converge and post-copy settings. The call runs on a worker thread; meanwhile the job
 * statistics are read from the source and handed to a listener, every poll interval of the
 * injected clock and sleeper (no {@code System.nanoTime}, no {@code Thread.sleep}: a simulated
 * cluster's tests move time on). The job is aborted when it
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
    private final Clock clock;
    private final Sleeper sleeper;

    LiveMigration(Hosts hosts, MigrationSettings settings, Clock clock, Sleeper sleeper) {
        this.hosts = hosts;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Migrates the step's VM; never throws for a host failure, which is an outcome. */
    Outcome run(Migration step, String linkAddress, Listener listener) throws InterruptedException {
        Instant began = clock.instant();
        HostDriver source = hosts.driver(step.from());
        HostDriver destination = hosts.driver(step.to());
        MigrationParameters parameters = settings.parameters(MigrationParameters.linkUri(linkAddress));
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ballast-migrate-" + step.vm());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Instant[] call = new Instant[2];
            Future<Optional<MigrationProgress>> running = worker.submit(() -> {
                call[0] = clock.instant();
                try {
                    return source.migrate(step.vm(), destination, parameters);
                } finally {
                    call[1] = clock.instant();
                }
            });
            Watch watch = watch(step, running, source, destination, began, listener);
            return finish(running, watch, began, call);
        } finally {
            worker.shutdownNow();
        }
    }

    /** What the watch loop decided: why it aborted the job (null: it did not), and whether it switched to post-copy. */
    private record Watch(String abortReason, boolean postCopy) {
    }

    private Watch watch(Migration step, Future<?> call, HostDriver source, HostDriver destination, Instant began,
            Listener listener) throws InterruptedException {
        String abortReason = null;
        boolean postCopy = false;
        Instant abortedAt = null;
        while (!call.isDone()) {
            sleeper.await(call, settings.pollInterval());
            if (succeeded(call)) {
                break;
            }
            // Still running, or failed: a failure is looked at once more, since a destination
            // that stopped answering makes the call fail and is the reason to give.
            Duration elapsed = Duration.between(began, clock.instant());
            readStats(step, source, listener, elapsed);
            if (abortReason != null) {
                if (Duration.between(abortedAt, clock.instant()).compareTo(ABORT_GRACE) > 0) {
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
            abortedAt = clock.instant();
            listener.event("aborting: " + abortReason);
            abort(source, step);
        }
        return new Watch(abortReason, postCopy);
    }

    private Outcome finish(Future<Optional<MigrationProgress>> call, Watch watch, Instant began, Instant[] callTimes)
            throws InterruptedException {
        if (!call.isDone()) {
            return new Outcome(Result.FAILED, watch.abortReason() + "; the migration call did not return within "
                    + Durations.format(ABORT_GRACE) + " of the abort", seconds(began), 0, null, watch.postCopy());
        }
        try {
            MigrationProgress completed = call.get().orElse(null);
            return new Outcome(Result.DONE, null, seconds(began), between(callTimes), completed, watch.postCopy());
        } catch (ExecutionException e) {
            double wall = seconds(began);
            double callSeconds = between(callTimes);
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

    private static boolean succeeded(Future<?> call) {
        if (!call.isDone()) {
            return false;
        }
        try {
            call.get();
            return true;
        } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
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

    private double seconds(Instant began) {
        return Duration.between(began, clock.instant()).toNanos() / 1e9;
    }

    private static double between(Instant[] times) {
        return times[0] == null || times[1] == null ? 0 : Duration.between(times[0], times[1]).toNanos() / 1e9;
    }
}
