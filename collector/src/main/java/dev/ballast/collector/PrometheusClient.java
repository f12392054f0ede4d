package dev.ballast.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Instant queries against Prometheus's HTTP API ({@code /api/v1/query}), answered as a list of
 * series: labels and one value. Errors name the server and the query.
 */
final class PrometheusClient {

    /** One series of an instant vector. */
    record Series(Map<String, String> labels, double value) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    PrometheusClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends the query; the answer completes with its series or an IOException. */
    CompletableFuture<List<Series>> query(String promql) {
        String path = base.toString().replaceAll("/+$", "") + "/api/v1/query";
        HttpRequest request = HttpRequest.newBuilder(URI.create(path))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parse(promql, response));
    }

    private List<Series> parse(String promql, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw failure(promql, "HTTP " + response.statusCode() + ", not a Prometheus answer");
        }
        if (!"success".equals(body.path("status").asText())) {
            throw failure(promql, "HTTP " + response.statusCode() + ", " + body.path("error").asText("no error given"));
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode result : body.path("data").path("result")) {
            double value = parseValue(result.path("value").path(1).asText());
            if (Double.isFinite(value)) {
                series.add(new Series(labels(result.path("metric")), value));
            }
        }
        return series;
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new HashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static double parseValue(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private PrometheusException failure(String promql, String why) {
        return new PrometheusException("Prometheus " + base + ": query " + promql + ": " + why);
    }

    /** A query Prometheus did not answer as asked. */
    static final class PrometheusException extends RuntimeException {

        PrometheusException(String message) {
            super(message);
        }
    }
}
