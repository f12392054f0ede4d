package dev.ballast.reports;

import dev.ballast.model.AfterStep;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Figure;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Shares;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.Utilisation;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A plan as its reports see it, computed once: the policy and score, every host before and
 * after, the figures that judge the plan, the steps in order with their estimates and reasons,
 * and the curve of what the plan has cost and bought after each step. Every rendering (text now, HTML and the API later)
 * reads this view and does no arithmetic of its own beyond formatting.
 *
 * <p>Plain data: no wording, no caps on rows. What a rendering leaves out of a large plan is the
 * rendering's choice.
 *
 * @param header  the policy the plan was made under and its score
 * @param hosts   every host of the snapshot, in the snapshot's order
 * @param figures the plan's summary figures
 * @param steps   every step, numbered from 1, in the order they run
 * @param curve   the cluster before the plan (step 0), then after each step in order: what the plan
 *                has cost and bought if it stops there; for charts of how a plan progresses
 */
public record PlanView(Header header, List<HostView> hosts, Figures figures, List<StepView> steps,
        List<CurvePoint> curve) {

    public PlanView {
        hosts = List.copyOf(hosts);
        steps = List.copyOf(steps);
        curve = List.copyOf(curve);
    }

    /**
     * The policy a plan was made under.
     *
     * @param goal the name of the policy's goal, as the policy file spells it
     */
    public record Header(String policy, String goal, Limits limits, String score) {
    }

    /**
     * One host before and after the plan.
     *
     * @param use        per resource, the share of the host's capacity in use before and after
     * @param poweredOff true when the plan switches the host off
     * @param changed    true when a step leaves or enters the host, the plan switches it off, or
     *                   it is not active (hosts worth showing when a cluster is too large to list)
     */
    public record HostView(String name, HostState state, boolean stale, int vmsBefore, int vmsAfter,
            Map<Resource, Use> use, boolean poweredOff, boolean changed) {

        public HostView {
            use = Collections.unmodifiableMap(new EnumMap<>(use));
        }
    }

    /**
     * One resource of one host: the fraction of its capacity in use before and after the plan,
     * and whether that fraction is over the policy's limit.
     */
    public record Use(double before, double after, boolean overBefore, boolean overAfter) {
    }

    /**
     * What the plan buys and costs.
     *
     * @param overLimitBefore hosts using more of some resource than the policy's limit, before
     * @param overLimitAfter  the same after the plan
     * @param idlePower       idle watts of the hosts holding VMs; null unless every host gives its
     *                        power figures
     * @param utilisation     per resource, over the active hosts, before and after, in
     *                        {@link Resource} order
     * @param gibToMove       memory of the migrated VMs
     * @param newVms          VMs the plan starts
     * @param estimatedSeconds the migrations' estimates added up, as they run one at a time; 0
     *                        when none is estimated
     * @param detours         migrations that stop on a host on the way
     * @param notConverging   migrations that plain pre-copy does not finish
     * @param hostsToPowerOff hosts the plan switches off, in order
     * @param droppedMoves    moves left out of the plan, all reasons together
     * @param dropped         the moves left out, grouped by reason in the order the reasons first
     *                        appear
     * @param efficacy        what the goal says the plan achieves, in its terms; empty for a plan
     *                        that does not say
     * @param unresolved      hard rules the cluster breaks that the plan leaves broken, with why
     */
    public record Figures(int hostsUsedBefore, int hostsUsedAfter, int overLimitBefore, int overLimitAfter,
            IdlePower idlePower,
            Map<Resource, PlanSummary.Change> utilisation, int migrations, double gibToMove, int newVms,
            double estimatedSeconds, int detours, int notConverging, List<String> hostsToPowerOff,
            int droppedMoves, List<DroppedGroup> dropped, List<Figure> efficacy, List<Unresolved> unresolved) {

        public Figures {
            unresolved = List.copyOf(unresolved);
            utilisation = Collections.unmodifiableMap(new EnumMap<>(utilisation));
            hostsToPowerOff = List.copyOf(hostsToPowerOff);
            dropped = List.copyOf(dropped);
            efficacy = List.copyOf(efficacy);
        }
    }

    /** Idle watts of the hosts holding VMs before and after, and the difference. */
    public record IdlePower(double beforeWatts, double afterWatts, double savedWatts) {
    }

    /** The moves dropped for one reason. */
    public record DroppedGroup(String reason, List<DroppedMove> moves) {

        public DroppedGroup {
            moves = List.copyOf(moves);
        }
    }

    /** What a step does. */
    public enum Action { MIGRATE, START, POWER_OFF, POWER_ON }

    /** Something an operator should know about a step before it runs. */
    public enum Note {
        /** A temporary stop: the VM moves on in a later step. */
        DETOUR,
        /** The guest dirties memory about as fast as the link copies it: it needs auto-converge or post-copy. */
        DOES_NOT_CONVERGE
    }

    /**
     * One step of the plan.
     *
     * @param number   from 1, in the order the steps run
     * @param vm       the VM migrated or started; null for a power step
     * @param from     where a migrated VM runs before; null for the other steps
     * @param host     the host the step acts on: a VM's destination, or the host switched off or on
     * @param sizeGiB  the VM's memory; null for a power step or a VM the snapshot does not know
     * @param estimate how long a migration should take; null when not estimated or not a migration
     * @param reason   why the step is there, in words; null for a plan that does not say (written
     *                 before reasons)
     * @param terms    what the reason's words come from (see {@link Term}); empty without a reason
     */
    public record StepView(int number, Action action, String vm, String from, String host, Double sizeGiB,
            MigrationEstimate estimate, List<Note> notes, String reason, List<Term> terms) {

        public StepView {
            notes = List.copyOf(notes);
            terms = List.copyOf(terms);
        }
    }

    /**
     * The plan's progress once step {@code step} is done (0: before the plan), if every step takes
     * its estimate: what it has cost and what it has bought, the figures of {@link AfterStep}.
     *
     * @param elapsedSeconds the estimates of the migrations so far added up
     * @param gibMoved       the memory of the VMs migrated so far
     * @param hostsUsed      hosts holding at least one VM
     * @param hostsOff       hosts switched off so far
     * @param wattsSaved     idle watts of the hosts emptied so far (see {@link AfterStep#wattsSaved()})
     * @param hottest        per resource, the hottest active host's share of its capacity
     * @param spread         per resource, the standard deviation of the active hosts' shares
     */
    public record CurvePoint(int step, double elapsedSeconds, double gibMoved, int hostsUsed, int hostsOff,
            double wattsSaved, Shares hottest, Shares spread) {
    }

    // Breaches are reported only beyond rounding noise of the load sums.
    private static final double OVER_LIMIT_SLACK = 1e-9;

    /** The view of {@code plan}, made for {@code snapshot} under {@code policy}. */
    public static PlanView of(ClusterSnapshot snapshot, Policy policy, MigrationPlan plan) {
        List<StepView> steps = steps(snapshot, plan);
        List<HostView> hosts = hosts(snapshot, policy.limits(), plan);
        return new PlanView(header(policy, plan), hosts, figures(snapshot, plan, hosts), steps,
                curve(snapshot, plan, steps));
    }

    private static Header header(Policy policy, MigrationPlan plan) {
        return new Header(policy.name(), goalName(policy), policy.limits(), plan.score());
    }

    /** The only place that knows how a policy names its goal. */
    private static String goalName(Policy policy) {
        return policy.goalName();
    }

    // --- hosts -------------------------------------------------------------------------------

    private static List<HostView> hosts(ClusterSnapshot snapshot, Limits limits, MigrationPlan plan) {
        Placement before = snapshot.currentPlacement();
        Map<String, Resources> loadBefore = before.loadByHost(snapshot);
        Map<String, Resources> loadAfter = plan.placement().loadByHost(snapshot);
        Map<String, Integer> vmsBefore = vmCounts(before);
        Map<String, Integer> vmsAfter = vmCounts(plan.placement());
        Set<String> poweredOff = Set.copyOf(plan.hostsToPowerOff());
        Set<String> changed = changedHosts(snapshot, plan);
        List<HostView> hosts = new ArrayList<>();
        for (Host host : snapshot.hosts()) {
            Map<Resource, Use> use = new EnumMap<>(Resource.class);
            for (Resource resource : Resource.values()) {
                double shareBefore = share(host, resource, loadBefore);
                double shareAfter = share(host, resource, loadAfter);
                double limit = limits.get(resource) + OVER_LIMIT_SLACK;
                use.put(resource, new Use(shareBefore, shareAfter, shareBefore > limit, shareAfter > limit));
            }
            hosts.add(new HostView(host.name(), host.state(), host.isStale(),
                    vmsBefore.getOrDefault(host.name(), 0), vmsAfter.getOrDefault(host.name(), 0), use,
                    poweredOff.contains(host.name()), changed.contains(host.name())));
        }
        return hosts;
    }

    /** Hosts a step leaves or enters, hosts to switch off, and hosts not active. */
    private static Set<String> changedHosts(ClusterSnapshot snapshot, MigrationPlan plan) {
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

    private static Map<String, Integer> vmCounts(Placement placement) {
        Map<String, Integer> counts = new HashMap<>();
        placement.hostOfVm().values().forEach(host -> counts.merge(host, 1, Integer::sum));
        return counts;
    }

    private static double share(Host host, Resource resource, Map<String, Resources> load) {
        return load.getOrDefault(host.name(), Resources.ZERO).get(resource) / host.capacity().get(resource);
    }

    // --- figures -----------------------------------------------------------------------------

    private static Figures figures(ClusterSnapshot snapshot, MigrationPlan plan, List<HostView> hosts) {
        // A plan read from an old file may lack its summary: work it out from the steps.
        PlanSummary summary = plan.summary() != null ? plan.summary()
                : PlanSummary.of(snapshot, plan.placement(), plan.steps());
        IdlePower power = snapshot.hosts().stream().allMatch(h -> h.power() != null)
                ? new IdlePower(summary.powerOnBeforeWatts(), summary.powerOnAfterWatts(), summary.powerSavedWatts())
                : null;
        Map<Resource, PlanSummary.Change> utilisation = new EnumMap<>(Resource.class);
        utilisation.putAll(summary.utilisation());
        int notConverging = (int) plan.migrations().stream()
                .filter(m -> m.estimate() != null && !m.estimate().converges()).count();
        return new Figures(summary.hostsUsedBefore(), summary.hostsUsedAfter(), overLimit(hosts, false),
                overLimit(hosts, true), power, utilisation,
                summary.migrations(), summary.gibToMove(), summary.newVmsPlaced(), summary.estimatedSeconds(),
                summary.detours(), notConverging, plan.hostsToPowerOff(), summary.dropped().size(),
                byReason(summary.dropped()), summary.efficacy(), summary.unresolved());
    }

    /** Active hosts over the policy's limit on some resource, before or after the plan. */
    private static int overLimit(List<HostView> hosts, boolean after) {
        return (int) hosts.stream()
                .filter(h -> h.use().values().stream().anyMatch(u -> after ? u.overAfter() : u.overBefore()))
                .count();
    }

    private static List<DroppedGroup> byReason(List<DroppedMove> dropped) {
        Map<String, List<DroppedMove>> byReason = new LinkedHashMap<>();
        dropped.forEach(move -> byReason.computeIfAbsent(move.reason(), r -> new ArrayList<>()).add(move));
        return byReason.entrySet().stream().map(e -> new DroppedGroup(e.getKey(), e.getValue())).toList();
    }

    // --- steps -------------------------------------------------------------------------------

    private static List<StepView> steps(ClusterSnapshot snapshot, MigrationPlan plan) {
        List<StepView> views = new ArrayList<>();
        List<Step> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            views.add(step(i + 1, steps.get(i), snapshot));
        }
        return views;
    }

    private static StepView step(int number, Step step, ClusterSnapshot snapshot) {
        String reason = step.reason() == null ? null : step.reason().text();
        List<Term> terms = step.reason() == null ? List.of() : step.reason().terms();
        if (step instanceof Migration move) {
            return new StepView(number, Action.MIGRATE, move.vm(), move.from(), move.to(), sizeGiB(snapshot, move.vm()),
                    move.estimate(), notes(move), reason, terms);
        }
        if (step instanceof StartVm start) {
            return new StepView(number, Action.START, start.vm(), null, start.to(), sizeGiB(snapshot, start.vm()),
                    null, List.of(), reason, terms);
        }
        if (step instanceof PowerOff off) {
            return new StepView(number, Action.POWER_OFF, null, null, off.host(), null, null, List.of(), reason, terms);
        }
        if (step instanceof PowerOn on) {
            return new StepView(number, Action.POWER_ON, null, null, on.host(), null, null, List.of(), reason, terms);
        }
        throw new IllegalArgumentException("a step of an unknown kind: " + step);
    }

    private static List<Note> notes(Migration move) {
        List<Note> notes = new ArrayList<>();
        if (move.detour()) {
            notes.add(Note.DETOUR);
        }
        if (move.estimate() != null && !move.estimate().converges()) {
            notes.add(Note.DOES_NOT_CONVERGE);
        }
        return notes;
    }

    private static Double sizeGiB(ClusterSnapshot snapshot, String vm) {
        return snapshot.vm(vm).map(Vm::memoryMiB).map(mib -> mib / 1024.0).orElse(null);
    }

    /**
     * The cluster before the plan, then after each step. The figures after each step are the
     * summary's when it has them, else (a plan written before them) a replay of the steps.
     */
    private static List<CurvePoint> curve(ClusterSnapshot snapshot, MigrationPlan plan, List<StepView> steps) {
        List<AfterStep> after = plan.summary() != null && plan.summary().afterEachStep().size() == steps.size()
                ? plan.summary().afterEachStep() : AfterStep.replay(snapshot, plan.steps());
        List<CurvePoint> curve = new ArrayList<>();
        Placement now = snapshot.currentPlacement();
        curve.add(new CurvePoint(0, 0, 0, now.usedHosts().size(), 0, 0, shares(snapshot, now, Utilisation::max),
                shares(snapshot, now, Utilisation::stdDev)));
        double seconds = 0;
        double gib = 0;
        for (StepView step : steps) {
            if (step.action() == Action.MIGRATE) {
                seconds += step.estimate() == null ? 0 : step.estimate().seconds();
                gib += step.sizeGiB() == null ? 0 : step.sizeGiB();
            }
            AfterStep point = after.get(step.number() - 1);
            curve.add(new CurvePoint(step.number(), seconds, gib, point.hostsUsed(), point.hostsOff(),
                    point.wattsSaved(), point.hottest(), point.spread()));
        }
        return curve;
    }

    private static Shares shares(ClusterSnapshot snapshot, Placement placement, ToDoubleFunction<Utilisation> figure) {
        return new Shares(figure.applyAsDouble(Utilisation.of(snapshot, placement, Resource.CPU)),
                figure.applyAsDouble(Utilisation.of(snapshot, placement, Resource.MEMORY)),
                figure.applyAsDouble(Utilisation.of(snapshot, placement, Resource.NETWORK)));
    }
}
