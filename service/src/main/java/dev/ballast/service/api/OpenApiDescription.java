package dev.ballast.service.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's OpenAPI description, {@code openapi.yaml} next to this class in the jar: written by
 * hand, served as it is at {@code GET /api/v1/openapi.yaml}. The tests hold it to the routes the
 * server registers and to the bodies it really answers.
 */
final class OpenApiDescription {

    static final String RESOURCE = "openapi.yaml";
    /** The media type of YAML (RFC 9512). */
    static final String CONTENT_TYPE = "application/yaml";

    private OpenApiDescription() {
    }

    /** The file's bytes; a jar without it is a broken build, not an answer to give. */
    static byte[] read() {
        try (InputStream in = OpenApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath next to "
                        + OpenApiDescription.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }
}
