package dev.ballast.executor;

import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What happens in a run of a plan, as it happens: the executor emits these to its
 * {@link RunListener}s (the journal, the terminal, and later the service, metrics and reports).
 * Steps are numbered from 1 in the plan. In order: {@link RunStarted}, {@link Reconciled} for
 * the steps an earlier run left unfinished, then per step {@link StepStarted}, {@link Progress}
 * and {@link Note}s, and one outcome ({@link StepDone}, {@link StepSkipped}, {@link StepFailed},
 * {@link StepAborted}); last {@link RunFinished}.
 */
public sealed interface RunEvent {

    /** When it happened, by the executor's clock. */
    Instant at();

    /** An event of one step. */
    sealed interface StepEvent extends RunEvent
            permits Reconciled, StepStarted, Progress, Note, StepDone, StepSkipped, StepFailed, StepAborted {

        /** The step's number in the plan, from 1. */
        int number();

        Step step();
    }

    /** A run began: which plan (and its SHA-256, so that a journal is never replayed on another plan). */
    record RunStarted(Instant at, String plan, String planSha256, int steps, String policy, boolean dryRun)
            implements RunEvent {
    }

    /** How a step an earlier run left unfinished was resolved, by where its VM runs now. */
    enum Resolution {
        /** the VM is on the step's destination: done, not repeated */
        DONE,
        /** the VM is on the step's source: the step runs again */
        NOT_DONE,
        /** the VM is neither only here nor only there: the run is refused */
        UNRESOLVED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A step the journal left unfinished (started, failed or aborted), resolved by where its VM runs.
     *
     * @param journaledAs the step's last event in the journal ({@code start}, {@code failed}, {@code aborted})
     * @param note        when the step's migration was still under way: how long it was waited for, whether it
     *                    was aborted, and what was recorded; null otherwise
     */
    record Reconciled(Instant at, int number, Step step, Resolution resolution, String journaledAs,
            Whereabouts where, String note) implements StepEvent {
    }

    /** A step passed its pre-flight and starts. @param migrationUri where a migration's stream goes; null for none */
    record StepStarted(Instant at, int number, Step step, String migrationUri) implements StepEvent {
    }

    /** A running migration's job statistics. @param elapsed since the step started, by the executor's clock */
    record Progress(Instant at, int number, Step step, MigrationProgress stats, Duration elapsed)
            implements StepEvent {
    }

    /** Something worth knowing while a step runs: aborting, switched to post-copy, waiting for a host. */
    record Note(Instant at, int number, Step step, String note) implements StepEvent {
    }

    /** The step did what it says, checked on the live hosts. */
    record StepDone(Instant at, int number, Step step, Measurement measured, Whereabouts where)
            implements StepEvent {
    }

    /** The step was not run: its pre-flight failed, a step it depends on was skipped, or it is not the executor's to run. */
    record StepSkipped(Instant at, int number, Step step, String reason) implements StepEvent {
    }

    /** The step failed; the run stops. @param where where the step's VM runs now; null for a power step */
    record StepFailed(Instant at, int number, Step step, String reason, Measurement measured, Whereabouts where)
            implements StepEvent {
    }

    /** The step was aborted (time limit, destination lost); its VM stayed on its source; the run stops. */
    record StepAborted(Instant at, int number, Step step, String reason, Measurement measured, Whereabouts where)
            implements StepEvent {
    }

    /**
     * The run ended; {@code report} says how and what became of every step.
     *
     * @param reportFile    where the report was written; null when it was not (dry run, or it could not be)
     * @param reportProblem why it could not be written; null when it was or need not be
     */
    record RunFinished(Instant at, RunReport report, Path reportFile, String reportProblem) implements RunEvent {
    }

    /**
     * What a step measured.
     *
     * @param wallSeconds    the whole step as the executor saw it
     * @param callSeconds    the migration call alone; null for none
     * @param libvirtSeconds the completed job's time as the host reports it; null when unknown
     * @param downtimeMs     the guest's real pause; null when unknown
     * @param dataMiB        what the migration sent; null when unknown
     * @param postCopy       whether the migration was switched to post-copy
     */
    record Measurement(Double wallSeconds, Double callSeconds, Double libvirtSeconds, Long downtimeMs, Double dataMiB,
            boolean postCopy) {

        /** Nothing measured beyond the time. */
        public static Measurement wall(double seconds) {
            return new Measurement(StepResult.round(seconds), null, null, null, null, false);
        }
    }
}
