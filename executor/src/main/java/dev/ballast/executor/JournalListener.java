package dev.ballast.executor;

import dev.ballast.executor.RunEvent.Measurement;
import dev.ballast.executor.RunEvent.StepEvent;
import dev.ballast.hosts.MigrationProgress;
import dev.ballast.model.Migration;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a run's events to its {@link Journal}, one JSON line each, synced before the run goes
 * on; the lines keep the shape earlier versions wrote (see docs/executor.md), so reconciliation
 * reads old and new journals alike. Progress is written every {@link #PROGRESS_EVERY} of a step,
 * not at every reading. A line that cannot be written throws, which stops the run: a step that
 * is not journaled must not run.
 */
final class JournalListener implements RunListener {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final Journal journal;
    private final Map<Integer, Duration> lastProgress = new HashMap<>();

    JournalListener(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            journal.append("run", fields("plan", started.plan(), "planSha256", started.planSha256(), "steps",
                    started.steps(), "policy", started.policy(), "dryRun", started.dryRun() ? true : null));
        } else if (event instanceof RunEvent.Reconciled reconciled) {
            boolean unresolved = reconciled.resolution() == RunEvent.Resolution.UNRESOLVED;
            Map<String, Object> fields = step(reconciled);
            fields.put("outcome", unresolved ? null : reconciled.resolution().key());
            fields.put("journaledAs", reconciled.journaledAs());
            where(fields, reconciled.where());
            fields.put("note", reconciled.note());
            journal.append(unresolved ? "unresolved" : "reconciled", fields);
        } else if (event instanceof RunEvent.StepStarted started) {
            Map<String, Object> fields = step(started);
            fields.put("migrationUri", started.migrationUri());
            journal.append("start", fields);
        } else if (event instanceof RunEvent.Progress progress) {
            progress(progress);
        } else if (event instanceof RunEvent.Note note) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", note.number());
            subject(fields, note.step());
            fields.put("note", note.note());
            journal.append("note", fields);
        } else if (event instanceof RunEvent.StepDone done) {
            journal.append("done", outcome(done, null, done.measured(), done.where()));
        } else if (event instanceof RunEvent.StepFailed failed) {
            journal.append("failed", outcome(failed, failed.reason(), failed.measured(), failed.where()));
        } else if (event instanceof RunEvent.StepAborted aborted) {
            journal.append("aborted", outcome(aborted, aborted.reason(), aborted.measured(), aborted.where()));
        } else if (event instanceof RunEvent.StepSkipped skipped) {
            Map<String, Object> fields = step(skipped);
            fields.put("reason", skipped.reason());
            journal.append("skipped", fields);
        } else if (event instanceof RunEvent.RunFinished finished) {
            RunReport report = finished.report();
            journal.append(report.outcome() == RunReport.Outcome.COMPLETED ? "finished" : report.outcome().key(),
                    fields("reason", report.reason()));
        }
    }

    private void progress(RunEvent.Progress progress) {
        Duration last = lastProgress.get(progress.number());
        if (last != null && progress.elapsed().minus(last).compareTo(PROGRESS_EVERY) < 0) {
            return;
        }
        lastProgress.put(progress.number(), progress.elapsed());
        MigrationProgress stats = progress.stats();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", progress.number());
        subject(fields, progress.step());
        fields.put("elapsedMs", stats.elapsedMs());
        fields.put("dataTotalMiB", round(stats.dataTotalMiB()));
        fields.put("dataRemainingMiB", round(stats.dataRemainingMiB()));
        fields.put("rateMiBps", round(stats.rateMiBps()));
        fields.put("dirtyRateMiBps", round(stats.dirtyRateMiBps()));
        fields.put("expectedDowntimeMs", stats.downtimeMs());
        fields.put("iteration", stats.iteration());
        journal.append("progress", fields);
    }

    private static Map<String, Object> outcome(StepEvent event, String reason, Measurement measured,
            Whereabouts where) {
        Map<String, Object> fields = step(event);
        fields.put("reason", reason);
        if (measured != null) {
            fields.put("wallSeconds", measured.wallSeconds());
            fields.put("callSeconds", measured.callSeconds());
            fields.put("libvirtSeconds", measured.libvirtSeconds());
            fields.put("downtimeMs", measured.downtimeMs());
            fields.put("dataMiB", measured.dataMiB());
            fields.put("postCopy", measured.postCopy() ? true : null);
        }
        where(fields, where);
        return fields;
    }

    /** {@code step, vm, from, to} for a VM's step (with {@code action} unless a migration); {@code step, action, host} for a power step. */
    static Map<String, Object> step(StepEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("step", event.number());
        Step step = event.step();
        if (!(step instanceof Migration)) {
            fields.put("action", step.action());
        }
        if (step instanceof VmStep vmStep) {
            fields.put("vm", vmStep.vm());
            fields.put("from", vmStep.from());
            fields.put("to", vmStep.to());
        } else {
            fields.put("host", step.host());
        }
        return fields;
    }

    private static void subject(Map<String, Object> fields, Step step) {
        if (step instanceof VmStep vmStep) {
            fields.put("vm", vmStep.vm());
        } else {
            fields.put("host", step.host());
        }
    }

    private static void where(Map<String, Object> fields, Whereabouts where) {
        if (where != null) {
            fields.put("runningOn", where.running());
            fields.put("unreachable", where.unreachable().isEmpty() ? null : where.unreachable());
        }
    }

    private static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
