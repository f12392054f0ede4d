package dev.ballast.service.web;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The {@code Content-Security-Policy} of the service's pages: everything from the service itself
 * and nothing from anywhere else. Its script and its stylesheet are files the service serves;
 * the page layout's inline stylesheet is allowed by a nonce fresh for each page; the charts' SVG
 * carries its colours and strokes in {@code style} attributes, which a nonce cannot cover, so
 * style attributes are allowed (they can neither run nor fetch anything: both stay forbidden).
 */
final class ContentPolicy {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 18;

    private ContentPolicy() {
    }

    /** A fresh nonce: 18 random bytes, base64 (URL alphabet, no padding). */
    static String nonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header's value for a page whose inline stylesheet carries {@code nonce}. */
    static String header(String nonce) {
        return "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:;"
                + " style-src-elem 'self' 'nonce-" + nonce + "'; style-src-attr 'unsafe-inline';"
                + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
