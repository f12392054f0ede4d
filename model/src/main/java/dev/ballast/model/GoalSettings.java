package dev.ballast.model;

/**
 * The settings a policy gives its goal: what the goal alone reads (balance's tolerance, the
 * weight of host power when consolidating...). Each goal of the scheduler defines its own record;
 * the model only knows which goal the settings are for.
 */
public interface GoalSettings {

    /** The goal's name as the policy file spells it, e.g. {@code balance}. */
    String goal();
}
