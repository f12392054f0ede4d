package dev.ballast.reports;

import dev.ballast.model.Limits;
import dev.ballast.model.Figure;
import dev.ballast.model.Unresolved;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import dev.ballast.reports.PlanView.CurvePoint;
import dev.ballast.reports.PlanView.DroppedGroup;
import dev.ballast.reports.PlanView.Figures;
import dev.ballast.reports.PlanView.HostView;
import dev.ballast.reports.PlanView.Note;
import dev.ballast.reports.PlanView.StepView;
import dev.ballast.reports.PlanView.Use;

import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;

/**
 * A plan as a person reads it in a terminal: the policy and score, the hosts before and after,
 * the figures that judge the plan (with the estimated time and every move dropped, with its
 * reason), what the plan has bought if it stops early, and the steps in order with each one's
 * estimate and, under it, its reason.
 *
 * <p>Large clusters show only the hosts a plan touches and the first steps, with a count of
 * what was left out; the JSON plan always has everything. Renders a {@link PlanView} and works
 * nothing out itself.
 */
public final class PlanTextRenderer {

    /** Clusters up to this many hosts are listed in full; larger ones only their changed hosts, up to this many. */
    public static final int HOST_ROWS = 40;
    /** Steps listed before the rest are only counted. */
    public static final int STEPS = 25;

    private static final int HOSTS_NAMED_OFF = 12;
    /** Rows of the table of what a plan stopped early has bought, the start aside. */
    private static final int CUT_SHORT_ROWS = 5;
    private static final String NO_CONVERGENCE_FIX = "needs auto-converge or post-copy";

    private final PlanView view;
    private final StringBuilder text = new StringBuilder();

    private PlanTextRenderer(PlanView view) {
        this.view = view;
    }

    /** The report with the default caps on host rows and steps. */
    public static String render(PlanView view) {
        return render(view, HOST_ROWS, STEPS);
    }

    public static String render(PlanView view, int hostRows, int steps) {
        PlanTextRenderer renderer = new PlanTextRenderer(view);
        renderer.header();
        renderer.hosts(hostRows);
        renderer.summary();
        renderer.ifCutShort();
        renderer.steps(steps);
        return renderer.text.toString();
    }

    private void header() {
        PlanView.Header header = view.header();
        Limits limits = header.limits();
        text.append("Policy ").append(header.policy()).append(" (goal ").append(header.goal())
                .append("; limits cpu ").append(Text.percent(limits.cpu()))
                .append(", memory ").append(Text.percent(limits.memory()))
                .append(", network ").append(Text.percent(limits.network())).append(")\n");
        text.append("Score ").append(header.score()).append("\n\n");
    }

    // --- hosts -------------------------------------------------------------------------------

    private void hosts(int maxRows) {
        List<HostView> hosts = view.hosts();
        boolean all = hosts.size() <= maxRows;
        TextTable table = new TextTable("  ").row("HOST", "STATE", "VMS", "CPU", "MEM", "NET", "");
        int shown = 0;
        int changed = 0;
        for (HostView host : hosts) {
            changed += host.changed() ? 1 : 0;
            if ((all || host.changed()) && shown < maxRows) {
                table.row(host.name(), host.stale() ? host.state().key() + ", stale" : host.state().key(),
                        host.vmsBefore() + " -> " + host.vmsAfter(),
                        change(host.use().get(Resource.CPU)),
                        change(host.use().get(Resource.MEMORY)),
                        change(host.use().get(Resource.NETWORK)),
                        host.poweredOff() ? "off" : "");
                shown++;
            }
        }
        text.append("Hosts (").append(all ? "all " + hosts.size() : "those that change")
                .append("; ! marks use over the policy's limit)\n");
        table.appendTo(text);
        hostsLeftOut(hosts.size() - shown, all ? 0 : changed - shown);
        text.append('\n');
    }

