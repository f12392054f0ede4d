package dev.ballast.formats;

import java.nio.file.Path;

/** Where the shared example and test files are, seen from this module's directory (Surefire's working directory). */
final class Examples {

    static final Path DOCS = Path.of("..", "docs", "examples");
    static final Path SNAPSHOT = DOCS.resolve("snapshot.yaml");
    static final Path POLICY = DOCS.resolve("policy.yaml");
    static final Path BAD = Path.of("src", "test", "resources", "bad");

    static final String SNAPSHOT_HEADER = "apiVersion: ballast/v1\nkind: ClusterSnapshot\n";
    static final String POLICY_HEADER = "apiVersion: ballast/v1\nkind: Policy\n";

    private Examples() {
    }
}
