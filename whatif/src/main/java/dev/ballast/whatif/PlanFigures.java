package dev.ballast.whatif;

import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Resource;

/**
 * The figures a what-if answer shows of a plan, the same for every case so that plans compare:
 * what it costs, how long it takes, and where it leaves the load.
 */
public record PlanFigures(String policy, String score, int steps, int migrations, int newVms, double gibToMove,
        double estimatedSeconds, int hostsUsedBefore, int hostsUsedAfter, int hostsToPowerOff,
        double powerSavedWatts, double hottestCpuAfter, double hottestMemoryAfter, double cpuSpreadAfter,
        int unresolved) {

    public static PlanFigures of(MigrationPlan plan) {
        PlanSummary s = plan.summary();
        return new PlanFigures(plan.policy(), plan.score(), plan.steps().size(), s.migrations(), s.newVmsPlaced(),
                s.gibToMove(), s.estimatedSeconds(), s.hostsUsedBefore(), s.hostsUsedAfter(),
                plan.hostsToPowerOff().size(), s.powerSavedWatts(), after(s, Resource.CPU).max(),
                after(s, Resource.MEMORY).max(), after(s, Resource.CPU).stdDev(), s.unresolved().size());
    }

    private static dev.ballast.model.Utilisation after(PlanSummary summary, Resource resource) {
        PlanSummary.Change change = summary.utilisation().get(resource);
        return change == null ? new dev.ballast.model.Utilisation(0, 0, 0) : change.after();
    }
}
