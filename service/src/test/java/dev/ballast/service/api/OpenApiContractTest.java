package dev.ballast.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check {@link OpenApiConformanceTest} relies on refuses what {@code openapi.yaml} does not
 * say: that test is worth something only if this one holds.
 */
class OpenApiContractTest {

    private static final String APPROVE = "/api/v1/plans/{id}/approve";
    private static final String JSON = "application/json";
    /** A plan as an approval answers it, written by hand after ApiServer's summary. */
    private static final String SUMMARY = "{\"id\": 1, \"job\": \"nightly\", \"policy\": \"consolidate\","
            + " \"state\": \"approved\", \"createdAt\": \"2026-11-24T22:00:00Z\", \"updatedAt\": \"2026-11-24T22:00:00Z\","
            + " \"reason\": null, \"steps\": 2, \"migrations\": 2, \"figures\": null,"
            + " \"cancelRequested\": null}";

    private final OpenApiContract contract = OpenApiContract.load();

    private List<String> approved(String body) {
        return contract.problems("POST", APPROVE, 200, JSON + "; charset=utf-8", body);
    }

    @Test
    void acceptsADocumentedAnswer() {
        assertThat(approved(SUMMARY)).isEmpty();
        assertThat(contract.problems("POST", APPROVE, 409, JSON, "{\"error\": \"no\", \"field\": \"state\"}")).isEmpty();
    }

    @Test
    void refusesAMissingFieldNamingIt() {
        assertThat(approved(SUMMARY.replace(" \"state\": \"approved\",", ""))).singleElement().asString()
                .contains("POST " + APPROVE + " 200").contains("'state'");
        assertThat(contract.problems("POST", APPROVE, 409, JSON, "{\"error\": \"no\"}")).singleElement().asString()
                .contains("'field'");
    }

    @Test
    void refusesAWrongType() {
        assertThat(approved(SUMMARY.replace("\"steps\": 2", "\"steps\": \"2\""))).singleElement().asString()
                .contains("/steps");
    }

    @Test
    void refusesAValueOutsideItsEnumOrFormat() {
        assertThat(approved(SUMMARY.replace("\"approved\"", "\"done\""))).isNotEmpty();
        assertThat(approved(SUMMARY.replace("\"createdAt\": \"2026-11-24T22:00:00Z\"", "\"createdAt\": \"today\"")))
                .singleElement().asString().contains("/createdAt");
    }

    @Test
    void refusesAnUndocumentedField() {
        assertThat(approved(SUMMARY.replace("}", ", \"plan\": {}}"))).singleElement().asString().contains("'plan'");
    }

    @Test
    void refusesAWrongBodyDeepInside() {
        String snapshot = "{\"apiVersion\": \"ballast/v1\", \"kind\": \"ClusterSnapshot\", \"hosts\": [{\"name\": \"h\","
                + " \"state\": \"active\", \"capacity\": {\"cpu\": 8, \"memoryMiB\": 1024, \"networkMbps\": 1000}}],"
                + " \"vms\": [{\"name\": \"v\", \"host\": \"h\", \"memoryMiB\": 512, \"vcpus\": 1, \"demand\": {DEMAND}}]}";
        String good = snapshot.replace("DEMAND", "\"cpu\": 0.5, \"networkMbps\": 0");

        assertThat(contract.problems("GET", "/api/v1/snapshot", 200, JSON, good)).isEmpty();
        assertThat(contract.problems("GET", "/api/v1/snapshot", 200, JSON, snapshot.replace("DEMAND", "\"cpu\": 0.5")))
                .singleElement().asString().contains("/vms/0/demand").contains("'networkMbps'");
    }

    @Test
    void refusesAnUndocumentedStatusContentTypeOrOperation() {
        assertThat(contract.problems("POST", APPROVE, 201, JSON, SUMMARY)).singleElement().asString()
                .contains("the status is not documented");
        assertThat(contract.problems("POST", APPROVE, 200, "text/html", SUMMARY)).singleElement().asString()
                .contains("content type text/html is not documented");
        assertThat(contract.problems("PATCH", APPROVE, 200, JSON, SUMMARY)).singleElement().asString()
                .contains("no such operation");
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThat(approved("<html>")).singleElement().asString().contains("not JSON");
    }
}
