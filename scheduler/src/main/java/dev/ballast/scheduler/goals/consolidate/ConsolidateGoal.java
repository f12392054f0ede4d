package dev.ballast.scheduler.goals.consolidate;

import dev.ballast.formats.GoalFields;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Host;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Vm;
import dev.ballast.scheduler.FirstFitDecreasing;
import dev.ballast.model.Figure;
import dev.ballast.scheduler.goals.Goal;
import dev.ballast.scheduler.goals.Objective;
import dev.ballast.scheduler.solver.Pricing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * Consolidate: pack VMs onto as little powered-on capacity as possible, so that the hosts left
 * empty can be switched off. Reads {@code minImprovement.watts}, {@code weights.hostPower} and
 * {@code weights.packing}.
 */
public final class ConsolidateGoal implements Goal {

    /**
     * The share of a mean host's power price the search starts at. Measured on cloud balancing
     * 200 computers (vs best known) and mixed 200 hosts (vs first fit decreasing): 0.5% gave
     * 2.2% / -0.9%, 2% gave 1.5% / -0.9%, 10% gave 0.9% / 0% (the search never left its greedy
     * start), 20% gave 1.4%.
     */
    static final double TEMPERATURE_SHARE = 0.02;
    /**
     * The share when every VM is new. On cloud balancing 200 computers (seed 1, 60 s): 2% gave
     * 1.5% above the best known (2.0% and 1.5% with seeds 2 and 3), 5% gave 1.2%, 10% gave 0.8%.
     */
    static final double FIRST_PLACEMENT_SHARE = 0.10;
    /** The figure of the idle watts a plan switches off, when every host counted gives its power. */
    static final String WATTS_SAVED = "watts saved";
    /**
     * The same when some host counted gives no power figures and is assumed to idle at
     * {@link Host#ASSUMED_IDLE_WATTS}: a report must not pass an assumption off as a measure.
     */
    static final String WATTS_SAVED_ASSUMED = "watts saved (assumed)";

    @Override
    public String name() {
        return ConsolidateSettings.GOAL;
    }

    @Override
    public String description() {
        return "pack VMs onto as few hosts as the limits allow, so the emptied hosts can be switched off";
    }

    @Override
    public List<String> settings() {
        return ConsolidateSettings.READS;
    }

    @Override
    public GoalSettings defaults() {
        return ConsolidateSettings.DEFAULTS;
    }

    @Override
    public GoalSettings read(GoalFields fields) {
        return ConsolidateSettings.read(fields);
    }

    @Override
    public List<String> describe(GoalSettings given) {
        ConsolidateSettings settings = (ConsolidateSettings) given;
        List<String> parts = new ArrayList<>();
        if (settings.minImprovementWatts() > 0) {
            parts.add(String.format(Locale.ROOT, "plans must switch off at least %s W",
                    settings.minImprovementWatts() == Math.rint(settings.minImprovementWatts())
                            ? String.format(Locale.ROOT, "%.0f", settings.minImprovementWatts())
                            : String.valueOf(settings.minImprovementWatts())));
        }
        return parts;
    }

    @Override
    public Class<? extends ConstraintProvider> constraints() {
        return ConsolidateConstraints.class;
    }

    @Override
    public Objective on(ClusterSnapshot snapshot, Policy policy) {
        return new ConsolidateObjective(snapshot, policy, (ConsolidateSettings) policy.settings());
    }

    /**
     * The starting temperature of simulated annealing: a share of a mean host's power price, so
     * that hosts of 100 W and computers costing 2,000 a month are searched alike. When no VM runs
     * yet (a first placement, a what-if from scratch) no move costs a migration, and the search
     * roams hotter.
     */
    static long temperature(ClusterSnapshot snapshot, ConsolidateSettings settings) {
        boolean firstPlacement = snapshot.vms().stream().allMatch(Vm::isNew);
        double share = firstPlacement ? FIRST_PLACEMENT_SHARE : TEMPERATURE_SHARE;
        return Math.max(1, Math.round(share * ConsolidatePrices.meanIdleWatts(snapshot) * ConsolidatePrices.PER_WATT
                * settings.hostPower()));
    }

    private static double idleWatts(ClusterSnapshot snapshot, Placement placement) {
        return placement.usedHosts().stream().mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
    }

    /** Consolidation on one cluster. */
    private static final class ConsolidateObjective implements Objective {

        private final ClusterSnapshot snapshot;
        private final Policy policy;
        private final ConsolidateSettings settings;
        private final ConsolidatePrices prices;

        ConsolidateObjective(ClusterSnapshot snapshot, Policy policy, ConsolidateSettings settings) {
            this.snapshot = snapshot;
            this.policy = policy;
            this.settings = settings;
            this.prices = new ConsolidatePrices(snapshot, policy, settings);
        }

