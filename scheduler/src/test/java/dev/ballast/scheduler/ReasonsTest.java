package dev.ballast.scheduler;

import static dev.ballast.scheduler.Clusters.balance;
import static dev.ballast.scheduler.Clusters.consolidate;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Migration;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOff;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.scheduler.goals.Goals;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The words of each kind of reason, on 16-core, 64 GiB hosts of 150 W idle (limits 85% CPU, 95% memory). */
class ReasonsTest {

    private static List<String> reasons(ClusterSnapshot snapshot, Policy policy, Step... steps) {
        return Reasons.attach(snapshot, policy, Goals.registry().of(policy).on(snapshot, policy), List.of(steps))
                .stream().map(s -> s.reason().text()).toList();
    }

    @Test
    void aMoveOffAHostOverALimitRelievesItWithTheFiguresBeforeAndAfter() {
        // h1 runs 14 of 16 cores (87.5%); a takes 2 of them away (75%).
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 4, 2), vm("b", "h1", 4, 12)), List.of());

        assertThat(reasons(snapshot, balance(), new Migration("a", "h1", "h2")))
                .containsExactly("relieves h1: cpu 87.5% -> 75% (limit 85%)");
    }

    @Test
    void aMoveOffAHostInMaintenanceSaysHowManyAreLeft() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1", HostState.MAINTENANCE), host("h2")),
                List.of(vm("a", "h1", 4, 1), vm("b", "h1", 4, 1)), List.of());

        assertThat(reasons(snapshot, balance(), new Migration("a", "h1", "h2"), new Migration("b", "h1", "h2")))
                .containsExactly("leaves h1 in maintenance (1 VM left)", "leaves h1 in maintenance (none left)");
    }

    @Test
    void aDrainCountsDownToTheStepThatEmptiesTheHostAndItsPowerOff() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 4, 1), vm("b", "h2", 4, 1), vm("c", "h2", 4, 1)), List.of());

        assertThat(reasons(snapshot, consolidate(), new Migration("b", "h2", "h1"), new Migration("c", "h2", "h1"),
                new PowerOff("h2"))).containsExactly("drains h2 (1 VM left)", "empties h2 (150 W off after step 3)",
                        "switches h2 off: 150 W");
    }

    @Test
    void aDetourSaysWhichVmItMakesRoomFor() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 40, 1), vm("b", "h2", 40, 1), vm("k", "h1", 1, 1), vm("l", "h2", 1, 1)),
                List.of());

        assertThat(reasons(snapshot, balance(), new Migration("a", "h1", "h3").asDetour(),
                new Migration("b", "h2", "h1"), new Migration("a", "h3", "h2")))
                .containsExactly("detour: frees room on h1 for b", "frees room on h2 for a",
                        "moves on from its detour to h2");
    }

    @Test
    void aMoveBetweenTwoHostsEvensThemOutAroundTheMean() {
        // 12 cores on h1 (75%), 2 on h2 (12.5%): the mean is 43.75%; a takes 4 cores across. The
        // generic words, as a goal that has none of its own gets them.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 4, 4), vm("b", "h1", 4, 8), vm("c", "h2", 4, 2)), List.of());

        assertThat(reasons(snapshot, consolidate(), new Migration("a", "h1", "h2")))
                .containsExactly("evens out: h1 cpu 75% -> 50%, h2 cpu 12.5% -> 37.5% (mean 43.8%)");
    }

    @Test
    void balanceCoolsAHostHotterThanItsTolerance() {
        // 10 cores on h1 (62.5%), 2 on h2, 1 on h3: the mean is 27.1%, and h1 runs above it by
        // more than balance's tolerance of 4 points. a takes 4 cores to h2.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
                List.of(vm("a", "h1", 4, 4), vm("b", "h1", 4, 6), vm("c", "h2", 4, 2), vm("d", "h3", 4, 1)),
                List.of());

        assertThat(reasons(snapshot, balance(), new Migration("a", "h1", "h2")))
                .containsExactly("cools hot h1: cpu 62.5% -> 37.5%, h2 cpu 12.5% -> 37.5% (mean 27.1%)");
    }

    @Test
    void balanceLeavesAHostWithinItsToleranceToTheGenericWords() {
        // 5 cores on h1 (31.25%), 4 on h2 (25%): the mean is 28.1%, h1 3.1 points above it, within
        // balance's tolerance of 4. a takes half a core across.
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 4, 0.5), vm("b", "h1", 4, 4.5), vm("c", "h2", 4, 4)), List.of());

        assertThat(reasons(snapshot, balance(), new Migration("a", "h1", "h2")))
                .containsExactly("evens out: h1 cpu 31.3% -> 28.1%, h2 cpu 25% -> 28.1% (mean 28.1%)");
    }

    @Test
    void aNewVmIsStarted() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1")), List.of(vm("new", null, 4, 1)), List.of());

        assertThat(reasons(snapshot, balance(), new StartVm("new", "h1"))).containsExactly("starts new on h1");
    }

    @Test
    void everyReasonCarriesTheTermsItsWordsComeFrom() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 4, 2), vm("b", "h1", 4, 12)), List.of());

        List<Step> steps = Reasons.attach(snapshot, balance(), Goals.registry().of(balance()).on(snapshot, balance()),
                List.of(new Migration("a", "h1", "h2")));

        assertThat(steps.get(0).reason().terms()).containsExactly(
                Term.relieves("h1", dev.ballast.model.Resource.CPU, 14 / 16.0, 12 / 16.0, 0.85));
    }
}
