package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.executor.Testbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on the real testbed (libvirtd hosts, QEMU guests, NFS), driven through its HTTP API
 * alone: a Service file on the testbed's cluster file, the service started as {@code ballast serve
 * --config} starts it, then a host put into maintenance, its evacuation plan approved, and the
 * guests seen to leave it and keep running by libvirt itself ({@code virsh}) and by their serial
 * counters. Two hosts, three guests: the first host runs two of them, which go to the second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TestbedServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "stopped");
    private static final List<String> HOSTS = List.of("host-01", "host-02");
    private static final Pattern DONE_MIGRATIONS =
            Pattern.compile("^ballast_migrations_total\\{result=\"done\"} (\\S+)$", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    private static ServeCommand.Serving serving;
    private static String secret;
    /** The host that runs the most guests when the testbed is up, and those guests, as virsh lists them. */
    private static String host;
    private static List<String> guests;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void up() throws Exception {
        Testbed.requirePreconditions();
        Testbed.claim();
        Testbed.down(); // whatever an interrupted earlier run left
        long upStarted = System.nanoTime();
        Path clusterFile = Testbed.up("--hosts", "2", "--vms", "3");
        System.out.printf("testbed up in %.1f s%n", (System.nanoTime() - upStarted) / 1e9);
        host = busiestHost();
        guests = Testbed.runningGuests(host);
        assertThat(guests).as("guests on %s", host).hasSizeGreaterThanOrEqualTo(2);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = HexFormat.of().formatHex(random);
        Path tokenFile = Files.writeString(dir.resolve("token"), secret + "\n");
        Path serviceFile = Files.writeString(dir.resolve("service.yaml"), """
                apiVersion: ballast/v1
                kind: Service
                cluster: %s
                dataDir: data
                http: {listen: "127.0.0.1:0", tokenFile: %s}
                collect: {interval: 2s}
                jobs: [{name: balance, policy: balance}]
                """.formatted(clusterFile, tokenFile));
        ServeCommand serve = new ServeCommand();
        serve.config = serviceFile;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Optional<ServeCommand.Serving> started = serve.start(new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(started).as("ballast serve --config %s\n%s%s", serviceFile, out, err).isPresent();
        serving = started.get();
        assertThat(out.toString()).doesNotContain(secret);
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
    void withoutTheTokenPuttingAHostIntoMaintenanceIs401AndChangesNothing() throws Exception {
        Answer answer = send("PUT", "/api/v1/hosts/" + host + "/maintenance", null);

        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(get("/api/v1/plans").body()).as("plans").isEmpty();
        assertThat(hostState(get("/api/v1/snapshot").body(), host)).isEqualTo("active");
        assertThat(Testbed.runningGuests(host)).isEqualTo(guests);
    }

    @Test
    @Order(2)
    void aHostPutIntoMaintenanceIsEmptiedOnceItsPlanIsApprovedAndItsGuestsKeepRunning() throws Exception {
        Answer entered = send("PUT", "/api/v1/hosts/" + host + "/maintenance", secret);
        assertThat(entered.status()).as(entered.text()).isEqualTo(202);
        JsonNode recommended = awaitRecommended();
        long id = recommended.get("id").asLong();
        JsonNode plan = get("/api/v1/plans/" + id).body().get("plan");
        Map<String, String> destinations = new LinkedHashMap<>();
        for (JsonNode step : plan.get("steps")) {
            assertThat(step.get("from").asText()).as(step.toString()).isEqualTo(host);
            destinations.put(step.get("vm").asText(), step.get("to").asText());
        }
        assertThat(destinations.keySet()).as("the evacuation plan's guests").containsExactlyInAnyOrderElementsOf(guests);

        Answer approved = send("POST", "/api/v1/plans/" + id + "/approve", secret);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        JsonNode done = awaitFinal(id);

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
        JsonNode runs = done.get("runs");
        System.out.println("plan " + id + ": " + runs);
        assertThat(runs).as("runs").hasSize(1);
        assertThat(runs.get(0).get("steps")).as("steps of the run").hasSize(guests.size());
        for (JsonNode step : runs.get(0).get("steps")) {
            assertThat(step.get("status").asText()).as(step.toString()).isEqualTo("done");
            assertThat(step.path("wallSeconds").asDouble()).as("wall time of %s", step).isPositive();
            assertThat(step.path("libvirtSeconds").asDouble()).as("libvirt's time of %s", step).isPositive();
            assertThat(step.has("downtimeMs")).as("downtime of %s", step).isTrue();
        }
        // libvirt's own word: the host runs no guest, each runs where the plan sent it.
        assertThat(Testbed.runningGuests(host)).as("guests on %s after the plan", host).isEmpty();
        for (Map.Entry<String, String> move : destinations.entrySet()) {
            String vm = move.getKey();
            String to = move.getValue();
            assertThat(Testbed.runningGuests(to)).as("guests on %s", to).contains(vm);
            // The counter lives in the guest's registers: the destination goes on where the source stopped.
            // (A line cut in two by the switchover is lost, hence + 2.)
            List<Long> onDestination = Testbed.awaitGrowth(to, vm, 3);
            long lastOnSource = Testbed.last(host, vm);
            assertThat(onDestination.get(0)).as("%s's first counter on %s", vm, to)
                    .isBetween(lastOnSource + 1, lastOnSource + 2);
        }
        String metrics = get("/metrics").text();
        assertThat(doneMigrations(metrics)).as("ballast_migrations_total{result=\"done\"}\n%s", metrics)
                .isGreaterThanOrEqualTo(guests.size());
        assertThat(metrics).contains("ballast_host_state{host=\"" + host + "\",state=\"maintenance\"} 1.0");
        assertThat(metrics).doesNotContain(secret);
    }

    // ------------------------------------------------------------------ helpers

    private record Answer(int status, String text, HttpResponse<String> response) {

        JsonNode body() throws Exception {
            return JSON.readTree(text);
        }

        java.net.http.HttpHeaders headers() {
            return response.headers();
        }
    }

    private static Answer send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.port() + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    private static Answer get(String path) throws Exception {
        Answer answer = send("GET", path, null);
        assertThat(answer.status()).as("GET %s: %s", path, answer.text()).isEqualTo(200);
        return answer;
    }

    /** The host that runs the most guests, as virsh lists them. */
    private static String busiestHost() {
        String busiest = null;
        int most = -1;
        for (String host : HOSTS) {
            int guests = Testbed.runningGuests(host).size();
            if (guests > most) {
                busiest = host;
                most = guests;
            }
        }
        return busiest;
    }

    private static String hostState(JsonNode snapshot, String host) {
        for (JsonNode node : snapshot.get("hosts")) {
            if (node.get("name").asText().equals(host)) {
                return node.path("state").asText("active");
            }
        }
        throw new AssertionError("the service's snapshot has no host " + host + ": " + snapshot);
    }

    /** The evacuation plan, once the service has made it (it collects, then plans). */
    private static JsonNode awaitRecommended() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode plans = null;
        while (System.nanoTime() < deadline) {
            plans = get("/api/v1/plans?state=recommended").body();
            for (JsonNode plan : plans) {
                if (plan.get("job").asText().equals("maintenance")) {
                    return plan;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no recommended evacuation plan within 60s; all plans: "
                + get("/api/v1/plans").text());
    }

    /** The plan once it is final: succeeded, failed or stopped. */
    private static JsonNode awaitFinal(long id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonNode plan = null;
        while (System.nanoTime() < deadline) {
            plan = get("/api/v1/plans/" + id).body();
            if (FINAL.contains(plan.get("state").asText())) {
                return plan;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("plan " + id + " not final within 90s: " + plan + "\nevents: "
                + get("/api/v1/plans/" + id + "/events").text());
    }

    private static double doneMigrations(String metrics) {
        List<Double> values = new ArrayList<>();
        Matcher m = DONE_MIGRATIONS.matcher(metrics);
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        assertThat(values).as("ballast_migrations_total{result=\"done\"} in /metrics").hasSize(1);
        return values.get(0);
    }
}
