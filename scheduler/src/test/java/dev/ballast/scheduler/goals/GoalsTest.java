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
    void listsBalanceAndConsolidate() {
        assertThat(Goals.registry().goals()).containsExactly("balance", "consolidate");
        assertThat(Goals.registry().all()).extracting(Goal::name).containsExactly("balance", "consolidate");
    }

    @Test
    void anUnknownGoalIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> Goals.registry().named("relieve"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no goal named \"relieve\" (known: balance, consolidate)");
    }

    @Test
    void anUnknownGoalInAPolicyFileIsRefusedAtItsPathListingTheKnownOnes() {
        InputException e = catchThrowableOfType(InputException.class, () -> PolicyReader.parse(
                "apiVersion: ballast/v1\nkind: Policy\nname: p\ngoal: relieve\n", "p.yaml", Goals.registry()));

        assertThat(e.problems()).containsExactly(
                new Problem("goal", "unknown value \"relieve\" (allowed: balance, consolidate)"));
    }

    @Test
    void eachGoalReadsItsOwnSettingsOnly() {
        assertThat(Goals.registry().named("balance").settings())
                .containsExactly("tolerance", "minImprovement.points", "weights.spread");
        assertThat(Goals.registry().named("consolidate").settings())
                .containsExactly("minImprovement.watts", "weights.hostPower", "weights.packing");
    }
}
