package dev.ballast.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real answers of a service on a simulated cluster, over HTTP, against {@code openapi.yaml}: each
 * status is one the description documents for that request, with its content type, and each
 * JSON body is one its schema accepts (required fields there, types right, nothing undocumented).
 */
class OpenApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-for-tests";
    /** A scheduled job with a window, a trigger and a cooldown, beside the demo's on-demand ones. */
    private static final Job WATCH = new Job("overload-watch", "relieve", "0 0 22 * * ?", Mode.AUTO,
            LocalTime.of(6, 0), new Overload(Duration.ofMinutes(5), 0.05), Duration.ofMinutes(30));
    /** Wake jobs: one keeps the limits of the policy it names, the other those of the default, relieve. */
    private static final Job WAKE = new Job("morning-wake", "wake", null, Mode.RECOMMEND, null, null, Duration.ZERO,
            "consolidate");
    private static final Job WAKE_DEFAULT = Job.onDemand("wake-all", "wake-all", Mode.RECOMMEND);

    @TempDir
    Path dataDir;
    private SimulatedService simulated;
    private ApiServer server;
    private final OpenApiContract contract = OpenApiContract.load();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        List<Job> jobs = new ArrayList<>(SimulatedService.JOBS);
        jobs.add(WATCH);
        jobs.add(WAKE);
        jobs.add(WAKE_DEFAULT);
        simulated = new SimulatedService(dataDir, jobs, ZoneOffset.UTC);
        Path tokenFile = Files.writeString(dataDir.resolve("token"), SECRET + "\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        simulated.close();
    }

    /**
     * Sends the request, checks its answer against the description (collecting what is wrong),
     * and returns the answer.
     *
     * @param template the documented path the request is for, e.g. {@code /api/v1/plans/{id}}
     */
    private HttpResponse<String> send(String method, String template, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        problems.addAll(contract.problems(method, template, answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(null), answer.body()));
        return answer;
    }

    private HttpResponse<String> get(String template, String path) throws Exception {
        return send("GET", template, path, null, null);
    }

    private long recommendedPlan() throws Exception {
        return simulated.service.runJob("nightly").get().orElseThrow().id();
    }

    /** {@code name=limitsOf} of each job listed, {@code null} where the field is null. */
    private static List<String> limitsOfEach(JsonNode jobs) {
        List<String> each = new ArrayList<>();
        jobs.forEach(job -> each.add(job.get("name").asText() + "=" + job.get("limitsOf").asText()));
        return each;
    }

    @Test
    void theReadsAnswerAsDocumented() throws Exception {
        long id = recommendedPlan();

        assertThat(get("/api/v1/health", "/api/v1/health").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/jobs", "/api/v1/jobs").body()).contains("\"overload\"");
        JsonNode jobs = JSON.readTree(get("/api/v1/jobs", "/api/v1/jobs").body());
        assertThat(limitsOfEach(jobs)).containsExactly("nightly=null", "rebalance=null", "overload-watch=null",
                "morning-wake=consolidate", "wake-all=relieve");
        assertThat(get("/api/v1/snapshot", "/api/v1/snapshot").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/plans", "/api/v1/plans").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get("/api/v1/plans", "/api/v1/plans?state=recommended").body()).findValuesAsText("id"))
                .containsExactly(String.valueOf(id));
        assertThat(get("/api/v1/plans/{id}", "/api/v1/plans/" + id).body()).contains("\"MigrationPlan\"");
        assertThat(get("/api/v1/plans/{id}/events", "/api/v1/plans/" + id + "/events").body()).isEqualTo("[]");
        assertThat(get("/api/v1/openapi.yaml", "/api/v1/openapi.yaml").statusCode()).isEqualTo(200);
        assertThat(get("/metrics", "/metrics").body()).contains("ballast_");

        assertThat(problems).isEmpty();
    }

    @Test
    void aPlanApprovedAndRunAnswersAsDocumentedAtEveryStage() throws Exception {
        long id = recommendedPlan();
        String plan = "/api/v1/plans/" + id;

        assertThat(send("POST", "/api/v1/plans/{id}/approve", plan + "/approve", SECRET,
                "{\"reason\": \"checked by Ana\"}").statusCode()).isEqualTo(200);
        simulated.awaitState(id, PlanState.SUCCEEDED);
        assertThat(get("/api/v1/plans/{id}", plan).body()).contains("\"succeeded\"");
        assertThat(get("/api/v1/plans/{id}/events", plan + "/events").body()).contains("step-done", "run-finished");
        assertThat(send("POST", "/api/v1/plans/{id}/cancel", plan + "/cancel", SECRET, null).statusCode())
                .isEqualTo(409);

        assertThat(problems).isEmpty();
    }

    @Test
    void jobsAndRejectionsAnswerAsDocumented() throws Exception {
        long id = recommendedPlan();

        assertThat(send("POST", "/api/v1/plans/{id}/reject", "/api/v1/plans/" + id + "/reject", SECRET, "")
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/plans/{id}/approve", "/api/v1/plans/" + id + "/approve", SECRET, null)
                .statusCode()).isEqualTo(409);
        assertThat(send("POST", "/api/v1/jobs/{name}/run", "/api/v1/jobs/nightly/run", SECRET, null).statusCode())
                .isEqualTo(202);
        assertThat(send("POST", "/api/v1/jobs/{name}/run", "/api/v1/jobs/nope/run", SECRET, null).statusCode())
                .isEqualTo(404);

        assertThat(problems).isEmpty();
    }

    @Test
    void errorsAnswerAsDocumented() throws Exception {
        long id = recommendedPlan();
        String approve = "/api/v1/plans/{id}/approve";

        assertThat(get("/api/v1/plans/{id}", "/api/v1/plans/abc").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/plans/{id}", "/api/v1/plans/404").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/plans/{id}/events", "/api/v1/plans/404/events").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/plans", "/api/v1/plans?state=done").statusCode()).isEqualTo(400);
        assertThat(send("POST", approve, "/api/v1/plans/" + id + "/approve", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", approve, "/api/v1/plans/" + id + "/approve", "wrong", null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", approve, "/api/v1/plans/" + id + "/approve", SECRET, "{not json").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", approve, "/api/v1/plans/" + id + "/approve", SECRET, "{\"why\": 1}").statusCode())
                .isEqualTo(400);
        assertThat(send("POST", approve, "/api/v1/plans/404/approve", SECRET, null).statusCode()).isEqualTo(404);

        assertThat(problems).isEmpty();
    }

    @Test
    void maintenanceAnswersAsDocumented() throws Exception {
        String host = simulated.service.snapshot().hosts().get(0).name();
        String template = "/api/v1/hosts/{name}/maintenance";
        String path = "/api/v1/hosts/" + host + "/maintenance";

        assertThat(send("PUT", template, path, SECRET, "{\"mode\": \"soon\"}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", template, "/api/v1/hosts/no-such-host/maintenance", SECRET, null).statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", template, path, SECRET, "{\"mode\": \"recommend\"}").statusCode()).isEqualTo(202);
        assertThat(send("PUT", template, path, SECRET, null).statusCode()).isEqualTo(409);
        assertThat(send("DELETE", template, path, null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", template, path, SECRET, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", template, path, SECRET, null).statusCode()).isEqualTo(409);

        assertThat(problems).isEmpty();
    }
}
