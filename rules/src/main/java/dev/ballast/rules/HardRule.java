package dev.ballast.rules;

import dev.ballast.model.Host;
import dev.ballast.model.PowerStep;
import dev.ballast.model.Step;
import dev.ballast.model.Vm;
import dev.ballast.model.VmStep;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.List;
import java.util.Optional;

/**
 * One hard rule, defined once for every use: the solver's constraint, the check of a whole
 * placement ({@link HardRules#check}), and the check of one step of a plan ({@link ClusterState},
 * {@link PlanCheck}, the sequencer, the executor's pre-flight). Its {@link #id()} names it in
 * violations, reports and the solver's score explanation alike. The three uses must agree: a
 * placement breaks the rule exactly when the constraint penalises it, and a step into that
 * placement is refused by the rule exactly then (for a continuous rule). Implementations are
 * stateless; the registry is {@link HardRules#ALL}.
 */
public interface HardRule {

    /**
     * The rule's name in violations and reports, such as {@code memory} or {@code anti-affinity};
     * also its constraint's name.
     */
    String id();

    /**
     * True when the rule must hold in every intermediate state of a plan (BtrPlace's
     * continuous constraints); false when it is checked on the plan's end state only, as for
     * affinity (a group moves one VM at a time) and the migration cap (a count over the plan).
     */
    boolean continuous();

    /** The solver's constraint, named {@link #id()}, penalising the size of each breach. */
    Constraint constraint(ConstraintFactory factory);

    /** Every breach of the rule in the state's placement; empty when it is kept. */
    List<Violation> check(ClusterState state);

    /**
     * Why {@code step} may not run in {@code state} by this rule, or empty when it may. VM steps
     * go to {@link #whyNotPut}, power steps to {@link #whyNotPower}. The step's VM and hosts must
     * be in the snapshot: {@link PlanCheck} refuses a step naming others before asking the rules.
     */
    default Optional<Violation> whyNot(ClusterState state, Step step) {
        if (step instanceof VmStep move) {
            return whyNotPut(state, state.vm(move.vm()), state.host(move.to()));
        }
        return whyNotPower(state, (PowerStep) step);
    }

    /** Why {@code vm} may not be put on {@code host} in {@code state} by this rule; both are known to the snapshot. */
    default Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        return Optional.empty();
    }

    /** Why a host may not be switched off or on in {@code state} by this rule. */
    default Optional<Violation> whyNotPower(ClusterState state, PowerStep step) {
        return Optional.empty();
    }
}
