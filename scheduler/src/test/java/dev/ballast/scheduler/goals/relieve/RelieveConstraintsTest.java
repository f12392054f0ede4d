package dev.ballast.scheduler.goals.relieve;

import static dev.ballast.scheduler.solver.Fixtures.hostPriced;
import static dev.ballast.scheduler.solver.Fixtures.inactiveHost;
import static dev.ballast.scheduler.solver.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Demand;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import dev.ballast.scheduler.domain.ClusterPlacement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class RelieveConstraintsTest {

    private final ConstraintVerifier<RelieveConstraints, ClusterPlacement> verifier =
            ConstraintVerifier.build(new RelieveConstraints(), ClusterPlacement.class, PlanningVm.class);

    /** One score unit per square millicore, so that expected figures are plain squares. */
    private final PlanningHost.Prices perSquareMillicore = new PlanningHost.Prices(0, 1.0, 0, 0);

    @Test
    void destinationsLeftCool() {
        // 3 cores on one host and 1 on the other: 3000^2 + 1000^2, more than 2 * 2000^2 would be.
        PlanningHost a = hostPriced("a", perSquareMillicore);
        PlanningHost b = hostPriced("b", perSquareMillicore);
        verifier.verifyThat(RelieveConstraints::destinationsLeftCool)
                .given(vm("v1", 2_000, 1_024, 0, a), vm("v2", 1_000, 1_024, 0, a), vm("v3", 1_000, 1_024, 0, b))
                .penalizesBy(3_000L * 3_000 + 1_000L * 1_000);
    }

    @Test
    void hostsThatMustEmptyAreTheHardRulesBusiness() {
        verifier.verifyThat(RelieveConstraints::destinationsLeftCool)
                .given(vm("v1", 2_000, 1_024, 0, inactiveHost("m")))
                .penalizesBy(0);
    }

    @Test
    void noMigrationCostsLessThanWhatOneMoveCanChangeTheCoolness() {
        // The most one move changes the sum of squared utilisation is a host of the mean size
        // emptied into an empty one, 2 per resource: 6 at the coolness scale. Even the smallest
        // VM's migration costs more, so coolness never pays for a move.
        RelievePrices prices = new RelievePrices(1.0, new Resources(16, 65_536, 10_000));
        Vm smallest = new Vm("tiny", "a", 1, 1, new Demand(0, 0), 0.0, null, Set.of(), false);

        assertThat(prices.migrationOf(smallest)).isGreaterThan((long) (6 * RelievePrices.COOLNESS_SCALE));
    }
}
