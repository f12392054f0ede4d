package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ballast serve} refuses bad input with exit code 2 before it listens on anything, and
 * exits 1 saying why when its store cannot be opened.
 */
class ServeCommandTest {

    private static final Path CORPUS = Path.of("../formats/src/test/resources/bad");

    @TempDir
    Path dir;

    static Stream<Arguments> services() throws IOException {
        return Files.readAllLines(CORPUS.resolve("EXPECTED.tsv")).stream()
                .filter(line -> line.startsWith("service-"))
                .map(line -> line.split("\t", 2))
                .map(cells -> Arguments.of(cells[0], cells[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void refusesEveryBadServiceFileOfTheCorpus(String name, String expected) {
        Run run = Run.ballast("serve", "--config", CORPUS.resolve(name).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).contains(name).contains(expected);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutATokenFileSayingWhy() throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                simulated: {generate: {hosts: 4, vms: 10, seed: 1}}
                """);
        Path service = Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                http: {listen: "0.0.0.0:8787"}
                jobs: [{name: nightly, policy: consolidate}]
                """);

        Run run = Run.ballast("serve", "--config", service.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to start").contains("not a loopback address")
                .contains("http.tokenFile");
    }

    private Path serviceFile(String store) throws IOException {
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                simulated: {generate: {hosts: 4, vms: 10, seed: 1}}
                """);
        return Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                http: {listen: "127.0.0.1:0"}
                store: %s
                jobs: [{name: nightly, policy: consolidate}]
                """.formatted(store));
    }

    @Test
    void refusesToStartWhenThePasswordFileOfTheStoreCannotBeRead() throws IOException {
        Path service = serviceFile("{url: \"jdbc:postgresql://127.0.0.1:5432/ballast\", user: ballast,"
                + " passwordFile: db-password}");

        Run run = Run.ballast("serve", "--config", service.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to start: store.passwordFile: " + dir.resolve("db-password")
                + ": the password file cannot be read: no such file");
    }

    @Test
    void failsSayingWhereWhenTheStoresDatabaseCannotBeReachedAndNeverShowsThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("db-password"), "s3cret-of-the-test\n");
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/ballast";
        Path service = serviceFile("{url: \"" + url + "\", user: ballast, passwordFile: db-password}");

        Run run = Run.ballast("serve", "--config", service.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("the plan store failed opening the store at " + url + " as ballast")
                .contains("refused");
        assertThat(run.toString()).doesNotContain("s3cret-of-the-test");
    }
}
