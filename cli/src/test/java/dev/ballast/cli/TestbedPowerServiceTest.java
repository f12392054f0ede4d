package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.executor.Testbed;
import dev.ballast.formats.ClusterConfigReader;
import dev.ballast.hosts.HostException;
import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.model.ClusterConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host power through {@code ballast serve} on the real testbed, driven through its HTTP API
 * alone: a consolidation plan empties a host and switches it off through the testbed's power
 * driver (its libvirtd stops answering, the service's snapshot shows it {@code standby}, not
 * stale); the {@code wake-all} job switches it on again; and it then takes the guests of the
 * other host, put into maintenance. Two hosts, three guests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TestbedPowerServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "stopped", "superseded", "cancelled");
    private static final String TOKEN = "testbed-power-token-0123456789abcdef";

    @TempDir
    static Path dir;
    private static ServeCommand.Serving serving;
    private static ClusterConfig cluster;
    /** The host the consolidation switched off, and the one that kept the guests. */
    private static String off;
    private static String kept;

    @BeforeAll
    static void up() throws Exception {
        Testbed.requirePreconditions();
        Testbed.claim();
        Testbed.down(); // whatever an interrupted earlier run left
        Path clusterFile = Testbed.up("--hosts", "2", "--vms", "3");
        cluster = ClusterConfigReader.read(clusterFile);
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        // The testbed's hosts share one machine's CPUs, so no host has CPU to spare by itself.
        Path night = Files.writeString(dir.resolve("night.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: night
                goal: consolidate
                limits: {cpu: 1.0, memory: 0.95, network: 1.0}
                """);
        Path serviceFile = Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: %s
                dataDir: data
                http: {listen: "127.0.0.1:0", tokenFile: %s}
                collect: {interval: 2s}
                jobs: [{name: night, policy: %s}, {name: morning, policy: wake-all}]
                """.formatted(clusterFile, tokenFile, night));
        ServeCommand serve = new ServeCommand();
        serve.config = serviceFile;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<ServeCommand.Serving> started = serve.start(new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(started).as("ballast serve --config %s\n%s%s", serviceFile, out, err).isPresent();
        serving = started.get();
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (serving != null) {
                serving.close();
            }
            Testbed.down();
        } finally {
            Testbed.release();
        }
    }

    @Test
    @Order(1)
    void aConsolidationPlanEmptiesAHostAndSwitchesItOffThroughTheTestbedDriver() throws Exception {
        JsonNode plan = runAndApprove("night");
        JsonNode steps = plan.get("plan").get("steps");
        List<String> offs = new ArrayList<>();
        steps.forEach(step -> {
            if (step.get("action").asText().equals("power-off")) {
                offs.add(step.get("host").asText());
            }
        });
        assertThat(offs).as("the plan's power-offs: %s", steps).hasSize(1);
        off = offs.get(0);
        kept = off.equals("host-01") ? "host-02" : "host-01";

        JsonNode done = awaitFinal(plan.get("id").asLong());
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(Testbed.power(off, "status")).isEqualTo("off");
        assertThat(Testbed.runningGuests(kept)).hasSize(3);
        try (LibvirtHostDriver host = LibvirtHostDriver.openReadOnly(config(off))) {
            assertThatThrownBy(host::ping).as("%s's libvirtd, switched off", off).isInstanceOf(HostException.class);
        }
        JsonNode standby = awaitHost(off, h -> h.path("state").asText().equals("standby"));
        assertThat(standby.has("stale")).as("%s in the service's snapshot: %s", off, standby).isFalse();
    }

    @Test
    @Order(2)
    void theWakeJobSwitchesItOnAgainAndItThenTakesGuests() throws Exception {
        JsonNode wake = runAndApprove("morning");
        JsonNode steps = wake.get("plan").get("steps");
        assertThat(steps).as("the wake plan's steps").hasSize(1);
        assertThat(steps.get(0).get("action").asText()).isEqualTo("power-on");
        assertThat(steps.get(0).get("host").asText()).isEqualTo(off);
        JsonNode woken = awaitFinal(wake.get("id").asLong());
        assertThat(woken.get("state").asText()).as(woken.toString()).isEqualTo("succeeded");
        assertThat(Testbed.power(off, "status")).isEqualTo("on");
        JsonNode active = awaitHost(off, h -> h.path("state").asText("active").equals("active") && !h.has("stale"));
        assertThat(active.path("poweredOnAt").asText()).as("%s in the service's snapshot", off).isNotEmpty();

        // The woken host takes the guests of the other, put into maintenance.
        Answer entered = send("PUT", "/api/v1/hosts/" + kept + "/maintenance");
        assertThat(entered.status()).as(entered.text()).isEqualTo(202);
        JsonNode evacuation = awaitRecommended("maintenance");
        approve(evacuation.get("id").asLong());
        JsonNode evacuated = awaitFinal(evacuation.get("id").asLong());
        assertThat(evacuated.get("state").asText()).as(evacuated.toString()).isEqualTo("succeeded");
        assertThat(Testbed.runningGuests(off)).hasSize(3);
        assertThat(Testbed.runningGuests(kept)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private record Answer(int status, String text) {

        JsonNode body() throws Exception {
            return JSON.readTree(text);
        }
    }

    private static ClusterConfig.HostConfig config(String host) {
        return cluster.hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }

    private static Answer send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TOKEN).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static JsonNode get(String path) throws Exception {
        Answer answer = send("GET", path);
        assertThat(answer.status()).as("GET %s: %s", path, answer.text()).isEqualTo(200);
        return answer.body();
    }

    /** Runs the job, waits for its recommended plan, approves it; the plan as the API shows it. */
    private static JsonNode runAndApprove(String job) throws Exception {
        Answer ran = send("POST", "/api/v1/jobs/" + job + "/run");
        assertThat(ran.status()).as(ran.text()).isEqualTo(202);
        JsonNode recommended = awaitRecommended(job);
        long id = recommended.get("id").asLong();
        JsonNode plan = get("/api/v1/plans/" + id);
        approve(id);
        return plan;
    }

    private static void approve(long id) throws Exception {
        Answer approved = send("POST", "/api/v1/plans/" + id + "/approve");
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    }

    private static JsonNode awaitRecommended(String job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            for (JsonNode plan : get("/api/v1/plans?state=recommended")) {
                if (plan.get("job").asText().equals(job)) {
                    return plan;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no recommended plan of job " + job + " within 90s; all plans: "
                + get("/api/v1/plans"));
    }

    private static JsonNode awaitFinal(long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode plan = null;
        while (System.nanoTime() < deadline) {
            plan = get("/api/v1/plans/" + id);
            if (FINAL.contains(plan.get("state").asText())) {
                return plan;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("plan " + id + " not final within 120s: " + plan + "\nevents: "
                + get("/api/v1/plans/" + id + "/events"));
    }

    /** The host in the service's newest snapshot, once it is as {@code wanted} says (the service collects every 2 s). */
    private static JsonNode awaitHost(String name, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode host : get("/api/v1/snapshot").get("hosts")) {
                if (host.get("name").asText().equals(name)) {
                    last = host;
                    if (wanted.test(host)) {
                        return host;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " in the service's snapshot, after 60s: " + last);
    }
}
