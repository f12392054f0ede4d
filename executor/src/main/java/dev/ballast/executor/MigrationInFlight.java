package dev.ballast.executor;

import dev.ballast.formats.Durations;
import dev.ballast.hosts.HostDriver;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.VmStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out a migration that an earlier run started and never saw end, before its step is
 * reconciled. A run whose service hung (stopped, paused) rather than died leaves its migration
 * going on in libvirt; a step resolved by where its VM is while that job still runs would be
 * recorded not done and then move anyway.
 *
 * <p>So: while the step's source reports a job of the VM, it asks again every poll interval,
 * until the job ends or has run for the step's time limit ({@link MigrationSettings#stepTimeout},
 * counted from the job's start as the source reports it: the limit the earlier run would have
 * kept); past it, the job is aborted (libvirt resumes the VM on its source) and the abort is given
 * {@link #ABORT_GRACE} to land. Limits: a source that does not answer is taken to have no job
 * (the VM's whereabouts then say it is unreachable); a job that outlives its abort is left to a
 * person.
 */
final class MigrationInFlight {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationInFlight.class);

    /** After an abort, how long the job may take to end (as {@link LiveMigration}'s own abort). */
    static final Duration ABORT_GRACE = Duration.ofSeconds(60);

    // Awaited like a step's migration call, which never comes here: the simulated cluster's
    // migration, on a thread of its own, then sees each tick before the next look.
    private static final Future<?> NOTHING = new CompletableFuture<>();

    /**
     * What became of a migration found under way.
     *
     * @param note          what was found and done, in the operator's words
     * @param stillUnderWay the job did not end even after its abort: where the VM ends up is not known
     */
    record Settled(String note, boolean stillUnderWay) {
    }

    private final Hosts hosts;
    private final MigrationSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    MigrationInFlight(Hosts hosts, MigrationSettings settings, Clock clock, Sleeper sleeper) {
        this.hosts = hosts;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Empty when the step's source has no job of its VM now; otherwise once the job is over (or left). */
    Optional<Settled> settle(VmStep step) throws InterruptedException {
        if (step.from() == null || hosts.config(step.from()).isEmpty()) {
            return Optional.empty();
        }
        HostDriver source = hosts.driver(step.from());
        Optional<MigrationProgress> job = ask(source, step.vm());
        if (job.isEmpty() || !job.get().underWay()) {
            return Optional.empty();
        }
        Instant seen = clock.instant();
        Duration ranBefore = job.get().elapsedMs() < 0 ? Duration.ZERO : Duration.ofMillis(job.get().elapsedMs());
        String found = step.describe() + " was still migrating when this run began";
        LOG.info("{}: waiting for its job on {} to end, at most until it has run {}", found, step.from(),
                Durations.format(settings.stepTimeout()));
        if (waitForEnd(source, step.vm(), seen.plus(settings.stepTimeout().minus(ranBefore)))) {
            return Optional.of(new Settled(found + ": waited " + since(seen) + ", it ended", false));
        }
        String waited = found + ": waited " + since(seen) + ", past the step's time limit of "
                + Durations.format(settings.stepTimeout()) + "; " + abort(source, step.vm());
        boolean ended = waitForEnd(source, step.vm(), clock.instant().plus(ABORT_GRACE));
        return Optional.of(ended ? new Settled(waited + ", it ended", false)
                : new Settled(waited + ", and it was still under way " + Durations.format(ABORT_GRACE) + " later",
                        true));
    }

    /** Whether the job ended before {@code deadline}, asking every poll interval. */
    private boolean waitForEnd(HostDriver source, String vm, Instant deadline) throws InterruptedException {
        while (clock.instant().isBefore(deadline)) {
            Duration left = Duration.between(clock.instant(), deadline);
            sleeper.await(NOTHING, left.compareTo(settings.pollInterval()) < 0 ? left : settings.pollInterval());
            Optional<MigrationProgress> job = ask(source, vm);
            if (job.isPresent() && !job.get().underWay()) {
                return true;
            }
        }
        return false;
    }

    /** The VM's job on the source; empty when the source does not answer. */
    private static Optional<MigrationProgress> ask(HostDriver source, String vm) {
        try {
            return Optional.of(source.jobStatistics(vm));
        } catch (HostException e) {
            if (e.code() == HostException.NO_DOMAIN) {
                return Optional.of(MigrationProgress.NONE); // undefined on the source: its migration is over
            }
            return Optional.empty();
        }
    }

    private static String abort(HostDriver source, String vm) {
        try {
            source.abortJob(vm);
            return "aborted it";
        } catch (HostException e) {
            return "could not abort it (" + e.detail() + ")";
        }
    }

    private String since(Instant from) {
        double seconds = Duration.between(from, clock.instant()).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
