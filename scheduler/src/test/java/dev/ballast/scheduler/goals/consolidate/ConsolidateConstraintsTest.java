package dev.ballast.scheduler.goals.consolidate;

import static dev.ballast.scheduler.solver.Fixtures.hostPriced;
import static dev.ballast.scheduler.solver.Fixtures.vm;

import dev.ballast.scheduler.domain.ClusterPlacement;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;

class ConsolidateConstraintsTest {

    private final ConstraintVerifier<ConsolidateConstraints, ClusterPlacement> verifier =
            ConstraintVerifier.build(new ConsolidateConstraints(), ClusterPlacement.class, PlanningVm.class);

    @Test
    void hostPower() {
        // Two hosts hold VMs (180 W and 120 W, priced per milliwatt); the third is empty and free.
        PlanningHost big = hostPriced("big", new PlanningHost.Prices(180_000, 0, 0, 0));
        PlanningHost small = hostPriced("small", new PlanningHost.Prices(120_000, 0, 0, 0));
        PlanningHost empty = hostPriced("empty", new PlanningHost.Prices(250_000, 0, 0, 0));
        verifier.verifyThat(ConsolidateConstraints::hostPower)
                .given(big, small, empty, vm("v1", big), vm("v2", big), vm("v3", small))
                .penalizesBy(300_000);
    }

    /** One score unit per square GiB of memory: rewards read as squares of GiB. */
    private final PlanningHost.Prices perSquareGiB = new PlanningHost.Prices(0, 0, 1.0 / (1024 * 1024), 0);

    @Test
    void packing() {
        // 16 + 16 GiB on one host: 32^2.
        PlanningHost host = hostPriced("h", perSquareGiB);
        verifier.verifyThat(ConsolidateConstraints::packing)
                .given(vm("v1", 8_000, 16_384, 0, host), vm("v2", 8_000, 16_384, 0, host))
                .rewardsWith(32 * 32);
    }

    @Test
    void packingRewardsConcentratedLoadMore() {
        // The same two VMs apart earn 16^2 + 16^2 = 512, half of what they earn together: the
        // search is pulled towards packing, VM by VM.
        PlanningHost a = hostPriced("a", perSquareGiB);
        PlanningHost b = hostPriced("b", perSquareGiB);
        verifier.verifyThat(ConsolidateConstraints::packing)
                .given(vm("v1", 8_000, 16_384, 0, a), vm("v2", 8_000, 16_384, 0, b))
                .rewardsWith(2 * 16 * 16);
    }
}
