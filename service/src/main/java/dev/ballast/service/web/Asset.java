package dev.ballast.service.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A file of the page's own (its script, its stylesheet), read once from the service's jar and served as it is. */
final class Asset {

    /** Where the assets are served. */
    static final String PATH = "/ui/";

    private final String contentType;
    private final byte[] bytes;

    private Asset(String contentType, byte[] bytes) {
        this.contentType = contentType;
        this.bytes = bytes;
    }

    /** The file {@code name} beside {@link WebPages} in the jar; a jar without it is a broken build. */
    static Asset read(String name, String contentType) {
        try (InputStream in = WebPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the web page's " + name + " is missing from the service's jar");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(contentType).result(bytes);
    }
}
