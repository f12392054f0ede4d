package dev.ballast.scheduler.solver;

import static dev.ballast.scheduler.solver.Fixtures.host;
import static dev.ballast.scheduler.solver.Fixtures.moved;
import static dev.ballast.scheduler.solver.Fixtures.vm;

import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.scheduler.goals.consolidate.ConsolidateConstraints;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

/**
 * The cost of moving, added to every goal's constraints; the hard rules' constraints are tested
 * in the rules module ({@code HardRuleConstraintsTest}).
 */
class MigrationCostTest {

    private final ConstraintVerifier<ConsolidateConstraints, ClusterPlacement> verifier =
            ConstraintVerifier.build(new ConsolidateConstraints(), ClusterPlacement.class, PlanningVm.class);

    private final PlanningHost a = host("a", 4_000, 8_192, 1_000_000);
    private final PlanningHost b = host("b", 4_000, 8_192, 1_000_000);

    @Test
    void onlyAMovedVmCostsItsMemory() {
        // Only the moved 4 GiB VM costs: 4 GiB at 100 per GiB (the fixture's price); a new VM placed costs nothing.
        PlanningVm newVm = vm("new", null);
        newVm.setHost(a);
        verifier.verifyThat((provider, factory) -> MigrationCost.constraint(factory))
                .given(moved("v1", a, b), vm("v2", a), newVm)
                .penalizesBy(400);
    }
}
