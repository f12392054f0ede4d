package dev.ballast.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.formats.PlanReader;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Vm;
import dev.ballast.service.Service;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT|DELETE /api/v1/hosts/{name}/maintenance} over HTTP, on a simulated cluster. */
class MaintenanceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-for-tests";
    private static final Duration AWAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private SimulatedService simulated;
    private ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        simulated = new SimulatedService(dataDir);
        Path tokenFile = Files.writeString(dataDir.resolve("token"), SECRET + "\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        simulated.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(AWAIT).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** The host running the most VMs: the one whose evacuation shows most. */
    private String busiestHost() throws Exception {
        ClusterSnapshot snapshot = simulated.service.snapshot();
        return snapshot.hosts().stream().max(Comparator.comparingLong(host -> vmsOn(snapshot, host.name()).size()))
                .orElseThrow().name();
    }

    private static List<Vm> vmsOn(ClusterSnapshot snapshot, String host) {
        return snapshot.vms().stream().filter(vm -> host.equals(vm.host())).toList();
    }

    /** Waits, a bounded time, for the job's first plan (the worker makes it after the answer). */
    private StoredPlan awaitPlan(String job) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StoredPlan> plan = simulated.store().ofJob(job, PlanState.RECOMMENDED).stream().findFirst();
            if (plan.isPresent()) {
                return plan.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no recommended plan of job " + job + " within " + AWAIT);
    }

    @Test
    void enteringMaintenanceMakesARecommendedEvacuationPlanThatEmptiesTheHostWhenApproved() throws Exception {
        String host = busiestHost();
        int vms = vmsOn(simulated.service.snapshot(), host).size();

        Answer entered = send("PUT", "/api/v1/hosts/" + host + "/maintenance", SECRET, null);

        assertThat(entered.status()).isEqualTo(202);
        StoredPlan plan = awaitPlan(Service.MAINTENANCE_JOB);
        assertThat(plan.policy()).isEqualTo("relieve");
        assertThat(plan.migrations()).as("every VM of " + host + " leaves it").isEqualTo(vms);
        assertThat(PlanReader.parse(plan.planJson(), "plan").placement().hostOfVm()).doesNotContainValue(host);
        assertThat(simulated.service.snapshot().host(host).orElseThrow().state()).isEqualTo(HostState.MAINTENANCE);

        assertThat(send("POST", "/api/v1/plans/" + plan.id() + "/approve", SECRET, null).status()).isEqualTo(200);
        simulated.awaitState(plan.id(), PlanState.SUCCEEDED);
        assertThat(vmsOn(simulated.cluster.snapshot(), host)).isEmpty();
    }

    @Test
    void enteringTwiceIs409AndAnUnknownHostIs404() throws Exception {
        String host = busiestHost();
        assertThat(send("PUT", "/api/v1/hosts/" + host + "/maintenance", SECRET, null).status()).isEqualTo(202);

        Answer twice = send("PUT", "/api/v1/hosts/" + host + "/maintenance", SECRET, null);
        Answer unknown = send("PUT", "/api/v1/hosts/no-such-host/maintenance", SECRET, null);

        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("error").asText()).contains(host + " is already in maintenance");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("field").asText()).isEqualTo("name");
    }

    @Test
    void exitingSupersedesThePendingEvacuationAndExitingTwiceIs409() throws Exception {
        String host = busiestHost();
        send("PUT", "/api/v1/hosts/" + host + "/maintenance", SECRET, null);
        StoredPlan plan = awaitPlan(Service.MAINTENANCE_JOB);

        Answer exited = send("DELETE", "/api/v1/hosts/" + host + "/maintenance", SECRET, null);

        assertThat(exited.status()).isEqualTo(200);
        simulated.awaitState(plan.id(), PlanState.SUPERSEDED);
        assertThat(simulated.service.collect().host(host).orElseThrow().state()).isEqualTo(HostState.ACTIVE);
        assertThat(send("DELETE", "/api/v1/hosts/" + host + "/maintenance", SECRET, null).status()).isEqualTo(409);
    }

    @Test
    void withoutTheTokenNothingChanges() throws Exception {
        String host = busiestHost();

        assertThat(send("PUT", "/api/v1/hosts/" + host + "/maintenance", null, null).status()).isEqualTo(401);
        assertThat(send("PUT", "/api/v1/hosts/" + host + "/maintenance", "wrong", null).status()).isEqualTo(403);
        assertThat(simulated.service.collect().host(host).orElseThrow().state()).isEqualTo(HostState.ACTIVE);
        assertThat(simulated.service.hostsInMaintenance()).isEmpty();
    }

    @Test
    void aBadModeIs400NamingIt() throws Exception {
        Answer answer = send("PUT", "/api/v1/hosts/" + busiestHost() + "/maintenance", SECRET, "{\"mode\": \"now\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("field").asText()).isEqualTo("mode");
        assertThat(simulated.service.hostsInMaintenance()).isEmpty();
    }
}