        @Override
        public Pricing prices() {
            return prices;
        }

        @Override
        public long temperature() {
            return ConsolidateGoal.temperature(snapshot, settings);
        }

        /**
         * A repacking (first fit decreasing from scratch, with every move that frees no host
         * undone) and a drain of the hosts not worth keeping into those that are. From the
         * current placement alone, 30 s were not always enough to catch up with them on hundreds
         * of hosts. The repacking packs tightest when migrations cost nothing; the drain moves
         * only the VMs of the hosts it empties, and on 5,000 hosts and 50,000 VMs keeps fewer on
         * (2,229 against 2,250, bound 2,211) with 19,482 migrations against 49,808.
         */
        @Override
        public Map<String, Optional<Placement>> startingPoints() {
            Map<String, Optional<Placement>> plans = new LinkedHashMap<>();
            plans.put("greedy repacking", FirstFitDecreasing.place(snapshot, policy)
                    .map(p -> NeedlessMoves.revert(snapshot, policy, p)));
            plans.put("drain around the hosts kept", KeepAndDrain.place(snapshot, policy, prices));
            return plans;
        }

        /** Moves that free no host are undone. */
        @Override
        public Placement cleanUp(Placement target) {
            return NeedlessMoves.revert(snapshot, policy, target);
        }

        /**
         * Below the policy's minImprovement in the idle watts the plan switches off: the hosts it
         * empties that a power rule keeps on (cooldown, cap per plan, reserve, last storage host)
         * save nothing, so their migrations must not count them. A policy that switches no host
         * off at all ({@code maxPowerOffsPerRun: 0}) means to empty hosts and keep them on, for
         * the operator to switch or use: there the watts emptied count.
         */
        @Override
        public Optional<String> tooSmall(Placement target, List<String> switchedOff) {
            double emptied = idleWatts(snapshot, snapshot.currentPlacement()) - idleWatts(snapshot, target);
            boolean keepsAllOn = Integer.valueOf(0).equals(policy.power().maxPowerOffsPerRun());
            double watts = keepsAllOn ? emptied : emptied - keptOnWatts(target, switchedOff);
            double least = settings.minImprovementWatts();
            if (watts >= least && watts > 0) {
                return Optional.empty();
            }
            String assumed = powerAssumed(snapshot.currentPlacement().usedHosts(), target.usedHosts())
                    ? " (assumed: some hosts give no power figures)" : "";
            String gain = keepsAllOn
                    ? String.format(Locale.ROOT, "the plan empties %.0f W%s (the policy's maxPowerOffsPerRun of 0"
                            + " keeps them on)", watts, assumed)
                    : watts == emptied ? String.format(Locale.ROOT, "the plan switches off %.0f W%s", watts, assumed)
                    : String.format(Locale.ROOT, "the plan switches off %.0f W of the %.0f W it empties%s (the power"
                            + " rules keep the rest on)", watts, emptied, assumed);
            return Optional.of(String.format(Locale.ROOT, "%s, under the policy's minImprovement of %.0f W", gain,
                    least));
        }

        /** The idle watts of the hosts the plan empties that it does not switch off. */
        private double keptOnWatts(Placement target, List<String> switchedOff) {
            Set<String> after = target.usedHosts();
            return snapshot.currentPlacement().usedHosts().stream()
                    .filter(h -> !after.contains(h) && !switchedOff.contains(h))
                    .mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
        }

        /** The idle watts of the hosts kept on. */
        @Override
        public double measure(Placement placement) {
            return idleWatts(snapshot, placement);
        }

        @Override
        public List<Figure> efficacy(Placement target) {
            Set<String> before = snapshot.currentPlacement().usedHosts();
            Set<String> after = target.usedHosts();
            return List.of(
                    new Figure(powerAssumed(before, after) ? WATTS_SAVED_ASSUMED : WATTS_SAVED,
                            idleWatts(snapshot, snapshot.currentPlacement()) - idleWatts(snapshot, target), "W"),
                    new Figure("hosts freed", before.stream().filter(h -> !after.contains(h)).count(), ""),
                    new Figure("hosts in use", after.size(), ""));
        }

        /** True when a host of either set gives no power figures: its watts are assumed, not measured. */
        private boolean powerAssumed(Set<String> before, Set<String> after) {
            return snapshot.hosts().stream().filter(Host::powerAssumed)
                    .anyMatch(h -> before.contains(h.name()) || after.contains(h.name()));
        }

        /** Active hosts left empty; a stale host may be running VMs the snapshot no longer shows, so never it. */
        @Override
        public List<String> hostsToSwitchOff(Placement target) {
            Set<String> used = target.usedHosts();
            return snapshot.hosts().stream().filter(h -> h.isActive() && !h.isStale()).map(Host::name)
                    .filter(h -> !used.contains(h)).toList();
        }
    }
}
