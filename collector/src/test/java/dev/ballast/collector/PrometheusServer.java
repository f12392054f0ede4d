package dev.ballast.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) run by a test on 127.0.0.1,
 * scraping one target every second into a directory of the test's own. Its absence is a
 * failure that says how to install it, never a skipped test.
 */
final class PrometheusServer implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    PrometheusServer(Path dir, String target) throws IOException {
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: node
                    honor_labels: true
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        process = new ProcessBuilder(binary(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        url = URI.create("http://127.0.0.1:" + port);
    }

    URI url() {
        return url;
    }

    /**
     * Polls an instant query until its answer satisfies {@code ready}, at most {@code limit}:
     * the server needs a few scrapes before rates exist.
     */
    void awaitQuery(String promql, Predicate<JsonNode> ready, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + "; see its log");
            }
            last = query(promql);
            if (last != null && ready.test(last)) {
                return;
            }
            Thread.sleep(250); // waiting for a real server's scrapes, not for the clock
        }
        throw new IllegalStateException("Prometheus did not answer " + promql + " as expected within " + limit
                + "; last answer: " + last);
    }

    private JsonNode query(String promql) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(2)).build();
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("data").path("result");
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String binary() {
        for (String candidate : CANDIDATES) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("the prometheus binary is missing (looked in " + CANDIDATES
                + "); install Debian's package: apt-get install prometheus (bin/test does it)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
