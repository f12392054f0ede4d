package dev.ballast.model;

import java.util.List;

/**
 * The output of planning: where every VM should run, the steps that get there one at a time,
 * and the figures that let an operator judge it before it runs.
 *
 * @param placement the host of every VM after the plan
 * @param steps     the steps in the order they are to run: migrations and starts first, then the
 *                  hosts the plan empties switched off
 */
public record MigrationPlan(
        String policy,
        String score,
        Placement placement,
        List<Step> steps,
        PlanSummary summary) {

    public MigrationPlan {
        steps = List.copyOf(steps);
    }

    /** The steps that migrate or start a VM, in order. */
    public List<VmStep> vmSteps() {
        return steps.stream().filter(VmStep.class::isInstance).map(VmStep.class::cast).toList();
    }

    /** The live migrations, in order. */
    public List<Migration> migrations() {
        return steps.stream().filter(Migration.class::isInstance).map(Migration.class::cast).toList();
    }

    /** The hosts the plan switches off, in order. */
    public List<String> hostsToPowerOff() {
        return steps.stream().filter(PowerOff.class::isInstance).map(Step::host).toList();
    }
}
