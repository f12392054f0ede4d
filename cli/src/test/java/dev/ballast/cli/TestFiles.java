package dev.ballast.cli;

import dev.ballast.formats.SnapshotWriter;
import dev.ballast.model.ClusterSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input files for the command's tests, written into a test's temporary directory. */
final class TestFiles {

    static final String POLICY_YAML = """
            apiVersion: ballast/v1
            kind: Policy
            name: tight
            goal: balance
            limits:
              cpu: 0.8
              memory: 0.9
              network: 0.8
            maxMigrations: 20
            """;

    private TestFiles() {
    }

    static Path snapshot(Path dir, String name, ClusterSnapshot snapshot) {
        return write(dir.resolve(name), SnapshotWriter.toYaml(snapshot));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
