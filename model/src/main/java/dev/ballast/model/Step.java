package dev.ballast.model;

/**
 * One action of a plan, run one at a time in the plan's order. Each step applies itself to a
 * cluster state, so the planner, the plan checker and the executor replay plans alike.
 */
public sealed interface Step permits VmStep, PowerStep {

    /** The word a plan file uses for this kind of step: {@code migrate}, {@code start}, {@code power-off}, {@code power-on}. */
    String action();

    /** The host the step acts on: a VM's destination, or the host switched off or on. */
    String host();

    /** Changes {@code cluster} as this step changes the real one. */
    void applyTo(ClusterChanges cluster);

    /** The step in a few words, for messages: {@code vm-007 host-01 -> host-02}, {@code power off host-03}. */
    String describe();

    /** Why the step is in the plan; null for a step whose plan does not say (a plan file written before reasons). */
    Reason reason();

    /** This step with that reason. */
    Step withReason(Reason reason);
}
