package dev.ballast.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ballast.service.SimulatedService;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi.yaml} is a valid OpenAPI 3.1 document, lists exactly the routes the server
 * registers, asks for the token on every mutation and on nothing else, and is served as it is.
 */
class OpenApiDescriptionTest {

    private static final Set<PathItem.HttpMethod> MUTATIONS = Set.of(PathItem.HttpMethod.POST,
            PathItem.HttpMethod.PUT, PathItem.HttpMethod.DELETE, PathItem.HttpMethod.PATCH);
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}]+)}");
    /**
     * The keywords a schema of this description may use: JSON Schema 2020-12's and the OpenAPI
     * 3.1 dialect's. Neither the parser nor the validator refuses an unknown one (a typo, or YAML
     * that split a description at a comma): they ignore it.
     */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of("$ref", "$defs", "$comment", "$id", "$schema",
            "$anchor", "$dynamicRef", "$dynamicAnchor", "type", "enum", "const", "format", "title", "description",
            "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "properties", "required",
            "additionalProperties", "patternProperties", "propertyNames", "unevaluatedProperties", "minProperties",
            "maxProperties", "dependentRequired", "dependentSchemas", "items", "prefixItems", "contains", "minItems",
            "maxItems", "uniqueItems", "minContains", "maxContains", "unevaluatedItems", "allOf", "anyOf", "oneOf",
            "not", "if", "then", "else", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
            "minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType", "contentSchema",
            "discriminator", "xml", "externalDocs");
    private static final Set<String> SUBSCHEMA = Set.of("items", "not", "if", "then", "else", "contains",
            "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "propertyNames", "contentSchema");
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs",
            "dependentSchemas");

    // One service for the class: only two tests need it, and none changes it.
    @TempDir
    static Path dataDir;
    private static SimulatedService simulated;
    private static ApiServer server;
    private static SwaggerParseResult parsed;

    @BeforeAll
    static void start() throws Exception {
        simulated = new SimulatedService(dataDir);
        Path tokenFile = Files.writeString(dataDir.resolve("token"), "s3cret-for-tests\n");
        server = ApiServer.start(simulated.service, Token.read(tokenFile), "127.0.0.1", 0);
        parsed = parse(text());
    }

    private static String text() {
        return new String(OpenApiDescription.read(), StandardCharsets.UTF_8);
    }

    /** The description as swagger-parser reads it, every $ref resolved in place, and what it finds wrong. */
    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    @AfterAll
    static void stop() {
        server.close();
        simulated.close();
    }

    @Test
    void isAValidOpenApi31Document() {
        assertThat(parsed.getMessages()).as("what swagger-parser finds wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theParserSeesMistakesInADescription() {
        // The check above is worth something only if the parser complains about a broken file. It
        // does not check a path parameter given by $ref against the template: the next tests do.
        String broken = text().replace("operationId: health", "operationId: health\n      bogus: true")
                .replace("'#/components/schemas/Health'", "'#/components/schemas/NoSuchSchema'")
                .replace("'403': {$ref: '#/components/responses/Forbidden'}\n        '404': {$ref: "
                        + "'#/components/responses/NotFound'}", "'403': {$ref: '#/components/responses/Forbiden'}");

        List<String> messages = parse(broken).getMessages();

        assertThat(messages).anySatisfy(m -> assertThat(m).contains("bogus is unexpected"))
                .anySatisfy(m -> assertThat(m).contains("NoSuchSchema is missing"))
                .anySatisfy(m -> assertThat(m).contains("Could not find /components/responses/Forbiden"));
    }

    @Test
    void everySchemaUsesOnlyKnownKeywords() {
        JsonNode document = OpenApiContract.load().document();
        List<String> unknown = new ArrayList<>();

        document.path("components").path("schemas").fields()
                .forEachRemaining(e -> unknownKeywords(e.getValue(), "components/schemas/" + e.getKey(), unknown));
        inlineSchemas(document.path("paths"), "paths", unknown);
        inlineSchemas(document.path("components").path("responses"), "components/responses", unknown);
        inlineSchemas(document.path("components").path("parameters"), "components/parameters", unknown);
        inlineSchemas(document.path("components").path("requestBodies"), "components/requestBodies", unknown);

        assertThat(unknown).isEmpty();
    }

    @Test
    void theKeywordCheckSeesATypoAndADescriptionSplitAtAComma() throws Exception {
        JsonNode schema = new YAMLMapper().readTree("""
                type: object
                requried: [a]
                properties:
                  a: {type: string, description: what is wrong, in words}
                """);
        List<String> unknown = new ArrayList<>();

        unknownKeywords(schema, "S", unknown);

        assertThat(unknown).containsExactlyInAnyOrder("S: requried", "S/properties/a: in words");
    }

    /** Every {@code schema} under {@code node} (of a parameter, a header, a media type). */
    private static void inlineSchemas(JsonNode node, String at, List<String> unknown) {
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("schema")) {
                unknownKeywords(e.getValue(), at + "/schema", unknown);
            } else if (e.getValue().isObject()) {
                inlineSchemas(e.getValue(), at + "/" + e.getKey(), unknown);
            }
        });
    }

    private static void unknownKeywords(JsonNode schema, String at, List<String> unknown) {
        if (!schema.isObject()) {
            return; // true, false
        }
        schema.fields().forEachRemaining(e -> {
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            if (!SCHEMA_KEYWORDS.contains(keyword)) {
                unknown.add(at + ": " + keyword);
            } else if (SUBSCHEMA.contains(keyword)) {
                unknownKeywords(value, at + "/" + keyword, unknown);
            } else if (SUBSCHEMA_LISTS.contains(keyword)) {
                for (int i = 0; i < value.size(); i++) {
                    unknownKeywords(value.get(i), at + "/" + keyword + "/" + i, unknown);
                }
            } else if (SUBSCHEMA_MAPS.contains(keyword)) {
                value.fields().forEachRemaining(sub -> unknownKeywords(sub.getValue(),
                        at + "/" + keyword + "/" + sub.getKey(), unknown));
            }
        });
    }

    @Test
    void documentsExactlyTheRoutesTheServerRegisters() {
        Set<String> registered = server.routes();

        // Fails both ways: a route added without documenting it, a documented route that is gone.
        assertThat(OpenApiContract.load().routes()).containsExactlyElementsOf(registered);
        assertThat(registered).contains("GET /api/v1/health", "PUT /api/v1/hosts/{name}/maintenance",
                "GET /api/v1/openapi.yaml", "GET /metrics");
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryDeclaredOneIsInThePath() {
        OpenAPI api = parsed.getOpenAPI();

        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Set<String> inTemplate = new TreeSet<>();
            Matcher matcher = TEMPLATE_PARAMETER.matcher(path);
            while (matcher.find()) {
                inTemplate.add(matcher.group(1));
            }
            List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
            Set<String> declared = parameters.stream().filter(p -> "path".equals(p.getIn())).map(Parameter::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(declared).as(method + " " + path).isEqualTo(inTemplate);
            assertThat(parameters).as(method + " " + path).allSatisfy(p -> assertThat(p.getSchema()).isNotNull());
        }));
    }

    @Test
    void everyMutationAsksForTheBearerTokenAndDocuments401And403AndNoReadDoes() {
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getSecurity()).as("no global requirement: reads need nothing").isNullOrEmpty();
        assertThat(api.getComponents().getSecuritySchemes().get("bearerToken").getScheme()).isEqualTo("bearer");

        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (MUTATIONS.contains(method)) {
                assertThat(operation.getSecurity()).as(name).hasSize(1);
                assertThat(operation.getSecurity().get(0)).as(name).containsOnlyKeys("bearerToken");
                assertThat(operation.getResponses()).as(name).containsKeys("401", "403");
                assertThat(operation.getResponses().get("401").getHeaders()).as(name).containsKey("WWW-Authenticate");
            } else {
                assertThat(operation.getSecurity()).as(name).isNullOrEmpty();
                assertThat(operation.getResponses()).as(name).doesNotContainKeys("401", "403");
            }
        }));
    }

    @Test
    void everyOperationHasAnIdASuccessAndDocumentsTheInternalError() {
        OpenAPI api = parsed.getOpenAPI();
        Set<String> ids = new TreeSet<>();

        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            assertThat(ids.add(operation.getOperationId())).as(name + ": a unique operationId").isTrue();
            assertThat(operation.getResponses().keySet()).as(name).anyMatch(status -> status.startsWith("2"))
                    .contains("500");
            // Only a cancel has two: 200 for a plan not yet running, 202 for a running one asked to stop.
            assertThat(successes(operation)).as(name + ": one success")
                    .hasSize(name.endsWith("/cancel") ? 2 : 1);
        }));
    }

    private static Map<String, ?> successes(Operation operation) {
        return operation.getResponses().entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void theDescriptionIsServedAsItIsWithoutAToken() throws Exception {
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/openapi.yaml"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(answer.body()).isEqualTo(OpenApiDescription.read());
        JsonNode served = OpenApiContract.of(new String(answer.body(), StandardCharsets.UTF_8)).document();
        assertThat(served.path("openapi").asText()).isEqualTo("3.1.0");
    }
}
