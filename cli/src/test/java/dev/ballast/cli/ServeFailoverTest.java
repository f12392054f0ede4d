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
    private final List<ServeProcess> services = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServeProcess service : services) {
            service.close();
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
        ServeProcess.writeToken(dir.resolve("token"), TOKEN);
        ServeProcess a = serve("a", store);
        assertThat(a.lease().get("held").asBoolean()).as("the first service up takes the lease").isTrue();
        ServeProcess b = serve("b", store);
        assertThat(b.lease().get("held").asBoolean()).isFalse();

        a.post("/api/v1/jobs/nightly/run");
        JsonNode recommended = b.awaitRecommended(AWAIT);
        long id = recommended.get("id").asLong();
        int steps = recommended.get("steps").asInt();
        assertThat(steps).as("a plan of several steps").isGreaterThan(3);
        // Approved on b, which does not hold the lease: a runs it.
        b.post("/api/v1/plans/" + id + "/approve");
        a.awaitMidStep(id, AWAIT);
        long killedAt = System.nanoTime();
        a.kill(); // the lease is not let go

        JsonNode taken = b.awaitLease(AWAIT);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(taken.get("token").asLong()).as("the fencing token went up").isEqualTo(2);
        JsonNode ended = b.awaitEnd(id, AWAIT);

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
        MigrationPlan plan = PlanReader.parse(b.get("/api/v1/plans/" + id).get("plan").toString(), "plan");
        ClusterSnapshot cluster = SnapshotReader.read(dir.resolve("cluster.state.yaml"));
        plan.placement().hostOfVm().forEach((vm, host) ->
                assertThat(cluster.vm(vm).orElseThrow().host()).as(vm).isEqualTo(host));
        assertThat(takeOver).as("taken over within the lease and a renewal, with room for a busy machine")
                .isLessThan(LEASE.plus(RENEW_EVERY).plusSeconds(5));
        System.out.printf("failover (two processes, kill -9 mid-step): b took the lease %.1f s after the kill"
                + " (lease %d s, renewed every %d s); steps repeated: %d%n", takeOver.toMillis() / 1000.0,
                LEASE.toSeconds(), RENEW_EVERY.toSeconds(), repeated);
    }

    /** Starts service {@code name} on its own port and data directory, with the store and cluster the other has. */
    private ServeProcess serve(String name, ServiceConfig.Store store) throws Exception {
        ServeProcess service = ServeProcess.startOnFreePort(dir, name, port -> serviceFile(name, port, store), TOKEN,
                AWAIT);
        services.add(service);
        return service;
    }

    private static String serviceFile(String name, int port, ServiceConfig.Store store) {
        return """
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
                RENEW_EVERY.toSeconds(), port);
    }
}
