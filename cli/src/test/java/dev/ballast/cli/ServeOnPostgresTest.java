package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ServiceConfig;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ballast serve} with a {@code store:} section on a real PostgreSQL server
 * ({@link PostgresServer}): it starts, answers, keeps its plans in that database and not in the
 * data directory, and a service started again on the same store finds them.
 */
class ServeOnPostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A small simulated cluster plans in about a second with these limits. */
    private static final SolverSettings QUICK = new SolverSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 1L);
    private static final String TOKEN = "token-of-the-serve-on-postgres-test";

    @TempDir
    Path dir;

    @Test
    void servesWithItsStoreInPostgresqlAndAServiceStartedAgainFindsItsPlanThere() throws Exception {
        PostgresServer server = PostgresServer.shared();
        ServiceConfig.Store store = server.createDatabase();
        Path serviceFile = serviceFile(store);
        long id;

        try (ServeCommand.Serving serving = start(serviceFile, store)) {
            HttpResponse<String> health = send("GET", serving, "/api/v1/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("ok");

            HttpResponse<String> run = send("POST", serving, "/api/v1/jobs/nightly/run");
            assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
            id = awaitPlan(serving).get("id").asLong();
        }

        assertThat(dir.resolve("data/ballast.mv.db")).as("no embedded store").doesNotExist();
        assertThat(plansInTheDatabase(store, server.password())).containsExactly(id + " nightly recommended");

        try (ServeCommand.Serving again = start(serviceFile, store)) {
            HttpResponse<String> plan = send("GET", again, "/api/v1/plans/" + id);
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(plan.body());
            assertThat(body.get("job").asText()).isEqualTo("nightly");
            assertThat(body.get("state").asText()).isEqualTo("recommended");
        }
    }

    private Path serviceFile(ServiceConfig.Store store) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                simulated: {generate: {hosts: 4, vms: 10, seed: 1}}
                """);
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        return Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                store: {url: "%s", user: %s, passwordFile: "%s"}
                http: {listen: "127.0.0.1:0", tokenFile: "%s"}
                jobs: [{name: nightly, policy: consolidate}]
                """.formatted(store.url(), store.user(), store.passwordFile(), tokenFile));
    }

    /** The service as {@code ballast serve --config} starts it, its searches shortened. */
    private static ServeCommand.Serving start(Path serviceFile, ServiceConfig.Store store) throws Exception {
        ServeCommand serve = new ServeCommand();
        serve.config = serviceFile;
        serve.solver = QUICK;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<ServeCommand.Serving> started = serve.start(new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(started).as("ballast serve --config %s\n%s%s", serviceFile, out, err).isPresent();
        assertThat(out.toString()).contains("store: " + store.url() + " as " + store.user());
        assertThat(out + err.toString()).doesNotContain(PostgresServer.shared().password());
        return started.get();
    }

    private static HttpResponse<String> send(String method, ServeCommand.Serving serving, String path)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The job's plan, once it is listed. */
    private static JsonNode awaitPlan(ServeCommand.Serving serving) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode plans = JSON.readTree(send("GET", serving, "/api/v1/plans").body());
            if (plans.size() > 0) {
                return plans.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job made no plan within a minute");
    }

    /** The plans as the PostgreSQL database holds them: {@code id job state}. */
    private static List<String> plansInTheDatabase(ServiceConfig.Store store, String password) throws Exception {
        List<String> plans = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(store.url(), store.user(), password);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, job, state FROM plans ORDER BY id")) {
            while (r.next()) {
                plans.add(r.getLong(1) + " " + r.getString(2) + " " + r.getString(3));
            }
        }
        return plans;
    }
}
