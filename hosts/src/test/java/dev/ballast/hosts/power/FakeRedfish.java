package dev.ballast.hosts.power;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A Redfish service on 127.0.0.1 over HTTPS, with only what {@code fence_redfish} asks: the
 * service root, the systems collection, one system with its {@code PowerState} and its reset
 * action. Basic authentication with one user; every request is recorded with the credentials it
 * carried. While a request is served, the agent that sent it is running: the command lines of
 * every process on the machine are read then, and any that holds the password is recorded.
 *
 * <p>Its certificate is self-signed, made by the JDK's keytool for IP 127.0.0.1;
 * {@link #certificate()} is it in PEM, for a driver that checks certificates.
 */
public final class FakeRedfish implements AutoCloseable {

    public static final String USER = "root";
    public static final String SYSTEM = "/redfish/v1/Systems/1";
    private static final String STORE_PASSWORD = "keystore-only";

    /** One request as the service received it. */
    public record Request(String method, String path, String user, String password, String body) {
    }

    private final String password;
    private final Path certificate;
    private final HttpsServer server;
    private final List<Request> requests = new ArrayList<>();
    private final List<String> agentCommandLines = new ArrayList<>();
    private final List<String> commandLinesWithPassword = new ArrayList<>();
    private String powerState = "On";

    private FakeRedfish(String password, Path certificate, HttpsServer server) {
        this.password = password;
        this.certificate = certificate;
        this.server = server;
    }

    /** Starts the service for {@link #USER} with {@code password}; its key and certificate go to {@code dir}. */
    public static FakeRedfish start(Path dir, String password) throws Exception {
        Path keyStore = dir.resolve("bmc.p12");
        Path certificate = dir.resolve("bmc.pem");
        keytool("-genkeypair", "-alias", "bmc", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "bmc", "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        FakeRedfish redfish = new FakeRedfish(password, certificate, server);
        server.createContext("/", redfish::handle);
        server.start();
        return redfish;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The service's self-signed certificate, PEM. */
    public Path certificate() {
        return certificate;
    }

    public synchronized String powerState() {
        return powerState;
    }

    public synchronized void setPowerState(String state) {
        powerState = state;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The command lines of the fence_redfish processes running while requests were served. */
    public synchronized List<String> agentCommandLines() {
        return List.copyOf(agentCommandLines);
    }

    /** Command lines of any process that held the password while requests were served: must stay empty. */
    public synchronized List<String> commandLinesWithPassword() {
        return List.copyOf(commandLinesWithPassword);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] credentials = credentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), path, credentials[0], credentials[1], body));
            readCommandLines();
        }
        if (!USER.equals(credentials[0]) || !password.equals(credentials[1])) {
            respond(exchange, 401, "{\"error\": {\"message\": \"unauthorized\"}}");
            return;
        }
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/redfish/v1")) {
            respond(exchange, 200, "{\"Systems\": {\"@odata.id\": \"/redfish/v1/Systems\"}}");
        } else if (method.equals("GET") && path.equals("/redfish/v1/Systems")) {
            respond(exchange, 200, "{\"Members\": [{\"@odata.id\": \"" + SYSTEM + "\"}]}");
        } else if (method.equals("GET") && path.equals(SYSTEM)) {
            respond(exchange, 200, "{\"PowerState\": \"" + powerState() + "\", \"Actions\": {\"#ComputerSystem.Reset\":"
                    + " {\"target\": \"" + SYSTEM + "/Actions/ComputerSystem.Reset\"}}}");
        } else if (method.equals("POST") && path.equals(SYSTEM + "/Actions/ComputerSystem.Reset")) {
            setPowerState(body.contains("\"ForceOff\"") || body.contains("\"GracefulShutdown\"") ? "Off" : "On");
            respond(exchange, 204, null);
        } else {
            respond(exchange, 404, "{\"error\": {\"message\": \"no such resource\"}}");
        }
    }

    private void readCommandLines() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String line;
                try {
                    line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                } catch (IOException e) {
                    continue; // the process ended meanwhile
                }
                if (line.contains("fence_redfish")) {
                    agentCommandLines.add(line);
                }
                if (line.contains(password)) {
                    commandLinesWithPassword.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    private static String[] credentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return new String[] {null, null};
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? new String[] {decoded, null}
                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
