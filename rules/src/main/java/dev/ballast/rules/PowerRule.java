package dev.ballast.rules;

import java.util.Optional;

/**
 * One rule about switching a host off, defined once for every use: the planner asks it which of
 * the hosts its goal emptied it may switch off ({@code PowerOffChoice} in the scheduler), and
 * every replay of a plan asks it of each {@code power-off} step ({@link ClusterState#whyNotStep},
 * so {@link PlanCheck}, {@code ballast check-plan} and the executor's check against a fresh
 * snapshot). Unlike a {@link HardRule} it has no solver constraint: the solver places VMs and
 * does not switch hosts; a host its placement empties that a power rule keeps on stays on, empty.
 * Registered in {@link PowerRules#ALL}; see docs/rules.md.
 */
public interface PowerRule {

    /** The rule's name in refusals and reports, such as {@code reserve}. */
    String id();

    /** Why {@code host} may not be switched off in {@code state}, or empty when it may. */
    Optional<Violation> whyNotOff(ClusterState state, String host);
}
