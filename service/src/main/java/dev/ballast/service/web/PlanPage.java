package dev.ballast.service.web;

import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import dev.ballast.service.store.StoredRun;
import gg.jte.Content;
import java.util.List;

/**
 * What the page of one stored plan shows: its state, its runs, the buttons its state allows, and
 * its report.
 *
 * @param report        the plan's HTML report (figures, charts, steps); null when it cannot be drawn
 * @param reportProblem why it cannot be drawn (the policy file is gone, say); null when it can
 */
public record PlanPage(StoredPlan plan, List<StoredRun> runs, Content report, String reportProblem) {

    public PlanPage {
        runs = List.copyOf(runs);
    }

    /** Recommended: it waits for an operator's word. */
    public boolean mayApprove() {
        return plan.state().mayBecome(PlanState.APPROVED);
    }

    public boolean mayReject() {
        return plan.state().mayBecome(PlanState.REJECTED);
    }

    /** Not yet running, or running and not yet asked to stop (it then stops before its next step). */
    public boolean mayCancel() {
        return plan.state().mayBecome(PlanState.CANCELLED)
                || plan.state() == PlanState.RUNNING && plan.cancelRequested() == null;
    }

    public boolean hasActions() {
        return mayApprove() || mayReject() || mayCancel();
    }
}
