package dev.ballast.scheduler.goals;

import dev.ballast.formats.GoalFields;
import dev.ballast.formats.GoalSettingsReader;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.balance.BalanceGoal;
import dev.ballast.scheduler.goals.consolidate.ConsolidateGoal;
import dev.ballast.scheduler.goals.relieve.RelieveGoal;
import java.util.List;

/**
 * The registry of goals: one line per goal, no classpath scanning. It also reads each goal's
 * settings from a policy file, for {@code PolicyReader} and the policies' lookup.
 */
public final class Goals implements GoalSettingsReader {

    private static final Goals REGISTRY = new Goals(List.of(
            new BalanceGoal(),
            new ConsolidateGoal(),
            new RelieveGoal()));

    private final List<Goal> goals;

    private Goals(List<Goal> goals) {
        this.goals = List.copyOf(goals);
    }

    /** The goals Ballast knows. */
    public static Goals registry() {
        return REGISTRY;
    }

    public List<Goal> all() {
        return goals;
    }

    /** @throws IllegalArgumentException naming the known goals when none has this name */
    public Goal named(String name) {
        return goals.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no goal named \"" + name + "\" (known: "
                        + String.join(", ", goals()) + ")"));
    }

    /** The goal of a policy. */
    public Goal of(Policy policy) {
        return named(policy.goalName());
    }

    @Override
    public List<String> goals() {
        return goals.stream().map(Goal::name).toList();
    }

    @Override
    public List<String> settingsOf(String goal) {
        return named(goal).settings();
    }

    @Override
    public GoalSettings read(String goal, GoalFields fields) {
        return named(goal).read(fields);
    }
}
