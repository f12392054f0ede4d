package dev.ballast.model;

import java.util.List;

/**
 * The output of planning: where every VM should run, the steps that get there one at a time,
 * and the figures that let an operator judge it before it runs.
 *
 * @param placement       the host of every VM after the plan
 * @param steps           the moves in the order they are to run
 * @param hostsToPowerOff active hosts left empty that can be switched off
 */
public record MigrationPlan(
        String policy,
        String score,
        Placement placement,
        List<Migration> steps,
        List<String> hostsToPowerOff,
        PlanSummary summary) {

    public MigrationPlan {
        steps = List.copyOf(steps);
        hostsToPowerOff = List.copyOf(hostsToPowerOff);
    }
}
