package dev.ballast.reports;

import dev.ballast.model.PlanSummary;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plans of one cluster under several policies, side by side: what each costs (migrations,
 * memory, time) and what each buys (hosts under their limits, a flatter load, hosts freed), one
 * column per policy. For {@code ballast demo} and what-if comparisons.
 */
public final class ComparisonTextRenderer {

    private ComparisonTextRenderer() {
    }

    public static String render(List<PlanView> views) {
        TextTable table = new TextTable("  ");
        table.row(cells("", views, v -> v.header().policy()));
        table.row(cells("migrations", views, v -> String.valueOf(v.figures().migrations())));
        table.row(cells("memory to move", views, v -> Text.gib(v.figures().gibToMove())));
        table.row(cells("estimated time", views, v -> Text.seconds(v.figures().estimatedSeconds())));
        table.row(cells("hosts over a limit", views, v -> v.figures().overLimitBefore() + " -> " + v.figures().overLimitAfter()));
        table.row(cells("hottest CPU", views, v -> change(v, c -> c.max())));
        table.row(cells("CPU spread (stddev)", views, v -> change(v, c -> c.stdDev())));
        table.row(cells("hosts in use", views,
                v -> v.figures().hostsUsedBefore() + " -> " + v.figures().hostsUsedAfter()));
        table.row(cells("hosts to power off", views, v -> String.valueOf(v.figures().hostsToPowerOff().size())));
        table.row(cells("moves dropped", views, v -> String.valueOf(v.figures().droppedMoves())));
        table.row(cells("left unresolved", views, v -> String.valueOf(v.figures().unresolved().size())));
        StringBuilder text = new StringBuilder("Side by side\n");
        table.appendTo(text);
        return text.toString();
    }

    private static String change(PlanView view, Function<Utilisation, Double> figure) {
        PlanSummary.Change cpu = view.figures().utilisation().get(Resource.CPU);
        return Text.percent(figure.apply(cpu.before())) + " -> " + Text.percent(figure.apply(cpu.after()));
    }

    private static String[] cells(String label, List<PlanView> views, Function<PlanView, String> cell) {
        List<String> cells = new ArrayList<>();
        cells.add(label);
        views.forEach(v -> cells.add(cell.apply(v)));
        return cells.toArray(String[]::new);
    }
}
