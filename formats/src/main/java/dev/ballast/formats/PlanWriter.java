package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Figure;
import dev.ballast.model.Migration;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;
import java.io.UncheckedIOException;

/**
 * Writes a plan as pretty-printed {@code ballast/v1 MigrationPlan} JSON, in a fixed field order
 * so that plans diff well. Figures are rounded for people: fractions to 4 decimals, watts, GiB
 * and seconds to 1, downtime to whole milliseconds. Flags are written only when they say
 * something unusual ({@code detour: true}, {@code converges: false}). {@link PlanReader} reads it
 * back; see {@code docs/plan.md}.
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
        return node;
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
