package dev.ballast.scheduler.goals.balance;

import static dev.ballast.scheduler.solver.Fixtures.hostPriced;
import static dev.ballast.scheduler.solver.Fixtures.inactiveHost;
import static dev.ballast.scheduler.solver.Fixtures.vm;

import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class BalanceConstraintsTest {

    private final ConstraintVerifier<BalanceConstraints, ClusterPlacement> verifier =
            ConstraintVerifier.build(new BalanceConstraints(), ClusterPlacement.class, PlanningVm.class);

    /** One score unit per square millicore, so that expected figures are plain squares. */
    private final PlanningHost.Prices perSquareMillicore = new PlanningHost.Prices(0, 1.0, 0, 0);

    @Test
    void loadSpreadEvenly() {
        // 3 cores on one host and 1 on the other: 3000^2 + 1000^2.
        PlanningHost a = hostPriced("a", perSquareMillicore);
        PlanningHost b = hostPriced("b", perSquareMillicore);
        verifier.verifyThat(BalanceConstraints::loadSpreadEvenly)
                .given(vm("v1", 2_000, 1_024, 0, a), vm("v2", 1_000, 1_024, 0, a), vm("v3", 1_000, 1_024, 0, b))
                .penalizesBy(3_000L * 3_000 + 1_000L * 1_000);
    }

    @Test
    void evenLoadCostsLessThanUnevenLoad() {
        // The same 4 cores as 2 + 2: 2 * 2000^2, less than the 10,000,000 of 3 + 1.
        PlanningHost a = hostPriced("a", perSquareMillicore);
        PlanningHost b = hostPriced("b", perSquareMillicore);
        verifier.verifyThat(BalanceConstraints::loadSpreadEvenly)
                .given(vm("v1", 2_000, 1_024, 0, a), vm("v2", 2_000, 1_024, 0, b))
                .penalizesBy(8_000_000L);
    }

    @Test
    void hostsThatMustEmptyAreNotBalanced() {
        // Load left on a maintenance host is the hard rules' business, not the spread's.
        verifier.verifyThat(BalanceConstraints::loadSpreadEvenly)
                .given(vm("v1", 2_000, 1_024, 0, inactiveHost("m")))
                .penalizesBy(0);
    }
}
