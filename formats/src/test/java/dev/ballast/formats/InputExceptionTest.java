package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputExceptionTest {

    @Test
    void problemPrintsAsPathThenMessage() {
        assertThat(new Problem("vms[3].demand.cpu", "must be >= 0, got -1"))
                .hasToString("vms[3].demand.cpu: must be >= 0, got -1");
    }

    @Test
    void messageNamesTheSourceAndListsEveryProblemOnItsOwnLine() {
        InputException e = new InputException("snap.yaml", List.of(
                new Problem("hosts[0].name", "required"), new Problem("vms[1].vcpus", "must be > 0, got 0")));

        assertThat(e.getMessage()).isEqualTo("""
                snap.yaml: 2 problems:
                  hosts[0].name: required
                  vms[1].vcpus: must be > 0, got 0""");
        assertThat(e.source()).isEqualTo("snap.yaml");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void oneProblemIsSingular() {
        assertThat(new InputException("p.yaml", "goal", "required").getMessage())
                .isEqualTo("p.yaml: 1 problem:\n  goal: required");
    }

    @Test
    void refusesAnEmptyListOfProblems() {
        assertThatThrownBy(() -> new InputException("x", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
