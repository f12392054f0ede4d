package dev.ballast.formats;

import dev.ballast.model.GoalSettings;
import java.util.List;

/**
 * The part of reading a policy that depends on its goal: which goals there are, which settings
 * each reads, and how. The scheduler's registry of goals implements it; {@link PolicyReader}
 * reads the rest of the file and refuses a setting the chosen goal does not read.
 */
public interface GoalSettingsReader {

    /** The goals' names, as the policy file's {@code goal} spells them and errors list them. */
    List<String> goals();

    /**
     * The settings the goal reads, as paths in the policy file: {@code tolerance},
     * {@code weights.spread}, {@code minImprovement.points}. Paths of one or two levels;
     * {@code weights.migration} is every goal's and is not listed.
     */
    List<String> settingsOf(String goal);

    /**
     * Reads the goal's settings, with their defaults; null when a problem was reported through
     * {@code fields} (the file is then refused with every problem at once).
     */
    GoalSettings read(String goal, GoalFields fields);
}
