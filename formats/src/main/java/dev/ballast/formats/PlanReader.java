package dev.ballast.formats;

import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code ballast/v1 MigrationPlan} as {@link PlanWriter} writes it, validating its
 * shape with the same path-naming problems as the other readers. It checks the file, not the
 * plan: whether the steps are feasible against a snapshot is for the plan checker to say.
 */
public final class PlanReader {

    private static final String[] SUMMARY_FIELDS = {
        "hostsUsedBefore", "hostsUsedAfter", "powerOnBeforeWatts", "powerOnAfterWatts", "powerSavedWatts",
        "migrations", "newVmsPlaced", "gibToMove", "utilisation"};

    private PlanReader() {
    }

    public static MigrationPlan read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString());
    }

    public static MigrationPlan parse(String text, String source) throws InputException {
        Problems problems = new Problems();
        NodeReader root = Documents.open(text, source, PlanWriter.KIND, problems);
        root.allowOnly("apiVersion", "kind", "policy", "score", "placement", "steps", "hostsToPowerOff", "summary");
        String policy = root.requiredText("policy");
        String score = root.text("score");
        Map<String, String> placement = root.textMap("placement", true);
        List<Migration> steps = steps(root, problems);
        List<String> powerOff = root.texts("hostsToPowerOff", false);
        PlanSummary summary = summary(root.object("summary", false));
        problems.throwIfAny(source);
        return new MigrationPlan(policy, score, new Placement(placement), steps, powerOff, summary);
    }

    private static List<Migration> steps(NodeReader root, Problems problems) {
        List<Migration> steps = new ArrayList<>();
        for (NodeReader step : root.objects("steps", true)) {
            int mark = problems.count();
            step.allowOnly("vm", "from", "to");
            Migration migration = new Migration(step.requiredText("vm"), step.text("from"), step.requiredText("to"));
            if (!problems.addedSince(mark)) {
                steps.add(migration);
            }
        }
        return steps;
    }

    /** Null when absent: the summary is for people, and the checker recomputes it. */
    private static PlanSummary summary(NodeReader summary) {
        if (summary == null) {
            return null;
        }
        summary.allowOnly(SUMMARY_FIELDS);
        Integer usedBefore = summary.integer("hostsUsedBefore", null, Bound.NON_NEGATIVE, true);
        Integer usedAfter = summary.integer("hostsUsedAfter", null, Bound.NON_NEGATIVE, true);
        Double powerBefore = summary.requiredDecimal("powerOnBeforeWatts", Bound.NON_NEGATIVE);
        Double powerAfter = summary.requiredDecimal("powerOnAfterWatts", Bound.NON_NEGATIVE);
        // Negative when a plan powers on more than it frees, e.g. to place new VMs.
        Double powerSaved = summary.requiredDecimal("powerSavedWatts", Bound.ANY);
        Integer migrations = summary.integer("migrations", null, Bound.NON_NEGATIVE, true);
        Integer newVms = summary.integer("newVmsPlaced", null, Bound.NON_NEGATIVE, true);
        Double gibToMove = summary.requiredDecimal("gibToMove", Bound.NON_NEGATIVE);
        Map<Resource, PlanSummary.Change> utilisation = utilisation(summary.object("utilisation", true));
        if (anyNull(usedBefore, usedAfter, powerBefore, powerAfter, powerSaved, migrations, newVms, gibToMove,
                utilisation)) {
            return null;
        }
        return new PlanSummary(usedBefore, usedAfter, powerBefore, powerAfter, powerSaved, utilisation,
                migrations, newVms, gibToMove);
    }

    private static Map<Resource, PlanSummary.Change> utilisation(NodeReader utilisation) {
        if (utilisation == null) {
            return null;
        }
        utilisation.allowOnly(keys());
        Map<Resource, PlanSummary.Change> changes = new EnumMap<>(Resource.class);
        for (Resource resource : Resource.values()) {
            NodeReader change = utilisation.object(resource.key(), true);
            if (change != null) {
                change.allowOnly("before", "after");
                Utilisation before = utilisationFigures(change.object("before", true));
                Utilisation after = utilisationFigures(change.object("after", true));
                if (before != null && after != null) {
                    changes.put(resource, new PlanSummary.Change(before, after));
                }
            }
        }
        return changes.size() == Resource.values().length ? changes : null;
    }

    private static Utilisation utilisationFigures(NodeReader figures) {
        if (figures == null) {
            return null;
        }
        figures.allowOnly("max", "mean", "stdDev");
        Double max = figures.requiredDecimal("max", Bound.NON_NEGATIVE);
        Double mean = figures.requiredDecimal("mean", Bound.NON_NEGATIVE);
        Double stdDev = figures.requiredDecimal("stdDev", Bound.NON_NEGATIVE);
        return anyNull(max, mean, stdDev) ? null : new Utilisation(max, mean, stdDev);
    }

    private static String[] keys() {
        return Arrays.stream(Resource.values()).map(Resource::key).toArray(String[]::new);
    }

    private static boolean anyNull(Object... values) {
        for (Object value : values) {
            if (value == null) {
                return true;
            }
        }
        return false;
    }
}
