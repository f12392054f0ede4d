package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
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
 * {@code ballast serve} in a process of its own, on a simulated cluster file, killed with SIGKILL
 * in the middle of a plan and started again on the same files: the plan found running has its
 * journal reconciled with where the VMs are, runs on, and ends truthfully; no step is done twice.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServiceCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "crash-test-token-0123456789abcdef";
    private static final Duration AWAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void killedMidPlanItReconcilesTheJournalRunsOnAndNoStepIsDoneTwice() throws Exception {
        port = freePort();
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                # Migrations at a fifth of the pre-copy model's time: a few seconds each.
                simulated: {generate: {hosts: 6, vms: 40, seed: 7}, speed: 5}
                """);
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                http: {listen: "127.0.0.1:%d", tokenFile: token}
                jobs: [{name: nightly, policy: consolidate}]
                """.formatted(port));

        Process first = serve(config, "first");
        post("/api/v1/jobs/nightly/run");
        JsonNode recommended = await("a recommended plan", () -> plans().size() > 0 ? plans().get(0) : null);
        long id = recommended.get("id").asLong();
        int steps = recommended.get("steps").asInt();
        assertThat(steps).as("a plan of several steps").isGreaterThan(3);
        post("/api/v1/plans/" + id + "/approve");
        // Kill it once a step is done and the next has started: in the middle of a migration.
        await("a step under way after one done", () -> {
            List<String> kinds = events(id).stream().map(e -> e.get("kind").asText()).toList();
            return kinds.contains("step-done") && kinds.lastIndexOf("step-started") > kinds.indexOf("step-done")
                    ? kinds : null;
        });
        first.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no last word
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);

        serve(config, "second");
        JsonNode ended = await("the plan ended", () -> {
            JsonNode plan = get("/api/v1/plans/" + id);
            return List.of("succeeded", "stopped", "failed").contains(plan.get("state").asText()) ? plan : null;
        });

        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("succeeded");
        Map<Integer, Integer> doneByStep = new HashMap<>();
        List<String> journal = Files.readAllLines(dir.resolve("data/runs/plan-" + id + ".journal.jsonl"));
        for (String line : journal) {
            JsonNode entry = JSON.readTree(line);
            String event = entry.path("event").asText();
            boolean done = event.equals("done") || event.equals("reconciled") && entry.path("outcome").asText()
                    .equals("done");
            if (done) {
                doneByStep.merge(entry.get("step").asInt(), 1, Integer::sum);
            }
        }
        assertThat(journal).as("the second run reconciled the step the first left under way")
                .anyMatch(line -> line.contains("\"event\":\"reconciled\""));
        assertThat(doneByStep).as("every step done once, none twice: %s", journal).hasSize(steps)
                .allSatisfy((step, times) -> assertThat(times).as("step " + step).isEqualTo(1));
        MigrationPlan plan = PlanReader.parse(get("/api/v1/plans/" + id).get("plan").toString(), "plan");
        ClusterSnapshot cluster = SnapshotReader.read(dir.resolve("cluster.state.yaml"));
        plan.placement().hostOfVm().forEach((vm, host) ->
                assertThat(cluster.vm(vm).orElseThrow().host()).as(vm).isEqualTo(host));
    }

    private Process serve(Path config, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        await("the " + name + " service answering", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("ballast serve ended with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve(name + ".log")));
            }
            try {
                return get("/api/v1/health");
            } catch (IOException notYet) {
                return null;
            }
        });
        return process;
    }

    private List<JsonNode> plans() throws Exception {
        List<JsonNode> plans = new ArrayList<>();
        get("/api/v1/plans?state=recommended").forEach(plans::add);
        return plans;
    }

    private List<JsonNode> events(long id) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        get("/api/v1/plans/" + id + "/events").forEach(events::add);
        return events;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 202);
    }

    private URI uri(String path) {
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
