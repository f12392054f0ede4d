package dev.ballast.formats;

import dev.ballast.model.GoalSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goals the scheduler has, reading what its balance and consolidate read (relieve reads
 * nothing), each setting as a number &gt;= 0 (a tolerance in (0, 1]): enough to test the generic part of reading a policy. The goals' own validation
 * is tested with the goals, in the scheduler.
 */
final class FakeGoals implements GoalSettingsReader {

    static final FakeGoals INSTANCE = new FakeGoals();

    private static final Map<String, List<String>> SETTINGS = Map.of(
            "balance", List.of("tolerance", "minImprovement.points", "weights.spread"),
            "consolidate", List.of("minImprovement.watts", "weights.hostPower", "weights.packing"),
            "relieve", List.of());

    /** The settings given, by path. */
    record Settings(String goal, Map<String, Double> given) implements GoalSettings {
    }

    @Override
    public List<String> goals() {
        return List.of("balance", "consolidate", "relieve");
    }

    @Override
    public List<String> settingsOf(String goal) {
        return SETTINGS.get(goal);
    }

    @Override
    public GoalSettings read(String goal, GoalFields fields) {
        Map<String, Double> given = new LinkedHashMap<>();
        for (String setting : SETTINGS.get(goal)) {
            if (fields.has(setting)) {
                given.put(setting, setting.startsWith("tolerance") ? fields.fraction(setting, 1) : fields.nonNegative(setting, 0));
            }
        }
        return given.containsValue(null) ? null : new Settings(goal, given);
    }
}