    private void hostsLeftOut(int left, int changedLeft) {
        if (left == 0) {
            return;
        }
        text.append("  ... ").append(left).append(" more: ");
        if (changedLeft > 0) {
            text.append(changedLeft).append(" changed, ");
        }
        text.append(left - changedLeft).append(" unchanged\n");
    }

    private static String change(Use use) {
        return share(use.before(), use.overBefore()) + " -> " + share(use.after(), use.overAfter());
    }

    private static String share(double fraction, boolean overLimit) {
        return Text.percent(fraction) + (overLimit ? "!" : "");
    }

    // --- summary -----------------------------------------------------------------------------

    private void summary() {
        Figures figures = view.figures();
        TextTable table = new TextTable("  ").row("", "before", "after", "");
        table.row("hosts used", String.valueOf(figures.hostsUsedBefore()), String.valueOf(figures.hostsUsedAfter()), "");
        PlanView.IdlePower power = figures.idlePower();
        if (power != null) {
            table.row("power on (idle)", Text.watts(power.beforeWatts()), Text.watts(power.afterWatts()),
                    power.savedWatts() > 0 ? "saves " + Text.watts(power.savedWatts()) : "");
        }
        for (Map.Entry<Resource, PlanSummary.Change> entry : figures.utilisation().entrySet()) {
            String resource = entry.getKey().key();
            PlanSummary.Change change = entry.getValue();
            table.row(resource + " max", Text.percent(change.before().max()), Text.percent(change.after().max()), "");
            table.row(resource + " stddev", Text.percent(change.before().stdDev()),
                    Text.percent(change.after().stdDev()), "");
        }
        text.append("Summary\n");
        table.appendTo(text);
        text.append("  ").append(Text.count(figures.migrations(), "migration")).append(", ")
                .append(Text.gib(figures.gibToMove())).append(" to move, ")
                .append(Text.count(figures.newVms(), "new VM")).append(" placed\n");
        efficacy(figures.efficacy());
        duration(figures);
        notConverging(figures.notConverging());
        powerOff(figures.hostsToPowerOff());
        dropped(figures);
        unresolved(figures.unresolved());
        text.append('\n');
    }

    /** What the plan leaves broken: said last, so it is what the operator reads before the steps. */
    private void unresolved(List<Unresolved> left) {
        if (left.isEmpty()) {
            return;
        }
        text.append("  left as it is (").append(left.size()).append(", no placement within the rules mends it):\n");
        left.forEach(breach -> text.append("    ").append(breach).append('\n'));
    }

    /** The goal's own figures on one line: {@code goal: watts saved 450 W, hosts freed 3}. */
    private void efficacy(List<Figure> efficacy) {
        if (!efficacy.isEmpty()) {
            text.append("  goal: ").append(efficacy.stream().map(Figure::toString).collect(Collectors.joining(", ")))
                    .append('\n');
        }
    }

    private void duration(Figures figures) {
        if (figures.estimatedSeconds() <= 0 && figures.detours() == 0) {
            return;
        }
        text.append("  ");
        if (figures.estimatedSeconds() > 0) {
            text.append("about ").append(Text.seconds(figures.estimatedSeconds()))
                    .append(" of migrations, run one at a time");
            text.append(figures.detours() > 0 ? ", " : "\n");
        }
        if (figures.detours() > 0) {
            text.append(Text.count(figures.detours(), "detour"))
                    .append(" (a VM stops on another host and moves on later)\n");
        }
    }

    private void notConverging(int count) {
        if (count > 0) {
            text.append("  ").append(Text.count(count, "migration")).append(count == 1 ? " does" : " do")
                    .append(" not converge by plain pre-copy: ").append(NO_CONVERGENCE_FIX).append('\n');
        }
    }

    private void powerOff(List<String> off) {
        if (off.isEmpty()) {
            return;
        }
        text.append("  ").append(Text.count(off.size(), "host")).append(" to power off: ")
                .append(String.join(", ", off.subList(0, Math.min(off.size(), HOSTS_NAMED_OFF))));
        if (off.size() > HOSTS_NAMED_OFF) {
            text.append(" and ").append(off.size() - HOSTS_NAMED_OFF).append(" more");
        }
        text.append('\n');
    }

