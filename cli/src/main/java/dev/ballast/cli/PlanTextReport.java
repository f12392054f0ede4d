package dev.ballast.cli;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.Step;
import dev.ballast.model.VmStep;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A migration plan as a person reads it: the policy and score, the hosts before and after, the
 * figures that judge the plan (with the estimated time and every move dropped, with its reason),
 * and the steps in order with each one's estimate.
 *
 * <p>Large clusters show only the hosts a plan touches and the first steps, with a count of
 * what was left out; the JSON plan always has everything.
 */
public final class PlanTextReport {

    /** Clusters up to this many hosts are listed in full; larger ones only their changed hosts, up to this many. */
    public static final int HOST_ROWS = 40;
    /** Steps listed before the rest are only counted. */
    public static final int STEPS = 25;

    private static final int HOSTS_NAMED_OFF = 12;
    private static final String NO_CONVERGENCE_FIX = "needs auto-converge or post-copy";

    private final ClusterSnapshot snapshot;
    private final Policy policy;
    private final MigrationPlan plan;
    private final StringBuilder text = new StringBuilder();

    private PlanTextReport(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.plan = plan;
    }

    /** The report with the default caps on host rows and steps. */
    public static String render(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        return render(snapshot, policy, plan, HOST_ROWS, STEPS);
    }

    public static String render(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan, int hostRows, int steps) {
        PlanTextReport report = new PlanTextReport(snapshot, policy, plan);
        report.header();
        report.hosts(hostRows);
        report.summary();
        report.steps(steps);
        return report.text.toString();
    }

    private void header() {
        Limits limits = policy.limits();
        text.append("Policy ").append(policy.name()).append(" (goal ").append(policy.goal().key())
                .append("; limits cpu ").append(Text.percent(limits.cpu()))
                .append(", memory ").append(Text.percent(limits.memory()))
                .append(", network ").append(Text.percent(limits.network())).append(")\n");
        text.append("Score ").append(plan.score()).append("\n\n");
    }

    // --- hosts -------------------------------------------------------------------------------

    private void hosts(int maxRows) {
        Placement before = snapshot.currentPlacement();
        Map<String, Resources> loadBefore = before.loadByHost(snapshot);
        Map<String, Resources> loadAfter = plan.placement().loadByHost(snapshot);
        Map<String, Integer> vmsBefore = vmCounts(before);
        Map<String, Integer> vmsAfter = vmCounts(plan.placement());
        Set<String> changed = changedHosts();
        boolean all = snapshot.hosts().size() <= maxRows;

        TextTable table = new TextTable("  ").row("HOST", "STATE", "VMS", "CPU", "MEM", "NET", "");
        int shown = 0;
        for (Host host : snapshot.hosts()) {
            if ((all || changed.contains(host.name())) && shown < maxRows) {
                table.row(host.name(), host.isStale() ? host.state().key() + ", stale" : host.state().key(),
                        vmsBefore.getOrDefault(host.name(), 0) + " -> " + vmsAfter.getOrDefault(host.name(), 0),
                        change(host, Resource.CPU, loadBefore, loadAfter),
                        change(host, Resource.MEMORY, loadBefore, loadAfter),
                        change(host, Resource.NETWORK, loadBefore, loadAfter),
                        plan.hostsToPowerOff().contains(host.name()) ? "off" : "");
                shown++;
            }
        }
        text.append("Hosts (").append(all ? "all " + snapshot.hosts().size() : "those that change")
                .append("; ! marks use over the policy's limit)\n");
        table.appendTo(text);
        hostsLeftOut(shown, changed.size(), all);
        text.append('\n');
    }

    private void hostsLeftOut(int shown, int changed, boolean all) {
        int left = snapshot.hosts().size() - shown;
        if (left == 0) {
            return;
        }
        int changedLeft = all ? 0 : changed - shown;
        text.append("  ... ").append(left).append(" more: ");
        if (changedLeft > 0) {
            text.append(changedLeft).append(" changed, ");
        }
        text.append(left - changedLeft).append(" unchanged\n");
    }

    /** Hosts a step leaves or enters, hosts to switch off, and hosts not active. */
    private Set<String> changedHosts() {
        Set<String> changed = new HashSet<>(plan.hostsToPowerOff());
        for (VmStep step : plan.vmSteps()) {
            if (step.from() != null) {
                changed.add(step.from());
            }
            changed.add(step.to());
        }
        snapshot.hosts().stream().filter(h -> !h.isActive()).forEach(h -> changed.add(h.name()));
        return changed;
    }

    private Map<String, Integer> vmCounts(Placement placement) {
        Map<String, Integer> counts = new HashMap<>();
        placement.hostOfVm().values().forEach(host -> counts.merge(host, 1, Integer::sum));
        return counts;
    }

    private String change(Host host, Resource resource, Map<String, Resources> before, Map<String, Resources> after) {
        return share(host, resource, before) + " -> " + share(host, resource, after);
    }

    private String share(Host host, Resource resource, Map<String, Resources> load) {
        double fraction = load.getOrDefault(host.name(), Resources.ZERO).get(resource) / host.capacity().get(resource);
        return Text.percent(fraction) + (fraction > policy.limits().get(resource) + 1e-9 ? "!" : "");
    }

    // --- summary -----------------------------------------------------------------------------

