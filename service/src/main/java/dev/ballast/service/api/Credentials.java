package dev.ballast.service.api;

import dev.ballast.model.ServiceConfig.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The token the API checks and the file it is in. With {@code http.tokenFile} set, the token is
 * read from it. Without one, on a loopback address, a fresh token is written to
 * {@code api-token} in the data directory (mode 0600), so that only the service's own user can
 * change anything; on any other address the service refuses to start, since anyone who reaches
 * the address could otherwise approve plans.
 *
 * @param created true when the service wrote the file just now
 */
public record Credentials(Token token, Path file, boolean created) {

    /** Why the service will not start as configured. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    public static Credentials of(Http http, Path dataDir) throws Refused, IOException {
        if (http.tokenFile() != null) {
            try {
                return new Credentials(Token.read(http.tokenFile()), http.tokenFile(), false);
            } catch (IllegalArgumentException e) {
                throw new Refused("http.tokenFile: " + e.getMessage());
            }
        }
        if (!isLoopback(http.host())) {
            throw new Refused("http.listen is " + http.host() + ":" + http.port() + ", which is not a loopback"
                    + " address, and http.tokenFile is not set: anyone who reaches that address could approve"
                    + " plans. Set http.tokenFile to a file holding a long random secret, or listen on 127.0.0.1.");
        }
        Path file = Files.createDirectories(dataDir).resolve("api-token");
        return new Credentials(Token.createIn(file), file, true);
    }

    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
