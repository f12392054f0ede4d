package dev.ballast.formats;

import dev.ballast.model.AfterStep;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Figure;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.PowerStep;
import dev.ballast.model.Reason;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
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
 *
 * <p>A step's {@code action} is {@code migrate} (the default), {@code start}, {@code power-off} or
 * {@code power-on}; a step without action whose {@code from} is null is a start, and a
 * {@code hostsToPowerOff} list becomes power-off steps at the end, so plans written before typed
 * steps read unchanged.
 *
 * <p>A step's estimate is all or nothing: {@code estimatedSeconds}, {@code estimatedDowntimeMs}
 * and {@code preCopyRounds} together, or none of them. The summary's {@code estimatedSeconds},
 * {@code detours}, {@code dropped} and {@code unresolved} may be left out (0, 0, none, none), as
 * plans written before they existed do; so may a step's {@code reason} and {@code terms} and the
 * summary's {@code afterEachStep}, whose lists, when given, have one entry per step.
 */
public final class PlanReader {

    private static final String[] SUMMARY_FIELDS = {
        "hostsUsedBefore", "hostsUsedAfter", "powerOnBeforeWatts", "powerOnAfterWatts", "powerSavedWatts",
        "migrations", "newVmsPlaced", "gibToMove", "estimatedSeconds", "detours", "utilisation", "dropped", "efficacy",
        "unresolved", "afterEachStep"};
    private static final String[] TERM_FIELDS = {
        "kind", "host", "resource", "before", "after", "limit", "mean", "state", "vm", "vms", "watts", "step"};
    private static final String[] ESTIMATE_FIELDS = {"estimatedSeconds", "estimatedDowntimeMs", "preCopyRounds", "converges"};

    private static final String[] ACTIONS = {Migration.ACTION, StartVm.ACTION, PowerOff.ACTION, PowerOn.ACTION};

    private PlanReader() {
    }

    public static MigrationPlan read(Path file) throws InputException {
        return parse(Documents.readFile(file), file.toString());
    }

    public static MigrationPlan parse(String text, String source) throws InputException {
        Problems problems = new Problems();
        NodeReader root = Documents.open(text, source, PlanWriter.KIND, problems);
        root.allowOnly("apiVersion", "kind", "policy", "score", "placement", "steps", "hostsToPowerOff", "summary");
        String policy = root.name("policy", true);
        String score = root.text("score");
        Map<String, String> placement = root.nameMap("placement", true);
        int stepEntries = root.objects("steps", false).size();
        List<Step> steps = steps(root, problems);
        // Plans written before power steps existed list the hosts to switch off apart.
        for (String host : root.names("hostsToPowerOff", false)) {
            if (host != null && steps.stream().noneMatch(s -> s instanceof PowerOff && s.host().equals(host))) {
                steps.add(new PowerOff(host));
            }
        }
        PlanSummary summary = summary(root.object("summary", false), stepEntries);
        problems.throwIfAny(source);
        return new MigrationPlan(policy, score, new Placement(placement), steps, summary);
    }

    private static List<Step> steps(NodeReader root, Problems problems) {
        List<Step> steps = new ArrayList<>();
        for (NodeReader step : root.objects("steps", true)) {
            int mark = problems.count();
            String action = step.choice("action", ACTIONS, a -> a, null, false);
            Step read = action == null && !problems.addedSince(mark) ? vmStep(step, null)
                    : action == null ? null
                    : switch (action) {
                        case PowerOff.ACTION, PowerOn.ACTION -> powerStep(step, action);
                        default -> vmStep(step, action);
                    };
            Reason reason = reason(step);
            if (read != null && !problems.addedSince(mark)) {
                steps.add(reason == null ? read : read.withReason(reason));
            }
        }
        return steps;
    }

    /** A migration, or a start: {@code action: start}, or a step without action whose {@code from} is null. */
    private static VmStep vmStep(NodeReader step, String action) {
        step.allowOnly("action", "vm", "from", "to", "detour", "estimatedSeconds", "estimatedDowntimeMs",
                "preCopyRounds", "converges", "reason", "terms");
        String vm = step.name("vm", true);
        String from = step.name("from", false);
        String to = step.name("to", true);
        boolean start = StartVm.ACTION.equals(action) || action == null && !step.has("from");
        if (start) {
            if (from != null) {
                step.report("from", "a start has no source host; got " + from);
            }
            return vm == null || to == null || step.has("from") ? null : new StartVm(vm, to);
        }
        if (from == null && !step.has("from")) {
            step.report("from", "a migration needs its source host; write action: start for a new VM");
        }
        Boolean detour = step.flag("detour", false);
        MigrationEstimate estimate = estimate(step);
        return anyNull(vm, from, to, detour) ? null : new Migration(vm, from, to, detour, estimate);
    }

