package dev.ballast.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code openapi.yaml} read as a contract: which routes it documents, and whether an answer (its
 * status, content type and body) is one it documents for that request. Bodies are checked with a
 * JSON Schema 2020-12 validator in the OpenAPI 3.1 dialect, formats asserted, against the very
 * schema the operation's response points to.
 */
final class OpenApiContract {

    /** Where the validator files the description; a name only, never fetched (remote fetching is off). */
    private static final String LOCATION = "https://ballast.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry schemas;

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String json;
        try {
            json = JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                registry -> registry.schemas(Map.of(LOCATION, json)).schemaLoader(l -> l.fetchRemoteResources(false)));
    }

    /** The description the server serves. */
    static OpenApiContract load() {
        return of(new String(OpenApiDescription.read(), StandardCharsets.UTF_8));
    }

    static OpenApiContract of(String yaml) {
        try {
            return new OpenApiContract(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the description is not YAML", e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Every documented operation as {@code "GET /api/v1/plans/{id}"}, the form {@link ApiServer#routes} uses. */
    SortedSet<String> routes() {
        SortedSet<String> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (METHODS.contains(key)) {
                routes.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /** The operation documented for {@code method} on the path template, or a missing node. */
    JsonNode operation(String method, String template) {
        return document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    /**
     * What is wrong with this answer to {@code method template}, each in words; empty when it is a
     * documented status with a documented content type and, for JSON, a body its schema accepts.
     */
    List<String> problems(String method, String template, int status, String contentType, String body) {
        String where = method + " " + template + " " + status;
        JsonNode operation = operation(method, template);
        if (operation.isMissingNode()) {
            return List.of(where + ": no such operation in the description");
        }
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            return List.of(where + ": the status is not documented (documented: "
                    + names(operation.path("responses").fieldNames()) + ")");
        }
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
        JsonNode content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            return List.of(where + ": content type " + contentType + " is not documented (documented: "
                    + names(response.path("content").fieldNames()) + ")");
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        return bodyProblems(pointer + "/content/" + escape(mediaType) + "/schema", where, body);
    }

    /** What the schema at {@code pointer} (a JSON pointer into the description) finds wrong with the body. */
    List<String> bodyProblems(String pointer, String where, String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(where + ": the body is not JSON: " + e.getOriginalMessage());
        }
        Schema schema = schemas.getSchema(SchemaLocation.of(LOCATION + "#" + pointer));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(tree, context -> context.executionConfig(
                config -> config.formatAssertionsEnabled(true)))) {
            problems.add(where + ": " + error);
        }
        return problems;
    }

    /** A JSON pointer's token, as a URI fragment holds it: {@code /} and {@code ~} escaped, braces encoded. */
    private static String escape(String token) {
        String escaped = token.replace("~", "~0").replace("/", "~1");
        return URLEncoder.encode(escaped, StandardCharsets.UTF_8).replace("%7E", "~");
    }

    private static List<String> names(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
