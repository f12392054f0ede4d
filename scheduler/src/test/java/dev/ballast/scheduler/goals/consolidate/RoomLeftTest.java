package dev.ballast.scheduler.goals.consolidate;

import static dev.ballast.scheduler.Clusters.consolidate;
import static dev.ballast.scheduler.Clusters.host;
import static dev.ballast.scheduler.Clusters.vm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Resource;
import dev.ballast.model.Vm;
import dev.ballast.rules.ClusterState;
import org.junit.jupiter.api.Test;

import java.util.List;

/** Hosts of 64 GiB, 60.8 GiB of it within the policy's limits. */
class RoomLeftTest {

    private final ClusterSnapshot snapshot = new ClusterSnapshot(List.of(host("h1"), host("h2"), host("h3")),
            List.of(vm("a", "h1", 50, 1), vm("b", "h2", 40, 1), vm("c", "h3", 30, 1), vm("new", null, 12, 1)),
            List.of());
    private final ClusterState state = ClusterState.current(snapshot, consolidate());
    private final RoomLeft room = new RoomLeft(state, Resource.MEMORY, PackingSize.of(snapshot, consolidate()));

    private Vm named(String name) {
        return snapshot.vm(name).orElseThrow();
    }

    @Test
    void aVmGoesWhereItLeavesTheLeastRoom() {
        snapshot.hosts().forEach(room::add);

        // Rooms of 10.8, 20.8 and 30.8 GiB: 12 GiB fit the second most tightly.
        assertThat(room.tightestFor(named("new"))).contains("h2");
    }

    @Test
    void aHostThatFillsUpMakesWayForTheNextTightest() {
        snapshot.hosts().forEach(room::add);
        state.move("a", "h2");
        room.changed("h1");
        room.changed("h2");

        // h1 is empty now (60.8 GiB left), h2 holds 90 GiB, over its limit: h3 has the least room that fits.
        assertThat(room.tightestFor(named("new"))).contains("h3");
    }

    @Test
    void amongHostsWithTheSameMemoryLeftTheOneWithLessCpuLeftIsFilled() {
        // Both hosts keep 30.8 GiB free; h2's VM uses 10 of its 13.6 cores, h1's one.
        ClusterSnapshot even = new ClusterSnapshot(List.of(host("h1"), host("h2")),
                List.of(vm("a", "h1", 30, 1), vm("b", "h2", 30, 10), vm("new", null, 8, 1)), List.of());
        ClusterState evenState = ClusterState.current(even, consolidate());
        RoomLeft evenRoom = new RoomLeft(evenState, Resource.MEMORY, PackingSize.of(even, consolidate()));
        even.hosts().forEach(evenRoom::add);

        assertThat(evenRoom.tightestFor(even.vm("new").orElseThrow())).contains("h2");
    }

    @Test
    void onlyTheHostsAddedAreOffered() {
        room.add(snapshot.host("h1").orElseThrow());

        assertThat(room.tightestFor(named("new"))).isEmpty();
        room.add(snapshot.host("h3").orElseThrow());
        assertThat(room.tightestFor(named("new"))).contains("h3");
        room.remove("h3");
        assertThat(room.tightestFor(named("new"))).isEmpty();
    }

    @Test
    void aVmIsNeverOfferedTheHostItRunsOn() {
        snapshot.hosts().forEach(room::add);

        // c's 30 GiB fit only h3's 30.8, which is where c runs.
        assertThat(room.tightestFor(named("c"))).isEmpty();
    }
}
