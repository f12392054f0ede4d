package dev.ballast.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ServiceConfig.Http;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on 127.0.0.1, on a free port, with a service on a simulated cluster. */
class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-for-tests";

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

    private record Answer(int status, JsonNode body, String text) {
    }

    private Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response.body());
    }

    private Answer get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    private Answer post(String path, String token) throws Exception {
        return send("POST", path, token, null);
    }

    /** A recommended plan, made by the job itself. */
    private StoredPlan recommended() throws Exception {
        return simulated.service.runJob("nightly").get().orElseThrow();
    }

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        Answer answer = get("/api/v1/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void listsTheJobs() throws Exception {
        Answer answer = get("/api/v1/jobs");

        assertThat(answer.body().findValuesAsText("name")).containsExactly("nightly", "rebalance");
        assertThat(answer.body().get(1).get("mode").asText()).isEqualTo("auto");
        // Neither wakes hosts: the field is there, null, as every job has the same fields.
        assertThat(answer.body().get(0).has("limitsOf")).isTrue();
        assertThat(answer.body().findValues("limitsOf")).allMatch(JsonNode::isNull);
    }

    @Test
    void theSnapshotIsACollectedOne() throws Exception {
        Answer answer = get("/api/v1/snapshot");

        assertThat(answer.body().get("kind").asText()).isEqualTo("ClusterSnapshot");
        assertThat(answer.body().get("hosts")).hasSize(6);
    }

    @Test
    void withoutTheTokenEveryMutationIs401AndChangesNothing() throws Exception {
        long id = recommended().id();

        for (String path : new String[] {"/api/v1/plans/" + id + "/approve", "/api/v1/plans/" + id + "/reject",
            "/api/v1/plans/" + id + "/cancel", "/api/v1/jobs/nightly/run"}) {
            Answer answer = post(path, null);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.body().get("field").asText()).isEqualTo("Authorization");
        }
        assertThat(simulated.store().find(id).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);
        assertThat(simulated.store().list(java.util.Optional.empty())).hasSize(1);
    }

    @Test
    void aWrongTokenIs403AndIsNeverEchoed() throws Exception {
        long id = recommended().id();

        Answer answer = post("/api/v1/plans/" + id + "/approve", "not-the-token");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text()).doesNotContain("not-the-token").doesNotContain(SECRET);
        assertThat(simulated.store().find(id).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);
    }

    @Test
    void runningAJobThroughTheApiMakesARecommendedPlan() throws Exception {
        Answer accepted = post("/api/v1/jobs/nightly/run", SECRET);
        assertThat(accepted.status()).isEqualTo(202);

        StoredPlan plan = simulated.service.runJob("nightly").get().orElseThrow();
        // Two runs, one worker: the second plan supersedes the first.
        Answer listed = get("/api/v1/plans?state=recommended");

        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).get("id").asLong()).isEqualTo(plan.id());
        assertThat(get("/api/v1/plans?state=superseded").body()).hasSize(1);
    }

    @Test
    void approvingRunsThePlanToSucceededWithItsEvents() throws Exception {
        long id = recommended().id();

        Answer approved = send("POST", "/api/v1/plans/" + id + "/approve", SECRET, "{\"reason\": \"checked by Ana\"}");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("state").asText()).isIn("approved", "running", "succeeded");
        simulated.awaitState(id, PlanState.SUCCEEDED);
        Answer plan = get("/api/v1/plans/" + id);
        assertThat(plan.body().get("state").asText()).isEqualTo("succeeded");
        assertThat(plan.body().get("plan").get("kind").asText()).isEqualTo("MigrationPlan");
        assertThat(get("/api/v1/plans/" + id + "/events").body().findValuesAsText("kind")).contains("step-done");
    }

    @Test
    void energyGivesTheWattsKeptOffAndTheKwhSavedOverTheWindow() throws Exception {
        long id = recommended().id();
        send("POST", "/api/v1/plans/" + id + "/approve", SECRET, "{}");
        simulated.awaitState(id, PlanState.SUCCEEDED);
        // The nightly consolidation switched hosts off; two hours later they have saved two hours of
        // their idle watts, less the minutes the plan took to reach its power-offs.
        simulated.clock.advance(java.time.Duration.ofHours(2));
        simulated.ticker.advance(java.time.Duration.ofHours(2));
        simulated.service.collect();

        JsonNode energy = get("/api/v1/energy?hours=3").body();

        double watts = energy.get("wattsKeptOff").asDouble();
        assertThat(energy.get("hostsOff").asInt()).isPositive();
        assertThat(watts).isPositive();
        assertThat(energy.get("hours").asInt()).isEqualTo(3);
        assertThat(energy.get("kWhSaved").asDouble()).isBetween(watts * 2 / 1000 * 0.9, watts * 2 / 1000);
        assertField(get("/api/v1/energy?hours=0"), 400, "hours");
        assertField(get("/api/v1/energy?hours=day"), 400, "hours");
    }

    @Test
    void cancellingARunningPlanIsAcceptedAndItStopsBeforeItsNextStep() throws Exception {
        long id = recommended().id();
        simulated.gate.hold();
        assertThat(post("/api/v1/plans/" + id + "/approve", SECRET).status()).isEqualTo(200);
        assertThat(simulated.gate.awaitReached(Duration.ofSeconds(60))).as("the run reached its first step").isTrue();

        Answer answer = send("POST", "/api/v1/plans/" + id + "/cancel", SECRET, "{\"reason\": \"change freeze\"}");
        simulated.gate.release();

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().get("state").asText()).isEqualTo("running");
        assertThat(answer.body().get("cancelRequested").asText()).isEqualTo("change freeze");
        assertThat(simulated.awaitState(id, PlanState.STOPPED).reason()).contains("cancelled while running");
    }

    @Test
    void aPlanThatRanShowsItsRunWithEveryStepsMeasuredTimesAndNoPath() throws Exception {
        StoredPlan recommended = recommended();
        long id = recommended.id();
        post("/api/v1/plans/" + id + "/approve", SECRET);
        simulated.awaitState(id, PlanState.SUCCEEDED);

        Answer plan = get("/api/v1/plans/" + id);

        JsonNode runs = plan.body().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("completed");
        assertThat(runs.get(0).get("finishedAt").isTextual()).isTrue();
        JsonNode steps = runs.get(0).get("steps");
        assertThat(steps).hasSize(recommended.steps());
        for (JsonNode step : steps) {
            assertThat(step.get("status").asText()).as(step.toString()).isEqualTo("done");
            assertThat(step.path("wallSeconds").asDouble()).as(step.toString()).isPositive();
        }
        // The run report's plan and journal name files of the data directory: they stay out of the answer.
        assertThat(plan.text()).doesNotContain(dataDir.toString()).doesNotContain("journal");
    }

    @Test
    void aPlanNotYetRunHasNoRuns() throws Exception {
        long id = recommended().id();

        assertThat(get("/api/v1/plans/" + id).body().get("runs")).isEmpty();
    }

    @Test
    void aWrongTransitionIs409NamingTheState() throws Exception {
        long id = recommended().id();
        assertThat(post("/api/v1/plans/" + id + "/reject", SECRET).status()).isEqualTo(200);

        Answer answer = post("/api/v1/plans/" + id + "/approve", SECRET);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().get("field").asText()).isEqualTo("state");
        assertThat(answer.body().get("error").asText()).contains("is rejected and cannot become approved");
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        long id = recommended().id();

        assertField(get("/api/v1/plans/404"), 404, "id");
        assertField(get("/api/v1/plans/abc"), 400, "id");
        assertField(get("/api/v1/plans?state=done"), 400, "state");
        assertField(post("/api/v1/jobs/nope/run", SECRET), 404, "name");
        assertField(send("POST", "/api/v1/plans/" + id + "/approve", SECRET, "{not json"), 400, "(body)");
        assertField(send("POST", "/api/v1/plans/" + id + "/approve", SECRET, "{\"why\": \"x\"}"), 400, "why");
        assertThat(simulated.store().find(id).orElseThrow().state()).isEqualTo(PlanState.RECOMMENDED);
    }

    private static void assertField(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.body().get("field").asText()).as(answer.text()).isEqualTo(field);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutATokenFileSayingWhy() {
        Credentials.Refused e = catchThrowableOfType(Credentials.Refused.class,
                () -> Credentials.of(new Http("0.0.0.0", 8787, null), dataDir));

        assertThat(e.getMessage()).contains("http.listen is 0.0.0.0:8787, which is not a loopback address")
                .contains("http.tokenFile");
    }

    @Test
    void onLoopbackWithoutATokenFileAFreshTokenIsWrittenForItsOwnerAlone() throws Exception {
        Credentials credentials = Credentials.of(new Http("127.0.0.1", 8787, null), dataDir);

        assertThat(credentials.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.file())))
                .isEqualTo("rw-------");
        assertThat(credentials.token().matches(Files.readString(credentials.file()).strip())).isTrue();
        assertThat(credentials.token().toString()).doesNotContain(Files.readString(credentials.file()).strip());
    }
}
