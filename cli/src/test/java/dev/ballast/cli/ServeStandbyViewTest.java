package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.Vm;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.service.store.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services as {@code ballast serve --config} starts them, on one PostgreSQL store and one
 * simulated cluster shared through its state file: the one holding the run lease carries out a
 * plan; the standby, which carried out nothing, shows the cluster where those migrations left it
 * (its snapshot and its metrics, the web page's source) from its next collector round on, not
 * where it was when it started.
 */
class ServeStandbyViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SolverSettings QUICK = new SolverSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 1L);
    private static final String TOKEN = "token-of-the-standby-view-test";
    private static final Duration AWAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theStandbyShowsTheClusterWhereTheHoldersMigrationsLeftIt() throws Exception {
        ServiceConfig.Store store = PostgresServer.shared().createDatabase();
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                # Migrations at a fiftieth of the pre-copy model's time: well under a second each.
                simulated: {generate: {hosts: 6, vms: 40, seed: 7}, speed: 50}
                """);
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
        try (ServeCommand.Serving a = start("a", store); ServeCommand.Serving b = start("b", store)) {
            assertThat(a.service().lease().standing().held()).as("the first service up holds the lease").isTrue();
            assertThat(b.service().lease().standing().held()).isFalse();
            Map<String, String> before = placement(b);

            assertThat(send("POST", a, "/api/v1/jobs/nightly/run").statusCode()).isEqualTo(202);
            JsonNode plan = awaitSucceeded(a);
            assertThat(plan.get("migrations").asInt()).as("a plan that moves VMs").isPositive();
            a.triggers().round();
            Map<String, String> onHolder = placement(a);
            assertThat(onHolder).as("the holder's cluster moved").isNotEqualTo(before);
            assertThat(onHolder).as("as its state file says")
                    .isEqualTo(placement(SnapshotReader.read(dir.resolve("cluster.state.yaml"))));

            b.triggers().round();

            assertThat(placement(b)).as("the standby's snapshot after its next round").isEqualTo(onHolder);
            assertThat(utilisation(b)).as("the standby's metrics").isEqualTo(utilisation(a)).isNotEmpty();
            System.out.printf("standby view: a plan of %d migrations on the holder; VMs the standby showed elsewhere"
                    + " before its round: %d, after: 0%n", plan.get("migrations").asInt(),
                    onHolder.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count());
        }
    }

    /** The service as {@code ballast serve --config} starts it, on its own port and data directory. */
    private ServeCommand.Serving start(String name, ServiceConfig.Store store) throws Exception {
        Path serviceFile = Files.writeString(dir.resolve("service-" + name + ".yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data-%s
                store: {url: "%s", user: %s, passwordFile: "%s"}
                http: {listen: "127.0.0.1:0", tokenFile: token}
                jobs: [{name: nightly, policy: consolidate, mode: auto}]
                """.formatted(name, store.url(), store.user(), store.passwordFile()));
        ServeCommand serve = new ServeCommand();
        serve.config = serviceFile;
        serve.solver = QUICK;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<ServeCommand.Serving> started = serve.start(new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(started).as("ballast serve --config %s\n%s%s", serviceFile, out, err).isPresent();
        return started.get();
    }

    private static HttpResponse<String> send(String method, ServeCommand.Serving serving, String path)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The job's plan once it succeeded; fails on another end. */
    private static JsonNode awaitSucceeded(ServeCommand.Serving serving) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode plans = JSON.readTree(send("GET", serving, "/api/v1/plans").body());
            for (JsonNode plan : plans) {
                String state = plan.get("state").asText();
                if (state.equals("succeeded")) {
                    return plan;
                }
                assertThat(state).as(plan.toString()).isIn("recommended", "approved", "running");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no plan succeeded within " + AWAIT);
    }

    /** Each VM's host, as the service's {@code GET /api/v1/snapshot} shows them. */
    private static Map<String, String> placement(ServeCommand.Serving serving) throws Exception {
        return placement(SnapshotReader.parse(send("GET", serving, "/api/v1/snapshot").body(), "snapshot"));
    }

    private static Map<String, String> placement(ClusterSnapshot snapshot) {
        Map<String, String> hosts = new TreeMap<>();
        for (Vm vm : snapshot.vms()) {
            hosts.put(vm.name(), vm.host());
        }
        return hosts;
    }

    /** The service's {@code ballast_host_utilisation_ratio} lines, as {@code GET /metrics} gives them. */
    private static List<String> utilisation(ServeCommand.Serving serving) throws Exception {
        return send("GET", serving, "/metrics").body().lines()
                .filter(line -> line.startsWith("ballast_host_utilisation_ratio{")).sorted().toList();
    }
}
