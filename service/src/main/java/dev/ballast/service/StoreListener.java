package dev.ballast.service;

import dev.ballast.executor.RunEvent;
import dev.ballast.executor.RunListener;
import dev.ballast.service.store.PlanStore;
import dev.ballast.service.store.StoredEvent;
import java.util.Locale;

/**
 * Keeps a run's events in the store, one line each, for {@code GET /api/v1/plans/{id}/events}.
 * Progress reports are left out: the journal has them, and a migration sends one every half second.
 */
final class StoreListener implements RunListener {

    private final PlanStore store;
    private final long run;

    StoreListener(PlanStore store, long run) {
        this.store = store;
        this.run = run;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            add(event, "run-started", null, started.steps() + " steps, policy " + started.policy());
        } else if (event instanceof RunEvent.StepStarted started) {
            add(event, "step-started", started.number(), started.step().describe());
        } else if (event instanceof RunEvent.Note note) {
            add(event, "note", note.number(), note.note());
        } else if (event instanceof RunEvent.StepDone done) {
            Double wall = done.measured() == null ? null : done.measured().wallSeconds();
            add(event, "step-done", done.number(), done.step().describe()
                    + (wall == null ? "" : String.format(Locale.ROOT, " in %.1f s", wall)));
        } else if (event instanceof RunEvent.StepSkipped skipped) {
            add(event, "step-skipped", skipped.number(), skipped.reason());
        } else if (event instanceof RunEvent.StepFailed failed) {
            add(event, "step-failed", failed.number(), failed.reason());
        } else if (event instanceof RunEvent.StepAborted aborted) {
            add(event, "step-aborted", aborted.number(), aborted.reason());
        } else if (event instanceof RunEvent.Reconciled reconciled) {
            add(event, "reconciled", reconciled.number(), "left unfinished by an earlier run: "
                    + reconciled.resolution().key() + (reconciled.note() == null ? "" : ": " + reconciled.note()));
        } else if (event instanceof RunEvent.RunFinished finished) {
            add(event, "run-finished", null, finished.report().outcome().key());
        }
    }

    private void add(RunEvent event, String kind, Integer step, String message) {
        store.addEvent(new StoredEvent(run, event.at(), kind, step, message));
    }
}
