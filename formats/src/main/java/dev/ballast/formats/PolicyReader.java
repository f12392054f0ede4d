package dev.ballast.formats;

import dev.ballast.model.Goal;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.Tolerance;
import dev.ballast.model.Weights;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a {@code ballast/v1 Policy} from JSON or YAML and validates it: the goal, limits and
 * tolerance (one for all resources, or one per resource) in (0, 1], a non-negative migration
 * cap, a cooldown written as a duration, and non-negative weights and minimum improvement. All problems are reported at once, each with its
 * path; see {@code docs/policy.md}.
 */
public final class PolicyReader {

    static final String KIND = "Policy";

    private PolicyReader() {
    }

    public static Policy read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString());
    }

    /** @param source the name to report problems under: the file name, or e.g. {@code <built-in balance>} */
    public static Policy parse(String text, String source) throws InputException {
        return read(Document.parse(text, source));
    }

    /** A policy from a file already parsed, e.g. by {@code validate}, which reads a file's kind first. */
    public static Policy read(Document document) throws InputException {
        String source = document.source();
        Problems problems = new Problems();
        NodeReader root = Documents.open(document, KIND, problems);
        root.allowOnly("apiVersion", "kind", "name", "goal", "limits", "maxMigrations", "weights", "tolerance",
                "cooldown", "minImprovement");
        String name = root.name("name", true);
        Goal goal = root.choice("goal", Goal.values(), Goal::key, null, true);
        Limits limits = limits(root.object("limits", false));
        Integer maxMigrations = root.integer("maxMigrations", null, Bound.NON_NEGATIVE, false);
        Weights weights = weights(root.object("weights", false));
        Tolerance tolerance = tolerance(root);
        Duration cooldown = root.duration("cooldown", Duration.ZERO);
        Policy.MinImprovement minImprovement = minImprovement(root.object("minImprovement", false));
        problems.throwIfAny(source);
        return new Policy(name, goal, limits, maxMigrations, weights, tolerance, cooldown, minImprovement);
    }

    /** {@code tolerance: 0.04} for every resource, or {@code tolerance: {cpu: 0.02, memory: 0.1}}. */
    private static Tolerance tolerance(NodeReader root) {
        Tolerance defaults = Policy.DEFAULT_TOLERANCE;
        if (!root.isObject("tolerance")) {
            if (root.has("tolerance") && !root.isNumber("tolerance")) {
                return root.expected("tolerance",
                        "a number (for every resource) or an object with cpu, memory and network");
            }
            Double all = root.decimal("tolerance", defaults.cpu(), Bound.FRACTION);
            return all == null ? null : Tolerance.uniform(all);
        }
        NodeReader each = root.object("tolerance", false);
        each.allowOnly("cpu", "memory", "network");
        Double cpu = each.decimal("cpu", defaults.cpu(), Bound.FRACTION);
        Double memory = each.decimal("memory", defaults.memory(), Bound.FRACTION);
        Double network = each.decimal("network", defaults.network(), Bound.FRACTION);
        return cpu == null || memory == null || network == null ? null : new Tolerance(cpu, memory, network);
    }

    private static Policy.MinImprovement minImprovement(NodeReader least) {
        if (least == null) {
            return Policy.MinImprovement.NONE;
        }
        least.allowOnly("watts", "points");
        Double watts = least.decimal("watts", 0.0, Bound.NON_NEGATIVE);
        Double points = least.decimal("points", 0.0, Bound.NON_NEGATIVE);
        return watts == null || points == null ? null : new Policy.MinImprovement(watts, points);
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

    private static Weights weights(NodeReader weights) {
        Weights defaults = Weights.DEFAULT;
        if (weights == null) {
            return defaults;
        }
        weights.allowOnly("hostPower", "packing", "spread", "migration");
        Double hostPower = weights.decimal("hostPower", defaults.hostPower(), Bound.NON_NEGATIVE);
        Double packing = weights.decimal("packing", defaults.packing(), Bound.NON_NEGATIVE);
        Double spread = weights.decimal("spread", defaults.spread(), Bound.NON_NEGATIVE);
        Double migration = weights.decimal("migration", defaults.migration(), Bound.NON_NEGATIVE);
        return hostPower == null || packing == null || spread == null || migration == null
                ? null : new Weights(hostPower, packing, spread, migration);
    }
}
