package dev.ballast.scheduler.goals;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Policy;
import java.util.List;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * A goal the planner can pursue once every hard rule holds, as a plugin: its settings (what the
 * policy file may say for it, with defaults and validation) and its soft constraints. Applied to a
 * cluster it becomes an {@link Objective}, which computes once what the goal needs (balance's
 * mean and hot-spot thresholds...) and answers the planner's goal-specific questions.
 *
 * <p>Each goal is a package of {@code dev.ballast.scheduler.goals} and one line of
 * {@link Goals}; nothing outside those packages asks which goal it is. See {@code docs/goals.md}.
 */
public interface Goal {

    /** The name a policy file gives in {@code goal:}, e.g. {@code balance}. */
    String name();

    /** What the goal does, in one line, for listings. */
    String description();

    /** The settings the goal reads, as paths in the policy file ({@code tolerance}, {@code weights.spread}). */
    List<String> settings();

    /** The settings with nothing given: the defaults. */
    GoalSettings defaults();

    /**
     * Reads and validates the settings from a policy file, reporting each problem with its path;
     * null when one was reported.
     */
    GoalSettings read(GoalFields fields);

    /** The settings as {@code ballast validate} shows them, e.g. {@code tolerance 0.04}; empty parts are left out. */
    List<String> describe(GoalSettings settings);

    /**
     * The solver's constraints: the shared hard ones, the goal's soft ones and the migration
     * cost (see {@link GoalConstraints}).
     */
    Class<? extends ConstraintProvider> constraints();

    /**
     * True when the goal makes no plan while the last plan's moves are within their cooldown and
     * nothing breaks a limit or a rule: a balancer that answers its own moves moves VMs back and
     * forth. False by default.
     */
    default boolean restsWhileCooling() {
        return false;
    }

    /**
     * True when the goal may switch standby hosts on to keep the limits: when the hosts that are
     * on cannot take what must move, the planner wakes standby hosts, one at a time, rather than
     * leave a host over a limit. False by default: consolidation switches hosts off.
     */
    default boolean wakesStandbyHosts() {
        return false;
    }

    /** The goal applied to one cluster under a policy whose settings are this goal's. */
    Objective on(ClusterSnapshot snapshot, Policy policy);
}
