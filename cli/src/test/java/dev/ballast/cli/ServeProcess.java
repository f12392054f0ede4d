package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * {@code ballast serve} in a JVM of its own, on this test's class path, for the tests that kill
 * the service as a crash would ({@link #kill}) and check what another one, or the next one,
 * makes of what it left. It answers on 127.0.0.1 at its port; its output goes to a log file,
 * shown when it ends before it answers. {@link #close} kills it if it still runs.
 */
final class ServeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A request's limit: the service answers in milliseconds, but a busy machine may hold it back. */
    private static final Duration REQUEST = Duration.ofSeconds(30);
    private static final int KILLED_BY_SIGKILL = 128 + 9;
    /** The states a plan's run ends in, as the API writes them. */
    private static final Set<String> ENDED = Set.of("succeeded", "stopped", "failed");

    private final Process process;
    private final int port;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeProcess(Process process, int port, String token) {
        this.process = process;
        this.port = port;
        this.token = token;
    }

    /**
     * Starts {@code ballast serve --config config} and waits until its health endpoint answers.
     *
     * @param log     where its standard output and error go
     * @param port    the port of the Service file's {@code http.listen}
     * @param token   the API token of its {@code tokenFile}, sent with every change
     * @param startup how long it may take to answer
     * @throws AssertionError with its log when it ends, or does not answer, in time; it is killed then
     */
    static ServeProcess start(Path config, Path log, int port, String token, Duration startup) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServeProcess serve = new ServeProcess(process, port, token);
        try {
            Poll.until(startup, "ballast serve answering at " + serve.uri("/api/v1/health"), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("ballast serve ended with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    return serve.get("/api/v1/health");
                } catch (IOException notYet) {
                    return null;
                }
            });
            return serve;
        } catch (Exception | AssertionError e) {
            serve.close();
            throw e;
        }
    }

    /**
     * Starts service {@code name} on a free port: its Service file, written by {@code serviceFile}
     * for that port, is {@code dir/name.yaml}, its log {@code dir/name.log}.
     */
    static ServeProcess startOnFreePort(Path dir, String name, IntFunction<String> serviceFile, String token,
            Duration startup) throws Exception {
        int port = freePort();
        Path config = Files.writeString(dir.resolve(name + ".yaml"), serviceFile.apply(port));
        return start(config, dir.resolve(name + ".log"), port, token, startup);
    }

    /** Writes the API token as the service wants its {@code tokenFile}: readable by its owner only. */
    static Path writeToken(Path file, String token) throws IOException {
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A port nothing listens on now, for a service's {@code http.listen}. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The API's answer to {@code GET path}, which must be 200. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The run lease as {@code /api/v1/health} tells it: {@code held}, {@code token}, {@code why}. */
    JsonNode lease() throws IOException, InterruptedException {
        return get("/api/v1/health").get("runLease");
    }

    /** The run lease as {@link #lease} tells it, once this service holds it. */
    JsonNode awaitLease(Duration within) throws Exception {
        return Poll.until(within, "the run lease held", () -> {
            JsonNode lease = lease();
            return lease.get("held").asBoolean() ? lease : null;
        });
    }

    /** The first plan waiting for approval, once there is one. */
    JsonNode awaitRecommended(Duration within) throws Exception {
        return Poll.until(within, "a recommended plan", () -> {
            JsonNode plans = get("/api/v1/plans?state=recommended");
            return plans.size() > 0 ? plans.get(0) : null;
        });
    }

    /**
     * Waits until plan {@code id}, running, has done a step and started another: a migration is in
     * flight, the moment to kill the service that runs it.
     */
    void awaitMidStep(long id, Duration within) throws Exception {
        Poll.until(within, "a step of plan " + id + " under way after one done", () -> {
            List<String> kinds = new ArrayList<>();
            get("/api/v1/plans/" + id + "/events").forEach(e -> kinds.add(e.get("kind").asText()));
            return kinds.contains("step-done") && kinds.lastIndexOf("step-started") > kinds.indexOf("step-done")
                    ? kinds : null;
        });
    }

    /** Plan {@code id} as the API gives it, once it has ended (succeeded, stopped or failed). */
    JsonNode awaitEnd(long id, Duration within) throws Exception {
        return Poll.until(within, "plan " + id + " ended", () -> {
            JsonNode plan = get("/api/v1/plans/" + id);
            return ENDED.contains(plan.get("state").asText()) ? plan : null;
        });
    }

    /** {@code POST path} with the token and no body, which must be accepted (200 to 202). */
    void post(String path) throws IOException, InterruptedException {
        send("POST", path);
    }

    /** {@code PUT path} with the token and no body, which must be accepted (200 to 202). */
    void put(String path) throws IOException, InterruptedException {
        send("PUT", path);
    }

    private void send(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST)
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 202);
    }

    /**
     * SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, nothing is let go (the
     * run lease, libvirt's connections). Returns once the process has ended by that signal.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ballast serve ended after SIGKILL").isTrue();
        assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(KILLED_BY_SIGKILL);
    }

    /** SIGSTOP, as a long pause would: the process hangs, holding its connections (libvirt's, the store's). */
    void hang() throws InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a process {@link #hang hung} goes on where it stopped. */
    void resume() throws InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws InterruptedException {
        assertThat(process.isAlive()).as("ballast serve running, for SIG" + name).isTrue();
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
        } catch (IOException e) {
            throw new AssertionError("kill -" + name + ": " + e.getMessage(), e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Kills it if it still runs, and waits a bounded time for it to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
