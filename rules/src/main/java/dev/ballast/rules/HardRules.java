package dev.ballast.rules;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resource;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every hard rule, registered here explicitly, in the order a step's refusal names the first one
 * broken. The solver takes their {@link #constraints}, the checks of a whole placement and of a
 * step ({@link ClusterState}, {@link PlanCheck}) go through the same objects; see docs/rules.md.
 */
public final class HardRules {

    /** A misplaced VM of a group, or a migration over the cap, weighs as much as a GiB of memory over a limit. */
    public static final long GROUP_BREACH = 1024;

    public static final HardRule UNPLACED = new Unplaced();
    public static final HardRule PINNED = new Pinned();
    public static final HardRule STALE = new StaleHost();
    public static final HardRule HOST_STATE = new HostStateRule();
    public static final HardRule POWER_STATE = new PowerState();
    public static final HardRule STORAGE = new StorageMounted();
    public static final HardRule BRIDGES = new BridgesPresent();
    public static final HardRule CPU = new Capacity(Resource.CPU);
    public static final HardRule MEMORY = new Capacity(Resource.MEMORY);
    public static final HardRule NETWORK = new Capacity(Resource.NETWORK);
    public static final HardRule ANTI_AFFINITY = new AntiAffinity();
    public static final HardRule AFFINITY = new Affinity();
    public static final HardRule MAX_MIGRATIONS = new MigrationCapRule();

    /** Every hard rule. */
    public static final List<HardRule> ALL = List.of(UNPLACED, PINNED, STALE, HOST_STATE, POWER_STATE, STORAGE,
            BRIDGES, CPU, MEMORY, NETWORK, ANTI_AFFINITY, AFFINITY, MAX_MIGRATIONS);

    /** The rules that must hold in every intermediate state of a plan. */
    public static final List<HardRule> CONTINUOUS = ALL.stream().filter(HardRule::continuous).toList();

    private HardRules() {
    }

    /** The solver's hard constraints, one per rule, each named after its rule's id. */
    public static Constraint[] constraints(ConstraintFactory factory) {
        return ALL.stream().map(rule -> rule.constraint(factory)).toArray(Constraint[]::new);
    }

    /** The rule of that id, if any. */
    public static Optional<HardRule> byId(String id) {
        return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /**
     * Every hard rule the placement breaks, without the solver: its score is never taken on trust.
     * Lists every violation, so that an infeasible result says which resource or rule is short,
     * and where. Empty when the placement keeps them all.
     */
    public static List<Violation> check(ClusterSnapshot snapshot, Policy policy, Placement placement) {
        return check(ClusterState.of(snapshot, policy, placement));
    }

    /** Every hard rule the state's placement breaks, with hosts switched off or on by steps as they are now. */
    public static List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (HardRule rule : ALL) {
            violations.addAll(rule.check(state));
        }
        return violations;
    }
}
