package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plan's life: which state may follow which, whatever database keeps it. */
class PlanStateTest {

    @ParameterizedTest
    @EnumSource(value = PlanState.class, names = {"SUCCEEDED", "FAILED", "STOPPED", "REJECTED", "SUPERSEDED",
        "CANCELLED"})
    void finalStatesLeadNowhere(PlanState state) {
        assertThat(state.isFinal()).isTrue();
        assertThat(state.next()).isEmpty();
    }

    @Test
    void onlyAPlanNotYetRunningMayBeSupersededOrCancelled() {
        assertThat(PlanState.RECOMMENDED.mayBecome(PlanState.SUPERSEDED)).isTrue();
        assertThat(PlanState.APPROVED.mayBecome(PlanState.CANCELLED)).isTrue();
        assertThat(PlanState.RUNNING.mayBecome(PlanState.SUPERSEDED)).isFalse();
        assertThat(PlanState.RUNNING.mayBecome(PlanState.CANCELLED)).isFalse();
        assertThat(PlanState.RECOMMENDED.mayBecome(PlanState.RUNNING)).isFalse();
    }
}
