package dev.ballast.scheduler.goals.relieve;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.GoalSettings;
import java.util.List;

/**
 * What a policy says to the relieve goal: nothing of its own. Relieve reads only what every goal
 * reads (limits, {@code maxMigrations}, {@code cooldown}, {@code weights.migration}): the limits
 * say what must be relieved, and nothing else moves.
 */
public record RelieveSettings() implements GoalSettings {

    public static final String GOAL = "relieve";
    public static final RelieveSettings DEFAULTS = new RelieveSettings();

    static final List<String> READS = List.of();

    @Override
    public String goal() {
        return GOAL;
    }

    static RelieveSettings read(GoalFields fields) {
        return DEFAULTS;
    }
}