    private static PowerStep powerStep(NodeReader step, String action) {
        step.allowOnly("action", "host", "reason", "terms");
        String host = step.name("host", true);
        if (host == null) {
            return null;
        }
        return PowerOff.ACTION.equals(action) ? new PowerOff(host) : new PowerOn(host);
    }

    /** The step's reason; null when it gives none (a plan written before reasons), or a wrong one (reported). */
    private static Reason reason(NodeReader step) {
        String text = step.text("reason");
        List<Term> terms = new ArrayList<>();
        boolean wrong = false;
        for (NodeReader term : step.objects("terms", false)) {
            Term read = term(term);
            wrong |= read == null;
            terms.add(read);
        }
        if (text == null && step.has("terms")) {
            step.report("reason", "required with terms: the words they stand for");
        }
        return text == null || wrong ? null : new Reason(text, terms);
    }

    /** One term; which fields its kind sets is not checked, only what each field holds. */
    private static Term term(NodeReader term) {
        term.allowOnly(TERM_FIELDS);
        Term.Kind kind = term.choice("kind", Term.Kind.values(), Term.Kind::key, null, true);
        String host = term.name("host", false);
        Resource resource = term.choice("resource", Resource.values(), Resource::key, null, false);
        Double before = term.decimal("before", null, Bound.ANY);
        Double after = term.decimal("after", null, Bound.ANY);
        Double limit = term.decimal("limit", null, Bound.NON_NEGATIVE);
        Double mean = term.decimal("mean", null, Bound.NON_NEGATIVE);
        HostState state = term.choice("state", HostState.values(), HostState::key, null, false);
        String vm = term.name("vm", false);
        Integer vms = term.integer("vms", null, Bound.nonNegativeUpTo(Bound.MAX_COUNT), false);
        Double watts = term.decimal("watts", null, Bound.nonNegativeUpTo(Bound.MAX_WATTS));
        Integer step = term.integer("step", null, Bound.positiveUpTo(Integer.MAX_VALUE), false);
        boolean wrong = kind == null || anyNull(host) && term.has("host") || anyNull(resource) && term.has("resource")
                || anyNull(before) && term.has("before") || anyNull(after) && term.has("after")
                || anyNull(limit) && term.has("limit") || anyNull(mean) && term.has("mean")
                || anyNull(state) && term.has("state") || anyNull(vm) && term.has("vm")
                || anyNull(vms) && term.has("vms") || anyNull(watts) && term.has("watts")
                || anyNull(step) && term.has("step");
        return wrong ? null : new Term(kind, host, resource, before, after, limit, mean, state, vm, vms, watts, step);
    }

    /** Null when the step gives no estimate, or a wrong one (after reporting it). */
    private static MigrationEstimate estimate(NodeReader step) {
        if (Arrays.stream(ESTIMATE_FIELDS).noneMatch(step::has)) {
            return null;
        }
        Double seconds = step.requiredDecimal("estimatedSeconds", Bound.nonNegativeUpTo(Bound.MAX_SECONDS));
        Double downtimeMs = step.requiredDecimal("estimatedDowntimeMs", Bound.nonNegativeUpTo(Bound.MAX_SECONDS * 1000));
        Integer rounds = step.integer("preCopyRounds", null, Bound.positiveUpTo(Bound.MAX_COUNT), true);
        Boolean converges = step.flag("converges", true);
        return anyNull(seconds, downtimeMs, rounds, converges) ? null
                : new MigrationEstimate(seconds, downtimeMs, rounds, converges);
    }

    /** Null when absent: the summary is for people, and the checker recomputes it. */
    private static PlanSummary summary(NodeReader summary, int steps) {
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
        Double seconds = summary.decimal("estimatedSeconds", 0.0, Bound.NON_NEGATIVE);
        Integer detours = summary.integer("detours", 0, Bound.NON_NEGATIVE, false);
        Map<Resource, PlanSummary.Change> utilisation = utilisation(summary.object("utilisation", true));
        List<DroppedMove> dropped = dropped(summary);
        if (anyNull(usedBefore, usedAfter, powerBefore, powerAfter, powerSaved, migrations, newVms, gibToMove,
                seconds, detours, utilisation, dropped)) {
            return null;
        }
        List<Figure> efficacy = efficacy(summary);
        List<Unresolved> unresolved = unresolved(summary);
        List<AfterStep> afterEachStep = afterEachStep(summary.object("afterEachStep", false), steps);
        return anyNull(efficacy, unresolved, afterEachStep) ? null : new PlanSummary(usedBefore, usedAfter,
                powerBefore, powerAfter, powerSaved, utilisation, migrations, newVms, gibToMove, seconds, detours,
                dropped, efficacy, unresolved, afterEachStep);
    }

