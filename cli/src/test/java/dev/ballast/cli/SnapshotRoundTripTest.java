package dev.ballast.cli;

import dev.ballast.formats.InputException;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated clusters are valid snapshots: they survive the writers and the validating readers. */
class SnapshotRoundTripTest {

    @Test
    void theDemoSurvivesYaml() throws InputException {
        ClusterSnapshot demo = ClusterGenerator.demo();

        assertThat(SnapshotReader.parse(SnapshotWriter.toYaml(demo), "demo.yaml")).isEqualTo(demo);
    }

    @Test
    void aLargeMixedClusterSurvivesJson() throws InputException {
        ClusterSnapshot mixed = ClusterGenerator.mixed(200, 2000, 11);

        assertThat(SnapshotReader.parse(SnapshotWriter.toJson(mixed), "mixed.json")).isEqualTo(mixed);
    }
}
