package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.ServiceConfig;
import dev.ballast.service.store.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ballast serve} processes on one PostgreSQL store and one simulated cluster (shared
 * through its state file), each with its own data directory and port. The one holding the run
 * lease is killed with SIGKILL in the middle of a migration: the other takes the lease once it
 * lapses, reads the cluster where the dead one left it, reconciles the journal it finds in the
 * store, and ends the plan truthfully, no step done twice. The test waits on the services'
 * answers (polling the API), never for a fixed time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "failover-test-token-0123456789abcdef";
    private static final Duration AWAIT = Duration.ofSeconds(120);
    /** Short, so that the test runs in seconds; renewed three times within it. */
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOtherServiceTakesOverAPlanWhoseServiceWasKilledMidStepAndNoStepIsDoneTwice() throws Exception {
        ServiceConfig.Store store = PostgresServer.shared().createDatabase();
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                # Migrations at a fifth of the pre-copy model's time: a few seconds each.
                simulated: {generate: {hosts: 6, vms: 40, seed: 7}, speed: 5}
                """);
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        int portA = freePort();
        int portB = freePort();
        Process a = serve(serviceFile("a", portA, store), "a", portA);
        assertThat(lease(portA).get("held").asBoolean()).as("the first service up takes the lease").isTrue();
        serve(serviceFile("b", portB, store), "b", portB);
        assertThat(lease(portB).get("held").asBoolean()).isFalse();

        post(portA, "/api/v1/jobs/nightly/run");
        JsonNode recommended = await("a recommended plan", () -> {
            JsonNode plans = get(portB, "/api/v1/plans?state=recommended");
            return plans.size() > 0 ? plans.get(0) : null;
        });
        long id = recommended.get("id").asLong();
        int steps = recommended.get("steps").asInt();
        assertThat(steps).as("a plan of several steps").isGreaterThan(3);
        // Approved on b, which does not hold the lease: a runs it.
        post(portB, "/api/v1/plans/" + id + "/approve");
        await("a step under way after one done", () -> {
            List<String> kinds = new ArrayList<>();
            get(portA, "/api/v1/plans/" + id + "/events").forEach(e -> kinds.add(e.get("kind").asText()));
            return kinds.contains("step-done") && kinds.lastIndexOf("step-started") > kinds.indexOf("step-done")
                    ? kinds : null;
        });
        a.destroyForcibly(); // SIGKILL: no shutdown hook, the lease is not let go
        long killedAt = System.nanoTime();
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);

        JsonNode taken = await("b holding the lease", () -> lease(portB).get("held").asBoolean() ? lease(portB) : null);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(taken.get("token").asLong()).as("the fencing token went up").isEqualTo(2);
        JsonNode ended = await("the plan ended", () -> {
            JsonNode plan = get(portB, "/api/v1/plans/" + id);
            return List.of("succeeded", "stopped", "failed").contains(plan.get("state").asText()) ? plan : null;
        });

        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("succeeded");
        Map<Integer, Integer> doneByStep = new HashMap<>();
        List<String> journal = Files.readAllLines(dir.resolve("data-b/runs/plan-" + id + ".journal.jsonl"));
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            String event = entry.path("event").asText();
            if (event.equals("done") || event.equals("reconciled") && entry.path("outcome").asText().equals("done")) {
                doneByStep.merge(entry.get("step").asInt(), 1, Integer::sum);
            }
        }
        assertThat(journal).as("b's journal holds a's run, from the store, and b's reconciliation")
                .anyMatch(line -> line.contains("\"event\":\"reconciled\""));
        long repeated = doneByStep.values().stream().filter(times -> times > 1).count();
        assertThat(doneByStep).as("every step done once, none twice: %s", journal).hasSize(steps);
        assertThat(repeated).isZero();
        MigrationPlan plan = PlanReader.parse(get(portB, "/api/v1/plans/" + id).get("plan").toString(), "plan");
        ClusterSnapshot cluster = SnapshotReader.read(dir.resolve("cluster.state.yaml"));
        plan.placement().hostOfVm().forEach((vm, host) ->
                assertThat(cluster.vm(vm).orElseThrow().host()).as(vm).isEqualTo(host));
        assertThat(takeOver).as("taken over within the lease and a renewal, with room for a busy machine")
                .isLessThan(LEASE.plus(RENEW_EVERY).plusSeconds(5));
        System.out.printf("failover (two processes, kill -9 mid-step): b took the lease %.1f s after the kill"
                + " (lease %d s, renewed every %d s); steps repeated: %d%n", takeOver.toMillis() / 1000.0,
                LEASE.toSeconds(), RENEW_EVERY.toSeconds(), repeated);
    }

    private Path serviceFile(String name, int port, ServiceConfig.Store store) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data-%s
                store:
                  url: "%s"
                  user: %s
                  passwordFile: %s
                  lease: {duration: %ds, renewEvery: %ds}
                http: {listen: "127.0.0.1:%d", tokenFile: token}
                jobs: [{name: nightly, policy: consolidate}]
                """.formatted(name, store.url(), store.user(), store.passwordFile(), LEASE.toSeconds(),
                RENEW_EVERY.toSeconds(), port));
    }

    private Process serve(Path config, String name, int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        await("service " + name + " answering", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("ballast serve ended with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve(name + ".log")));
            }
            try {
                return get(port, "/api/v1/health");
            } catch (IOException notYet) {
                return null;
            }
        });
        return process;
    }

    private JsonNode lease(int port) throws Exception {
        return get(port, "/api/v1/health").get("runLease");
    }

    private JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 202);
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until {@code probe} gives something, a bounded time. */
    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " within " + AWAIT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
