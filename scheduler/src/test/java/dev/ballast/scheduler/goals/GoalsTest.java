package dev.ballast.scheduler.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.formats.InputException;
import dev.ballast.formats.PolicyReader;
import dev.ballast.formats.Problem;
import org.junit.jupiter.api.Test;

class GoalsTest {

    @Test
    void listsBalanceConsolidateAndRelieve() {
        assertThat(Goals.registry().goals()).containsExactly("balance", "consolidate", "relieve");
        assertThat(Goals.registry().all()).extracting(Goal::name).containsExactly("balance", "consolidate", "relieve");
    }

    @Test
    void anUnknownGoalIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> Goals.registry().named("spread"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no goal named \"spread\" (known: balance, consolidate, relieve)");
    }

    @Test
    void anUnknownGoalInAPolicyFileIsRefusedAtItsPathListingTheKnownOnes() {
        InputException e = catchThrowableOfType(InputException.class, () -> PolicyReader.parse(
                "apiVersion: ballast/v1\nkind: Policy\nname: p\ngoal: spread\n", "p.yaml", Goals.registry()));

        assertThat(e.problems()).containsExactly(
                new Problem("goal", "unknown value \"spread\" (allowed: balance, consolidate, relieve)"));
    }

    @Test
    void eachGoalReadsItsOwnSettingsOnly() {
        assertThat(Goals.registry().named("balance").settings())
                .containsExactly("aggressiveness", "tolerance", "minImprovement.points", "weights.spread");
        assertThat(Goals.registry().named("consolidate").settings())
                .containsExactly("minImprovement.watts", "weights.hostPower", "weights.packing");
        assertThat(Goals.registry().named("relieve").settings()).isEmpty();
    }
}
