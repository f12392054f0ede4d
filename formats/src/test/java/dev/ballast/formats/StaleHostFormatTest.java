package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Staleness;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A host the collector marked stale keeps the mark, its time and its reason through a file. */
class StaleHostFormatTest {

    private static final Staleness STALE = new Staleness(Instant.parse("2026-11-24T03:00:00Z"),
            "libvirt qemu+tcp://198.18.0.9/system: no answer within 10s");

    @Test
    void aStaleHostRoundTripsThroughYamlAndJson() throws InputException {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(new Host("h1", HostState.ACTIVE,
                new Resources(8, 1024, 100), null, Set.of(), Set.of(), null, null, null, STALE)), List.of(), List.of());

        assertThat(SnapshotReader.parse(SnapshotWriter.toYaml(snapshot), "s.yaml")).isEqualTo(snapshot);
        assertThat(SnapshotReader.parse(SnapshotWriter.toJson(snapshot), "s.json")).isEqualTo(snapshot);
        assertThat(SnapshotWriter.toYaml(snapshot)).contains("since: 2026-11-24T03:00:00Z");
    }

    @Test
    void aStaleMarkNeedsItsTimeAndReason() {
        InputException e = catchThrowableOfType(InputException.class, () -> SnapshotReader.parse("""
                apiVersion: ballast/v1
                kind: ClusterSnapshot
                hosts:
                  - name: h1
                    capacity: {cpu: 8, memoryMiB: 1024, networkMbps: 100}
                    stale: {since: yesterday}
                """, "s.yaml"));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "hosts[0].stale.since: expected an ISO-8601 instant such as 2026-11-24T03:00:00Z, got \"yesterday\"",
                "hosts[0].stale.reason: required");
    }
}
