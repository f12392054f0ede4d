package dev.ballast.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster once one step of a plan has run: what the plan has bought if it stops there. Each
 * figure is the one the plan's summary gives before and after the whole plan, taken after the
 * step, so that the first point follows the summary's "before" and the last equals its "after".
 *
 * @param hostsUsed  hosts holding at least one VM
 * @param hostsOff   hosts the steps so far have switched off (and not on again)
 * @param wattsSaved idle watts of the hosts holding VMs before the plan less those of the hosts
 *                   holding VMs now, as {@link PlanSummary#powerSavedWatts()}
 * @param hottest    per resource, the highest share of an active host's capacity in use, as
 *                   {@link Utilisation#max()}
 * @param spread     per resource, the standard deviation of the active hosts' shares around the
 *                   cluster's mean, as {@link Utilisation#stdDev()}: how uneven the load is
 */
public record AfterStep(int hostsUsed, int hostsOff, double wattsSaved, Shares hottest, Shares spread) {

    /**
     * The figures after each step, in order, by replaying the steps on the snapshot. In time
     * proportional to the steps and the cluster (a log factor aside), so that a plan of 50,000
     * steps is replayed in well under a second.
     */
    public static List<AfterStep> replay(ClusterSnapshot snapshot, List<? extends Step> steps) {
        RunningFigures figures = new RunningFigures(snapshot);
        List<AfterStep> after = new ArrayList<>(steps.size());
        for (Step step : steps) {
            step.applyTo(figures);
            after.add(figures.now());
        }
        return after;
    }
}
