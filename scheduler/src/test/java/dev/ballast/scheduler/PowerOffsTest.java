package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.Step;
import org.junit.jupiter.api.Test;

import java.util.List;

class PowerOffsTest {

    @Test
    void eachHostIsSwitchedOffRightAfterTheLastStepThatLeavesIt() {
        List<Step> steps = List.of(new Migration("a", "h2", "h1"), new Migration("b", "h3", "h1"),
                new Migration("c", "h2", "h1"));

        List<Step> placed = PowerOffs.insert(steps, List.of("h2", "h3"));

        assertThat(placed).containsExactly(new Migration("a", "h2", "h1"), new Migration("b", "h3", "h1"),
                new PowerOff("h3"), new Migration("c", "h2", "h1"), new PowerOff("h2"));
    }

    @Test
    void aHostEmptyFromTheStartIsSwitchedOffFirst() {
        List<Step> placed = PowerOffs.insert(List.of(new Migration("a", "h2", "h1")), List.of("h3"));

        assertThat(placed).containsExactly(new PowerOff("h3"), new Migration("a", "h2", "h1"));
    }

    @Test
    void aHostADetourPassesThroughIsSwitchedOffOnceTheVmHasMovedOn() {
        List<Step> steps = List.of(new Migration("a", "h1", "h3").asDetour(), new Migration("b", "h2", "h1"),
                new Migration("a", "h3", "h2"));

        List<Step> placed = PowerOffs.insert(steps, List.of("h3"));

        assertThat(placed).endsWith(new Migration("a", "h3", "h2"), new PowerOff("h3"));
    }
}
