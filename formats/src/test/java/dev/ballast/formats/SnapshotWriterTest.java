package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotWriterTest {

    @Test
    void yamlRoundTripsTheExample() throws Exception {
        ClusterSnapshot example = SnapshotReader.read(Examples.SNAPSHOT);

        assertThat(SnapshotReader.parse(SnapshotWriter.toYaml(example), "out.yaml")).isEqualTo(example);
    }

    @Test
    void jsonRoundTripsTheExample() throws Exception {
        ClusterSnapshot example = SnapshotReader.read(Examples.SNAPSHOT);

        assertThat(SnapshotReader.parse(SnapshotWriter.toJson(example), "out.json")).isEqualTo(example);
    }

    @Test
    void writesWhenAVmLastMigratedAndReadsItBack() throws Exception {
        Instant moved = Instant.parse("2026-11-24T03:00:00Z");
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(new Host("h1", HostState.ACTIVE, new Resources(8, 1024, 100), null, Set.of(), Set.of(),
                        null, null, null)),
                List.of(new Vm("v1", "h1", 512, 1, new Demand(1, 0), null, null, Set.of(), false, moved),
                        new Vm("v2", "h1", 512, 1, new Demand(1, 0), null, null, Set.of(), false, null)),
                List.of());

        String yaml = SnapshotWriter.toYaml(snapshot);

        assertThat(yaml).contains("    lastMigratedAt: 2026-11-24T03:00:00Z\n").containsOnlyOnce("lastMigratedAt");
        assertThat(SnapshotReader.parse(yaml, "out.yaml")).isEqualTo(snapshot);
        assertThat(SnapshotReader.parse(SnapshotWriter.toJson(snapshot), "out.json")).isEqualTo(snapshot);
    }

    @Test
    void writesWhenAHostWasSwitchedOnAndReadsItBack() throws Exception {
        Instant on = Instant.parse("2026-11-24T06:30:00Z");
        Host plain = new Host("h1", HostState.ACTIVE, new Resources(8, 1024, 100), null, Set.of(), Set.of(), null,
                null, null);
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(plain.withPoweredOnAt(on),
                new Host("h2", HostState.ACTIVE, new Resources(8, 1024, 100), null, Set.of(), Set.of(), null, null,
                        null)), List.of(), List.of());

        String yaml = SnapshotWriter.toYaml(snapshot);

        assertThat(yaml).contains("  poweredOnAt: 2026-11-24T06:30:00Z\n").containsOnlyOnce("poweredOnAt");
        assertThat(SnapshotReader.parse(yaml, "out.yaml")).isEqualTo(snapshot);
        assertThat(SnapshotReader.parse(SnapshotWriter.toJson(snapshot), "out.json")).isEqualTo(snapshot);
    }

    @Test
    void namesThatLookLikeNumbersOrBooleansStayStrings() throws Exception {
        ClusterSnapshot odd = new ClusterSnapshot(
                List.of(new Host("1234", HostState.ACTIVE, new Resources(8, 1024, 100), null,
                        Set.of("true"), Set.of("0.5"), null, null, null)),
                List.of(new Vm("null", "1234", 512, 1, new Demand(0.25, 0), null, "true", Set.of(), false)),
                List.of());

        assertThat(SnapshotReader.parse(SnapshotWriter.toYaml(odd), "odd.yaml")).isEqualTo(odd);
    }

    @Test
    void writesWholeNumbersWithoutADecimalPointAndLeavesOutDefaults() throws Exception {
        ClusterSnapshot snapshot = new ClusterSnapshot(
                List.of(new Host("h1", HostState.ACTIVE, new Resources(8, 1024, 100), null, Set.of(), Set.of(),
                        null, null, null)),
                List.of(new Vm("v1", null, 512, 1, new Demand(1.5, 0), null, null, Set.of(), false)),
                List.of());

        assertThat(SnapshotWriter.toYaml(snapshot)).isEqualTo("""
                apiVersion: ballast/v1
                kind: ClusterSnapshot
                hosts:
                  - name: h1
                    state: active
                    capacity:
                      cpu: 8
                      memoryMiB: 1024
                      networkMbps: 100
                vms:
                  - name: v1
                    memoryMiB: 512
                    vcpus: 1
                    demand:
                      cpu: 1.5
                      networkMbps: 0
                """);
    }
}
