package dev.ballast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Talks to a running service's API (docs/api.md) for the client commands. Every failure is a
 * {@link Refused} with the exit code it calls for: 2 for what the operator must fix on the command
 * line (a bad URL, no token file, an unknown plan or host, a request the service calls bad), 1 for
 * what the service refused or could not do (wrong token, wrong state, unreachable, its own error).
 */
final class ServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final ServerOptions options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A request that did not get a 2xx answer, with the service's own message when it gave one. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    ServiceClient(ServerOptions options) throws Refused {
        this.options = options;
        try {
            URI uri = new URI(options.server.endsWith("/") ? options.server.substring(0, options.server.length() - 1)
                    : options.server);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(options.server, "expected http://HOST:PORT");
            }
            this.base = uri;
        } catch (URISyntaxException e) {
            throw new Refused(ExitCodes.BAD_INPUT, "--server: not a service address: " + e.getMessage());
        }
    }

    JsonNode get(String path) throws Refused, InterruptedException {
        return send(request(path).GET());
    }

    /** A request that changes something: it carries the token. */
    JsonNode change(String method, String path, String jsonBody) throws Refused, InterruptedException {
        HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + token())
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(base.getPath() + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
    }

    private String token() throws Refused {
        // An empty $BALLAST_TOKEN_FILE reads as the current directory: say it is unset instead.
        if (options.tokenFile == null || options.tokenFile.toString().isEmpty()) {
            throw new Refused(ExitCodes.BAD_INPUT, "this command changes something and needs the service's token:"
                    + " --token-file FILE, or the file named by $" + ServerOptions.TOKEN_FILE_VARIABLE
                    + " (ballast serve prints where it wrote it)");
        }
        try {
            String token = Files.readString(options.tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new Refused(ExitCodes.BAD_INPUT, options.tokenFile + ": the token file is empty");
            }
            return token;
        } catch (IOException e) {
            throw new Refused(ExitCodes.BAD_INPUT, options.tokenFile + ": cannot read the token file: "
                    + (Files.isDirectory(options.tokenFile) ? "it is a directory" : e.getMessage()));
        }
    }

    private JsonNode send(HttpRequest.Builder request) throws Refused, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Refused(ExitCodes.FAILED, "cannot reach the service at " + base + ": connection refused"
                    + " (is ballast serve running there? see --server)");
        } catch (IOException e) {
            throw new Refused(ExitCodes.FAILED, "cannot reach the service at " + base + ": " + e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            return body;
        }
        String message = body != null && body.hasNonNull("error") ? body.get("error").asText()
                : "HTTP " + status + (response.body().isBlank() ? "" : ": " + response.body().strip());
        String field = body != null && body.hasNonNull("field") ? " (" + body.get("field").asText() + ")" : "";
        int code = status == 400 || status == 404 ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
        throw new Refused(code, "the service answered " + status + ": " + message + field);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
