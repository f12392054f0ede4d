package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.formats.SnapshotReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.MigrationPlan;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final List<ServeProcess> services = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServeProcess started : services) {
            started.close();
        }
    }

    @Test
    void killedMidPlanItReconcilesTheJournalRunsOnAndNoStepIsDoneTwice() throws Exception {
        int port = ServeProcess.freePort();
        Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                # Migrations at a fifth of the pre-copy model's time: a few seconds each.
                simulated: {generate: {hosts: 6, vms: 40, seed: 7}, speed: 5}
                """);
        ServeProcess.writeToken(dir.resolve("token"), TOKEN);
        Path config = Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                http: {listen: "127.0.0.1:%d", tokenFile: token}
                jobs: [{name: nightly, policy: consolidate}]
                """.formatted(port));

        ServeProcess first = serve(config, port, "first");
        first.post("/api/v1/jobs/nightly/run");
        JsonNode recommended = first.awaitRecommended(AWAIT);
        long id = recommended.get("id").asLong();
        int steps = recommended.get("steps").asInt();
        assertThat(steps).as("a plan of several steps").isGreaterThan(3);
        first.post("/api/v1/plans/" + id + "/approve");
        // Kill it once a step is done and the next has started: in the middle of a migration.
        first.awaitMidStep(id, AWAIT);
        first.kill(); // no last word

        ServeProcess second = serve(config, port, "second");
        JsonNode ended = second.awaitEnd(id, AWAIT);

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
        MigrationPlan plan = PlanReader.parse(second.get("/api/v1/plans/" + id).get("plan").toString(), "plan");
        ClusterSnapshot cluster = SnapshotReader.read(dir.resolve("cluster.state.yaml"));
        plan.placement().hostOfVm().forEach((vm, host) ->
                assertThat(cluster.vm(vm).orElseThrow().host()).as(vm).isEqualTo(host));
    }

    private ServeProcess serve(Path config, int port, String name) throws Exception {
        ServeProcess service = ServeProcess.start(config, dir.resolve(name + ".log"), port, TOKEN, AWAIT);
        services.add(service);
        return service;
    }
}
