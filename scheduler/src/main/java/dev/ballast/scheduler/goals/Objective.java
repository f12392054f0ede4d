package dev.ballast.scheduler.goals;

import dev.ballast.model.Figure;
import dev.ballast.model.Placement;
import dev.ballast.model.Reason;
import dev.ballast.model.Term;
import dev.ballast.scheduler.solver.Pricing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A goal applied to one cluster snapshot under one policy: what the planner asks the goal. It is
 * made once per search, so that what the goal derives from the cluster (the mean utilisation,
 * the hot-spot thresholds) is computed once and shared by the solver's prices and the greedy
 * starting points.
 */
public interface Objective {

    /** The solver's prices: what each host's load and each VM's migration cost in score units. */
    Pricing prices();

    /** The starting temperature of simulated annealing, in soft score units. */
    long temperature();

    /**
     * Greedy plans the search may start from, by name for the log; an empty one does not apply
     * (e.g. when VMs are new). The planner starts from whichever scores best, or the current placement.
     */
    Map<String, Optional<Placement>> startingPoints();

    /** The solver's target tidied up: e.g. moves that buy nothing undone. The target itself by default. */
    default Placement cleanUp(Placement target) {
        return target;
    }

    /**
     * Why a plan reaching {@code target} is not worth its migrations, in the policy's
     * {@code minImprovement} terms; empty when it gains enough.
     *
     * @param switchedOff the hosts the plan switches off: those of {@link #hostsToSwitchOff} the
     *                    power rules allow, so that a goal that gains by switching hosts off counts
     *                    only the watts it actually saves
     */
    Optional<String> tooSmall(Placement target, List<String> switchedOff);

    /**
     * The goal's own measure of a placement, lower is better, in the goal's unit (watts kept on,
     * points of imbalance, excess over the limits): a plan cut after any step must leave a
     * placement that measures no worse than the cluster did before it.
     */
    double measure(Placement placement);

    /** What a plan reaching {@code target} achieves, as the report can show it. */
    List<Figure> efficacy(Placement target);

    /**
     * Why the target leaves what it was meant to resolve as it is, by the host or VM concerned
     * (a violation's {@code where}): relieve says, of a host still over a limit, what keeps each
     * VM whose leaving would relieve it in place (pinned, no room within the limits, the rules
     * that refuse it elsewhere). None by default.
     */
    default Map<String, String> unresolved(Placement target) {
        return Map.of();
    }

    /**
     * The reason for one step of a plan in the goal's own words, from the terms a replay of the
     * plan found (the rules the step serves, what it buys; see {@link Term}); empty keeps the
     * generic words of {@link Reason#of}, which every goal gets without saying anything.
     */
    default Optional<String> reason(List<Term> terms) {
        return Optional.empty();
    }

    /** Hosts the target leaves empty that may be switched off; none by default. */
    default List<String> hostsToSwitchOff(Placement target) {
        return List.of();
    }
}
