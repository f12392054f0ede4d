package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.AfterStep;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Figure;
import dev.ballast.model.Migration;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import dev.ballast.model.Utilisation;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a plan as pretty-printed {@code ballast/v1 MigrationPlan} JSON, in a fixed field order
 * so that plans diff well. Figures are rounded for people: fractions to 4 decimals, watts, GiB
 * and seconds to 1, downtime to whole milliseconds. Flags are written only when they say
 * something unusual ({@code detour: true}, {@code converges: false}), a reason's terms only with
 * the fields their kind sets. {@link PlanReader} reads it back; see {@code docs/plan.md}.
 */
public final class PlanWriter {

    static final String KIND = "MigrationPlan";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int FRACTION_DECIMALS = 4;
    private static final int WATT_DECIMALS = 1;
    private static final int GIB_DECIMALS = 1;
    private static final int SECOND_DECIMALS = 1;
    private static final int FIGURE_DECIMALS = 2;

    private PlanWriter() {
    }

    public static String toJson(MigrationPlan plan) {
        try {
            return Mappers.PRETTY_JSON.writeValueAsString(tree(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    private static ObjectNode tree(MigrationPlan plan) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Documents.API_VERSION);
        root.put("kind", KIND);
        root.put("policy", plan.policy());
        root.put("score", plan.score());
        ObjectNode placement = root.putObject("placement");
        plan.placement().hostOfVm().forEach(placement::put);
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(step -> steps.add(step(step)));
        root.set("summary", plan.summary() == null ? NODES.nullNode() : summary(plan.summary()));
        return root;
    }

    private static ObjectNode step(Step step) {
        ObjectNode node = NODES.objectNode();
        node.put("action", step.action());
        if (step instanceof Migration move) {
            node.put("vm", move.vm());
            node.put("from", move.from());
            node.put("to", move.to());
            if (move.detour()) {
                node.put("detour", true);
            }
            if (move.estimate() != null) {
                estimate(node, move.estimate());
            }
        } else if (step instanceof StartVm start) {
            node.put("vm", start.vm());
            node.put("to", start.to());
        } else {
            node.put("host", step.host());
        }
        if (step.reason() != null) {
            node.put("reason", step.reason().text());
            ArrayNode terms = node.putArray("terms");
            step.reason().terms().forEach(term -> terms.add(term(term)));
        }
        return node;
    }

    /** A term with only the fields its kind sets, in a fixed order. */
    private static ObjectNode term(Term term) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", term.kind().key());
        putIfSet(node, "host", term.host());
        putIfSet(node, "resource", term.resource() == null ? null : term.resource().key());
        // The goal's measure is in the goal's unit, not a share: it keeps its figures.
        int decimals = term.kind() == Term.Kind.GOAL ? FIGURE_DECIMALS + 2 : FRACTION_DECIMALS;
        putIfSet(node, "before", term.before(), decimals);
        putIfSet(node, "after", term.after(), decimals);
        putIfSet(node, "limit", term.limit(), FRACTION_DECIMALS);
        putIfSet(node, "mean", term.mean(), FRACTION_DECIMALS);
        putIfSet(node, "state", term.state() == null ? null : term.state().key());
        putIfSet(node, "vm", term.vm());
        if (term.vms() != null) {
            node.put("vms", term.vms());
        }
        putIfSet(node, "watts", term.watts(), WATT_DECIMALS);
        if (term.step() != null) {
            node.put("step", term.step());
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putIfSet(ObjectNode node, String field, Double value, int decimals) {
        if (value != null) {
            node.put(field, Numbers.round(value, decimals));
        }
    }

    private static void estimate(ObjectNode node, MigrationEstimate estimate) {
        node.put("estimatedSeconds", Numbers.round(estimate.seconds(), SECOND_DECIMALS));
        node.put("estimatedDowntimeMs", Math.round(estimate.downtimeMs()));
        node.put("preCopyRounds", estimate.rounds());
        if (!estimate.converges()) {
            node.put("converges", false);
        }
    }

    private static ObjectNode summary(PlanSummary summary) {
        ObjectNode node = NODES.objectNode();
        node.put("hostsUsedBefore", summary.hostsUsedBefore());
        node.put("hostsUsedAfter", summary.hostsUsedAfter());
        node.put("powerOnBeforeWatts", Numbers.round(summary.powerOnBeforeWatts(), WATT_DECIMALS));
        node.put("powerOnAfterWatts", Numbers.round(summary.powerOnAfterWatts(), WATT_DECIMALS));
        node.put("powerSavedWatts", Numbers.round(summary.powerSavedWatts(), WATT_DECIMALS));
        node.put("migrations", summary.migrations());
        node.put("newVmsPlaced", summary.newVmsPlaced());
        node.put("gibToMove", Numbers.round(summary.gibToMove(), GIB_DECIMALS));
        node.put("estimatedSeconds", Numbers.round(summary.estimatedSeconds(), SECOND_DECIMALS));
        node.put("detours", summary.detours());
        ObjectNode utilisation = node.putObject("utilisation");
        for (Resource resource : Resource.values()) {
            PlanSummary.Change change = summary.utilisation().get(resource);
            if (change != null) {
                ObjectNode entry = utilisation.putObject(resource.key());
                entry.set("before", utilisation(change.before()));
                entry.set("after", utilisation(change.after()));
            }
        }
        ArrayNode dropped = node.putArray("dropped");
        summary.dropped().forEach(move -> dropped.add(dropped(move)));
        if (!summary.unresolved().isEmpty()) {
            ArrayNode unresolved = node.putArray("unresolved");
            for (Unresolved left : summary.unresolved()) {
                ObjectNode entry = unresolved.addObject();
                entry.put("rule", left.rule());
                entry.put("where", left.where());
                entry.put("why", left.why());
            }
        }
        if (!summary.efficacy().isEmpty()) {
            ArrayNode efficacy = node.putArray("efficacy");
            for (Figure figure : summary.efficacy()) {
                ObjectNode entry = efficacy.addObject();
                entry.put("name", figure.name());
                entry.put("value", Numbers.round(figure.value(), FIGURE_DECIMALS));
                entry.put("unit", figure.unit());
            }
        }
        if (!summary.afterEachStep().isEmpty()) {
            node.set("afterEachStep", afterEachStep(summary.afterEachStep()));
        }
        return node;
    }

    /**
     * The figures after each step, one list per figure (a column each, as charts read them):
     * a plan of 50,000 steps writes 50,000 numbers a line rather than 50,000 objects.
     */
    private static ObjectNode afterEachStep(List<AfterStep> points) {
        ObjectNode node = NODES.objectNode();
        ArrayNode used = node.putArray("hostsUsed");
        ArrayNode off = node.putArray("hostsOff");
        ArrayNode watts = node.putArray("wattsSaved");
        points.forEach(point -> {
            used.add(point.hostsUsed());
            off.add(point.hostsOff());
            watts.add(Numbers.round(point.wattsSaved(), WATT_DECIMALS));
        });
        node.set("hottest", perResource(points, AfterStep::hottest));
        node.set("spread", perResource(points, AfterStep::spread));
        return node;
    }

    private static ObjectNode perResource(List<AfterStep> points, Function<AfterStep, Shares> figure) {
        ObjectNode node = NODES.objectNode();
        for (Resource resource : Resource.values()) {
            ArrayNode values = node.putArray(resource.key());
            points.forEach(point -> values.add(Numbers.round(figure.apply(point).get(resource), FRACTION_DECIMALS)));
        }
        return node;
    }

    private static ObjectNode dropped(DroppedMove move) {
        ObjectNode node = NODES.objectNode();
        node.put("vm", move.vm());
        node.put("from", move.from());
        node.put("to", move.to());
        node.put("reason", move.reason());
        return node;
    }

    private static ObjectNode utilisation(Utilisation utilisation) {
        ObjectNode node = NODES.objectNode();
        node.put("max", Numbers.round(utilisation.max(), FRACTION_DECIMALS));
        node.put("mean", Numbers.round(utilisation.mean(), FRACTION_DECIMALS));
        node.put("stdDev", Numbers.round(utilisation.stdDev(), FRACTION_DECIMALS));
        return node;
    }
}
