package dev.ballast.cli;

import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** {@code --snapshot FILE}, required: the cluster a command works on. A picocli mixin. */
final class SnapshotOption {

    @Option(names = "--snapshot", required = true, paramLabel = "FILE", descriptionKey = "snapshot",
            description = "The cluster: a ballast/v1 ClusterSnapshot, YAML or JSON.")
    Path file;

    /** The snapshot, or null with its problems added to {@code problems}. */
    ClusterSnapshot read(List<String> problems) {
        return Inputs.read(() -> SnapshotReader.read(file), problems);
    }
}