    private void summary() {
        PlanSummary summary = plan.summary() != null ? plan.summary()
                : PlanSummary.of(snapshot, plan.placement(), plan.steps());
        TextTable table = new TextTable("  ").row("", "before", "after", "");
        table.row("hosts used", String.valueOf(summary.hostsUsedBefore()), String.valueOf(summary.hostsUsedAfter()), "");
        if (snapshot.hosts().stream().allMatch(h -> h.power() != null)) {
            table.row("power on (idle)", watts(summary.powerOnBeforeWatts()), watts(summary.powerOnAfterWatts()),
                    summary.powerSavedWatts() > 0 ? "saves " + watts(summary.powerSavedWatts()) : "");
        }
        for (Resource resource : Resource.values()) {
            PlanSummary.Change change = summary.utilisation().get(resource);
            if (change != null) {
                table.row(resource.key() + " max", Text.percent(change.before().max()), Text.percent(change.after().max()), "");
                table.row(resource.key() + " stddev", Text.percent(change.before().stdDev()),
                        Text.percent(change.after().stdDev()), "");
            }
        }
        text.append("Summary\n");
        table.appendTo(text);
        text.append("  ").append(Text.count(summary.migrations(), "migration")).append(", ")
                .append(Text.gib(summary.gibToMove())).append(" to move, ")
                .append(Text.count(summary.newVmsPlaced(), "new VM")).append(" placed\n");
        duration(summary);
        notConverging();
        powerOff();
        dropped(summary.dropped());
        text.append('\n');
    }

    private void duration(PlanSummary summary) {
        if (summary.estimatedSeconds() <= 0 && summary.detours() == 0) {
            return;
        }
        text.append("  ");
        if (summary.estimatedSeconds() > 0) {
            text.append("about ").append(Text.seconds(summary.estimatedSeconds()))
                    .append(" of migrations, run one at a time");
            text.append(summary.detours() > 0 ? ", " : "\n");
        }
        if (summary.detours() > 0) {
            text.append(Text.count(summary.detours(), "detour"))
                    .append(" (a VM stops on another host and moves on later)\n");
        }
    }

    private void notConverging() {
        long count = plan.migrations().stream().filter(s -> s.estimate() != null && !s.estimate().converges()).count();
        if (count > 0) {
            text.append("  ").append(Text.count(count, "migration")).append(count == 1 ? " does" : " do")
                    .append(" not converge by plain pre-copy: ").append(NO_CONVERGENCE_FIX).append('\n');
        }
    }

    /** Every dropped move, grouped under its reason: an emptied plan drops all its moves for one reason. */
    private void dropped(List<DroppedMove> dropped) {
        if (dropped.isEmpty()) {
            return;
        }
        Map<String, List<DroppedMove>> byReason = new LinkedHashMap<>();
        dropped.forEach(move -> byReason.computeIfAbsent(move.reason(), r -> new ArrayList<>()).add(move));
        text.append("  ").append(Text.count(dropped.size(), "move")).append(" dropped:\n");
        byReason.forEach((reason, moves) -> {
            text.append("    ").append(reason).append(":\n");
            TextTable table = new TextTable("      ");
            moves.forEach(move -> table.row(move.vm(), route(move.from(), move.to())));
            table.appendTo(text);
        });
    }

    private void powerOff() {
        List<String> off = plan.hostsToPowerOff();
        if (off.isEmpty()) {
            return;
        }
        text.append("  ").append(off.size()).append(off.size() == 1 ? " host" : " hosts").append(" to power off: ")
                .append(String.join(", ", off.subList(0, Math.min(off.size(), HOSTS_NAMED_OFF))));
        if (off.size() > HOSTS_NAMED_OFF) {
            text.append(" and ").append(off.size() - HOSTS_NAMED_OFF).append(" more");
        }
        text.append('\n');
    }

    private static String watts(double watts) {
        return Math.round(watts) + " W";
    }

    // --- steps -------------------------------------------------------------------------------

    private void steps(int maxSteps) {
        List<Step> steps = plan.steps();
        if (steps.isEmpty()) {
            boolean dropped = plan.summary() != null && !plan.summary().dropped().isEmpty();
            text.append(dropped ? "No steps: every move was dropped (see the summary).\n"
                    : "No steps: the current placement is the best found.\n");
            return;
        }
        text.append("Steps (").append(steps.size()).append(", in order)\n");
        TextTable table = new TextTable("  ");
        int width = String.valueOf(Math.min(steps.size(), maxSteps)).length();
        for (int i = 0; i < steps.size() && i < maxSteps; i++) {
            String number = String.format("%" + width + "d.", i + 1);
            if (steps.get(i) instanceof VmStep step) {
                Migration move = step instanceof Migration m ? m : null;
                table.row(number, step.vm(), route(step.from(), step.to()), "(" + size(step.vm()) + ")",
                        estimate(move == null ? null : move.estimate()), move == null ? "" : notes(move));
            } else {
                table.row(number, steps.get(i).host(), steps.get(i).action().replace('-', ' '), "", "", "");
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

    /** {@code ~12.3 s, 45 ms pause}; empty for a step without an estimate. */
    static String estimate(MigrationEstimate estimate) {
        if (estimate == null) {
            return "";
        }
        // A pause that rounds to 0 ms is still a pause.
        long pauseMs = Math.round(estimate.downtimeMs());
        return "~" + Text.seconds(estimate.seconds()) + ", " + (pauseMs == 0 ? "<1" : pauseMs) + " ms pause";
    }

    private static String notes(Migration step) {
        List<String> notes = new ArrayList<>();
        if (step.detour()) {
            notes.add("DETOUR");
        }
        if (step.estimate() != null && !step.estimate().converges()) {
            notes.add("does not converge: " + NO_CONVERGENCE_FIX);
        }
        return String.join("; ", notes);
    }

    private String size(String vm) {
        return snapshot.vm(vm).map(Vm::memoryMiB).map(mib -> Text.gib(mib / 1024.0)).orElse("? GiB");
    }
}