    /** Every dropped move, grouped under its reason: an emptied plan drops all its moves for one reason. */
    private void dropped(Figures figures) {
        if (figures.droppedMoves() == 0) {
            return;
        }
        text.append("  ").append(Text.count(figures.droppedMoves(), "move")).append(" dropped:\n");
        for (DroppedGroup group : figures.dropped()) {
            text.append("    ").append(group.reason()).append(":\n");
            TextTable table = new TextTable("      ");
            group.moves().forEach(move -> table.row(move.vm(), route(move.from(), move.to())));
            table.appendTo(text);
        }
    }

    // --- cut short ---------------------------------------------------------------------------

    /**
     * What the plan has bought if it stops after a step: a few steps spread over the plan, every
     * step of a short one. Hottest and spread are each the resource where they are highest.
     */
    private void ifCutShort() {
        List<CurvePoint> curve = view.curve();
        if (curve.size() <= 1) {
            return;
        }
        boolean watts = view.figures().idlePower() != null;
        TextTable table = new TextTable("  ").row("AFTER STEP", "HOSTS USED", "OFF", watts ? "SAVED" : "", "HOTTEST",
                "SPREAD");
        int steps = curve.size() - 1;
        int shown = -1;
        for (int k = 0; k <= CUT_SHORT_ROWS; k++) {
            int step = (int) Math.round((double) steps * k / CUT_SHORT_ROWS);
            if (step > shown) {
                CurvePoint point = curve.get(step);
                table.row(step == 0 ? "0 (now)" : String.valueOf(step), String.valueOf(point.hostsUsed()),
                        String.valueOf(point.hostsOff()), watts ? Text.watts(point.wattsSaved()) : "",
                        highest(point.hottest()), highest(point.spread()));
                shown = step;
            }
        }
        text.append("If the plan stops early\n");
        table.appendTo(text);
        text.append('\n');
    }

    /** {@code 93.1% cpu}: the resource where the figure is highest. */
    private static String highest(Shares shares) {
        Resource resource = shares.highest();
        return Text.percent(shares.get(resource)) + " " + resource.key();
    }

    // --- steps -------------------------------------------------------------------------------

    private void steps(int maxSteps) {
        List<StepView> steps = view.steps();
        if (steps.isEmpty()) {
            text.append(view.figures().droppedMoves() > 0 ? "No steps: every move was dropped (see the summary).\n"
                    : "No steps: the current placement is the best found.\n");
            return;
        }
        text.append("Steps (").append(steps.size()).append(", in order)\n");
        TextTable table = new TextTable("  ");
        int width = String.valueOf(Math.min(steps.size(), maxSteps)).length();
        for (StepView step : steps.subList(0, Math.min(steps.size(), maxSteps))) {
            String number = String.format("%" + width + "d.", step.number());
            if (step.vm() != null) {
                table.row(number, step.vm(), route(step.from(), step.host()), "(" + size(step.sizeGiB()) + ")",
                        Text.estimate(step.estimate()), notes(step.notes()));
            } else {
                table.row(number, step.host(), Text.action(step.action()), "", "", "");
            }
            if (step.reason() != null) {
                table.under(step.reason());
            }
        }
        table.appendTo(text);
        if (steps.size() > maxSteps) {
            text.append("  ... ").append(steps.size() - maxSteps).append(" more steps (the JSON plan lists them all)\n");
        }
    }

    private static String route(String from, String to) {
        return (from == null ? "(new)" : from) + " -> " + to;
    }

    private static String notes(List<Note> notes) {
        return String.join("; ", notes.stream().map(PlanTextRenderer::note).toList());
    }

    private static String note(Note note) {
        return switch (note) {
            case DETOUR -> "DETOUR";
            case DOES_NOT_CONVERGE -> "does not converge: " + NO_CONVERGENCE_FIX;
        };
    }

    private static String size(Double gib) {
        return gib == null ? "? GiB" : Text.gib(gib);
    }
}