    /** The breaches the plan leaves, none when absent; null when an entry is wrong (after reporting it). */
    private static List<Unresolved> unresolved(NodeReader summary) {
        List<Unresolved> left = new ArrayList<>();
        boolean wrong = false;
        for (NodeReader entry : summary.objects("unresolved", false)) {
            entry.allowOnly("rule", "where", "why");
            String rule = entry.name("rule", true);
            String where = entry.requiredText("where");
            String why = entry.requiredText("why");
            wrong |= anyNull(rule, where, why);
            left.add(new Unresolved(rule, where, why));
        }
        return wrong ? null : left;
    }

    /**
     * The figures after each step, none when absent (plans written before them); null when a list
     * is wrong or does not have one entry per step (after reporting it).
     */
    private static List<AfterStep> afterEachStep(NodeReader figures, int steps) {
        if (figures == null) {
            return List.of();
        }
        figures.allowOnly("hostsUsed", "hostsOff", "wattsSaved", "hottest", "spread");
        List<Double> used = perStep(figures, "hostsUsed", Bound.NON_NEGATIVE, steps);
        List<Double> off = perStep(figures, "hostsOff", Bound.NON_NEGATIVE, steps);
        List<Double> watts = perStep(figures, "wattsSaved", Bound.ANY, steps);
        List<List<Double>> hottest = perResource(figures.object("hottest", true), steps);
        List<List<Double>> spread = perResource(figures.object("spread", true), steps);
        if (anyNull(used, off, watts, hottest, spread)) {
            return null;
        }
        List<AfterStep> points = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            points.add(new AfterStep(used.get(i).intValue(), off.get(i).intValue(), watts.get(i),
                    shares(hottest, i), shares(spread, i)));
        }
        return points;
    }

    /** Per resource in {@link Resource} order, a list of one share per step; null when one is wrong. */
    private static List<List<Double>> perResource(NodeReader figures, int steps) {
        if (figures == null) {
            return null;
        }
        figures.allowOnly(keys());
        List<List<Double>> lists = new ArrayList<>();
        for (Resource resource : Resource.values()) {
            lists.add(perStep(figures, resource.key(), Bound.NON_NEGATIVE, steps));
        }
        return lists.contains(null) ? null : lists;
    }

    /** A list of one number per step; null when an entry is wrong or the count is not the steps'. */
    private static List<Double> perStep(NodeReader figures, String field, Bound bound, int steps) {
        if (!figures.has(field)) {
            figures.report(field, "required");
            return null;
        }
        List<Double> values = figures.decimals(field, true, bound);
        if (values.size() != steps) {
            figures.report(field, "has " + values.size() + " entries, one per step is " + steps);
            return null;
        }
        return values.contains(null) ? null : values;
    }

    private static Shares shares(List<List<Double>> perResource, int step) {
        return new Shares(perResource.get(0).get(step), perResource.get(1).get(step), perResource.get(2).get(step));
    }

    /** The goal's figures, none when absent; null when an entry is wrong (after reporting it). */
    private static List<Figure> efficacy(NodeReader summary) {
        List<Figure> figures = new ArrayList<>();
        boolean wrong = false;
        for (NodeReader figure : summary.objects("efficacy", false)) {
            figure.allowOnly("name", "value", "unit");
            String name = figure.requiredText("name");
            Double value = figure.requiredDecimal("value", Bound.ANY);
            String unit = figure.text("unit");
            wrong |= anyNull(name, value);
            if (!anyNull(name, value)) {
                figures.add(new Figure(name, value, unit == null ? "" : unit));
            }
        }
        return wrong ? null : figures;
    }

    /** Null when an entry is wrong (after reporting it), so no summary is built from half a list. */
    private static List<DroppedMove> dropped(NodeReader summary) {
        List<DroppedMove> dropped = new ArrayList<>();
        boolean wrong = false;
        for (NodeReader move : summary.objects("dropped", false)) {
            move.allowOnly("vm", "from", "to", "reason");
            String vm = move.name("vm", true);
            String from = move.name("from", false);
            String to = move.name("to", true);
            String reason = move.requiredText("reason");
            wrong |= anyNull(vm, to, reason) || from == null && move.has("from");
            dropped.add(new DroppedMove(vm, from, to, reason));
        }
        return wrong ? null : dropped;
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
