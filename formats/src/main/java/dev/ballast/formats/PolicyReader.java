package dev.ballast.formats;

import dev.ballast.model.GoalSettings;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.model.PowerLimits.Reserve;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code ballast/v1 Policy} from JSON or YAML and validates it: the goal, limits in
 * (0, 1], a non-negative migration cap and migration weight, a cooldown written as a duration;
 * the goal's own settings are read by the goal (see {@link GoalSettingsReader}), and a setting
 * the chosen goal does not read is refused naming it. All problems are reported at once, each
 * with its path; see {@code docs/policy.md}.
 */
public final class PolicyReader {

    static final String KIND = "Policy";
    private static final List<String> EVERY_GOAL_READS = List.of("apiVersion", "kind", "name", "goal", "limits",
            "maxMigrations", "weights", "cooldown", "reserve", "maxPowerOffsPerRun", "powerCooldown");
    /** The one weight every goal reads. */
    private static final String MIGRATION = "migration";

    private PolicyReader() {
    }

    public static Policy read(Path file, GoalSettingsReader goals) throws InputException {
        return parse(Documents.readFile(file), file.toString(), goals);
    }

    /** @param source the name to report problems under: the file name, or e.g. {@code <built-in balance>} */
    public static Policy parse(String text, String source, GoalSettingsReader goals) throws InputException {
        return read(Document.parse(text, source), goals);
    }

    /** A policy from a file already parsed, e.g. by {@code validate}, which reads a file's kind first. */
    public static Policy read(Document document, GoalSettingsReader goals) throws InputException {
        String source = document.source();
        Problems problems = new Problems();
        NodeReader root = Documents.open(document, KIND, problems);
        List<String> anyGoalReads = anyGoalReads(goals);
        root.allowOnly(union(EVERY_GOAL_READS, topLevel(anyGoalReads)).toArray(String[]::new));
        String name = root.name("name", true);
        String goal = root.choice("goal", goals.goals().toArray(String[]::new), g -> g, null, true);
        Limits limits = limits(root.object("limits", false));
        Integer maxMigrations = root.integer("maxMigrations", null, Bound.NON_NEGATIVE, false);
        Double migrationWeight = migrationWeight(root.object("weights", false), anyGoalReads);
        Duration cooldown = root.duration("cooldown", Duration.ZERO);
        PowerLimits power = power(root);
        checkNested(root, anyGoalReads);
        GoalSettings settings = goal == null ? null : goalSettings(root, goal, goals, anyGoalReads);
        problems.throwIfAny(source);
        return new Policy(name, limits, maxMigrations, migrationWeight, cooldown, settings, power);
    }

    /** Refuses the settings other goals read, then lets the chosen goal read its own. */
    private static GoalSettings goalSettings(NodeReader root, String goal, GoalSettingsReader goals,
            List<String> anyGoalReads) {
        List<String> itReads = goals.settingsOf(goal);
        GoalFields fields = new GoalFields(root);
        for (String setting : anyGoalReads) {
            if (!itReads.contains(setting) && fields.has(setting)) {
                fields.report(setting, "not read by goal " + goal + " (it reads: " + String.join(", ", itReads)
                        + (itReads.isEmpty() ? "" : ", ") + "weights.migration)");
            }
        }
        return goals.read(goal, fields);
    }

    /** Unknown fields of the goals' nested objects ({@code minImprovement: {watt: 1}}) and their types. */
    private static void checkNested(NodeReader root, List<String> anyGoalReads) {
        for (String parent : topLevel(anyGoalReads)) {
            List<String> children = childrenOf(parent, anyGoalReads);
            if (children.isEmpty() || parent.equals("weights")) {
                continue;
            }
            NodeReader object = root.object(parent, false);
            if (object != null) {
                object.allowOnly(children.toArray(String[]::new));
            }
        }
    }

    /** What every goal reads about hosts' power: the reserve, the cap per plan, the power cooldown. */
    private static PowerLimits power(NodeReader root) {
        Reserve reserve = reserve(root.object("reserve", false));
        Integer maxPowerOffs = root.integer("maxPowerOffsPerRun", null, Bound.NON_NEGATIVE, false);
        Duration powerCooldown = root.duration("powerCooldown", Duration.ZERO);
        return reserve == null || powerCooldown == null ? null
                : new PowerLimits(reserve, maxPowerOffs, powerCooldown);
    }

    /** {@code {hosts: N}} or {@code {capacity: SHARE}}: one of the two. */
    private static Reserve reserve(NodeReader reserve) {
        if (reserve == null) {
            return Reserve.NONE;
        }
        reserve.allowOnly("hosts", "capacity");
        boolean hosts = reserve.has("hosts");
        boolean capacity = reserve.has("capacity");
        if (hosts == capacity) {
            reserve.report(hosts ? "give hosts or capacity, not both" : "give hosts (e.g. {hosts: 1}) or capacity"
                    + " (e.g. {capacity: 0.2})");
            return null;
        }
        if (hosts) {
            Integer count = reserve.integer("hosts", null, Bound.NON_NEGATIVE, true);
            return count == null ? null : Reserve.hosts(count);
        }
        Double share = reserve.decimal("capacity", null, Bound.FRACTION_OR_NONE);
        return share == null ? null : Reserve.capacity(share);
    }

    private static Double migrationWeight(NodeReader weights, List<String> anyGoalReads) {
        if (weights == null) {
            return Policy.DEFAULT_MIGRATION_WEIGHT;
        }
        weights.allowOnly(union(childrenOf("weights", anyGoalReads), List.of(MIGRATION)).toArray(String[]::new));
        return weights.decimal(MIGRATION, Policy.DEFAULT_MIGRATION_WEIGHT, Bound.NON_NEGATIVE);
    }

    private static Limits limits(NodeReader limits) {
        if (limits == null) {
            return Limits.FULL;
        }
        limits.allowOnly("cpu", "memory", "network");
        Double cpu = limits.decimal("cpu", Limits.FULL.cpu(), Bound.FRACTION);
        Double memory = limits.decimal("memory", Limits.FULL.memory(), Bound.FRACTION);
        Double network = limits.decimal("network", Limits.FULL.network(), Bound.FRACTION);
        return cpu == null || memory == null || network == null ? null : new Limits(cpu, memory, network);
    }

    /** Every setting some goal reads, in the order of the goals. */
    private static List<String> anyGoalReads(GoalSettingsReader goals) {
        Set<String> all = new LinkedHashSet<>();
        goals.goals().forEach(goal -> all.addAll(goals.settingsOf(goal)));
        return List.copyOf(all);
    }

    private static List<String> topLevel(List<String> paths) {
        return List.copyOf(paths.stream().map(p -> p.split("\\.")[0]).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    private static List<String> childrenOf(String parent, List<String> paths) {
        return paths.stream().filter(p -> p.startsWith(parent + ".")).map(p -> p.substring(parent.length() + 1))
                .toList();
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return new ArrayList<>(all);
    }
}
