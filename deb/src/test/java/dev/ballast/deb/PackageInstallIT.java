package dev.ballast.deb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The package as an operator meets it, on this machine: {@code apt-get install ./ballast_*.deb},
 * the command and the service run as the {@code ballast} user, the unit passes
 * {@code systemd-analyze verify}, and {@code apt-get remove} and {@code purge} leave
 * {@code /var/lib/ballast} (plans, journals) in place. Needs root, as installing any package
 * does; {@code bin/test} runs as root.
 */
@TestMethodOrder(OrderAnnotation.class)
class PackageInstallIT {

    private static final Path DATA = Path.of("/var/lib/ballast");
    private static final Path UNIT = Path.of("/lib/systemd/system/ballast.service");

    private static Path deb;
    private static boolean dataExistedBefore;
    private static boolean userExistedBefore;

    @BeforeAll
    static void findPackage() throws Exception {
        if (!run("id", "-u").output().strip().equals("0")) {
            fail("installing the package needs root: run the tests as root (bin/test does), or skip this module"
                    + " with -pl '!deb'");
        }
        for (String tool : List.of("apt-get", "dpkg", "dpkg-deb", "systemd-analyze", "runuser")) {
            if (run("sh", "-c", "command -v " + tool).code() != 0) {
                fail(tool + " is not installed: the package test needs it (Debian 12)");
            }
        }
        Path directory = Path.of(System.getProperty("ballast.deb.directory", "target"));
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("ballast_.*_all\\.deb")).toList();
            assertThat(debs).as("the package built in " + directory).hasSize(1);
            deb = debs.get(0).toAbsolutePath();
        }
        dataExistedBefore = Files.exists(DATA);
        userExistedBefore = run("getent", "passwd", "ballast").code() == 0;
    }

    @Test
    @Order(1)
    void holdsTheCommandTheUnitAndConffiles() throws Exception {
        String contents = ok("dpkg-deb", "--contents", deb.toString());
        assertThat(contents).contains("./usr/bin/ballast", "./usr/share/ballast/ballast.jar",
                "./lib/systemd/system/ballast.service", "./etc/ballast/service.yaml", "./etc/ballast/cluster.yaml",
                "./var/lib/ballast/", "./usr/share/doc/ballast/docs/operations.md");
        String conffiles = ok("dpkg-deb", "--info", deb.toString(), "conffiles");
        assertThat(conffiles.lines().map(String::strip).toList())
                .contains("/etc/ballast/service.yaml", "/etc/ballast/cluster.yaml", "/etc/default/ballast");
        String control = ok("dpkg-deb", "--field", deb.toString(), "Package", "Version", "Depends");
        assertThat(control).contains("Package: ballast", "libvirt0", "java17-runtime-headless");
    }

    @Test
    @Order(2)
    void installsWithAptGet() throws Exception {
        ok("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends",
                deb.toString());
        assertThat(ok("dpkg-query", "-W", "-f=${Status}", "ballast")).isEqualTo("install ok installed");

        String version = ok("/usr/bin/ballast", "--version").strip();
        String upstream = System.getProperty("ballast.version", "").replace("-SNAPSHOT", "");
        assertThat(version).isEqualTo("ballast " + upstream);

        assertThat(ok("id", "-nG", "ballast").split("\\s+")).contains("ballast", "libvirt");
        assertThat(ok("stat", "-c", "%U:%G %a", DATA.toString()).strip()).isEqualTo("ballast:ballast 750");
        Path token = Path.of("/etc/ballast/token");
        assertThat(ok("stat", "-c", "%U:%G %a", token.toString()).strip()).isEqualTo("root:ballast 640");
        assertThat(Files.readString(token).strip()).matches("[0-9a-f]{64}");
    }

    @Test
    @Order(3)
    void unitPassesSystemdAnalyzeVerify() throws Exception {
        Result verify = run("systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.code()).as("systemd-analyze verify said:\n" + verify.output()).isZero();
        // verify also warns without failing: unknown settings, a missing binary, bad paths.
        assertThat(verify.output()).as("systemd-analyze verify said:\n" + verify.output())
                .doesNotContain("ballast.service:");
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("User=ballast", "ProtectSystem=strict", "ReadWritePaths=/var/lib/ballast",
                "NoNewPrivileges=true", "ExecStart=/usr/bin/ballast serve --config /etc/ballast/service.yaml");
    }

    @Test
    @Order(4)
    void theServiceRunsAsBallastAndKeepsItsStoreInVarLib() throws Exception {
        Path cluster = Files.createTempDirectory("ballast-deb");
        ok("chown", "ballast:ballast", cluster.toString());
        int port = freePort();
        Files.writeString(cluster.resolve("cluster.yaml"), """
                apiVersion: ballast/v1
                kind: Cluster
                simulated:
                  generate: {hosts: 4, vms: 12, seed: 3}
                """);
        Path service = cluster.resolve("service.yaml");
        Files.writeString(service, """
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: /var/lib/ballast
                http: {listen: 127.0.0.1:%d, tokenFile: /etc/ballast/token}
                jobs:
                  - {name: nightly-consolidation, policy: consolidate, schedule: "0 0 22 * * ?"}
                """.formatted(port));
        Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = cluster.resolve("serve.log");
        Process serve = new ProcessBuilder("runuser", "-u", "ballast", "--", "/usr/bin/ballast", "serve",
                "--config", service.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpResponse<String> health = awaitHealth(port, serve, log);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(Files.readString(log)).as("the token never reaches the output")
                    .doesNotContain(Files.readString(Path.of("/etc/ballast/token")).strip());
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        assertThat(DATA.resolve("ballast.mv.db")).as("the service's store, written as the user ballast").exists();
        assertThat(ok("stat", "-c", "%U", DATA.resolve("ballast.mv.db").toString()).strip()).isEqualTo("ballast");
        ok("rm", "-rf", cluster.toString());
    }

    @Test
    @Order(5)
    void reinstallingKeepsTheToken() throws Exception {
        String token = Files.readString(Path.of("/etc/ballast/token"));
        ok("env", "DEBIAN_FRONTEND=noninteractive", "dpkg", "-i", deb.toString());
        assertThat(Files.readString(Path.of("/etc/ballast/token"))).isEqualTo(token);
    }

    @Test
    @Order(6)
    void removingAndPurgingLeaveVarLibBallast() throws Exception {
        ok("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "remove", "-y", "ballast");
        assertThat(Path.of("/usr/bin/ballast")).doesNotExist();
        assertThat(UNIT).doesNotExist();
        assertThat(Path.of("/etc/ballast/service.yaml")).as("conffiles stay until purge").exists();
        assertThat(DATA.resolve("ballast.mv.db")).exists();

        ok("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "purge", "-y", "ballast");
        assertThat(Path.of("/etc/ballast/service.yaml")).doesNotExist();
        assertThat(Path.of("/etc/ballast/token")).doesNotExist();
        assertThat(DATA.resolve("ballast.mv.db")).as("plans and journals outlive the package").exists();
        assertThat(run("dpkg-query", "-W", "-f=${Status}", "ballast").output()).doesNotContain("installed");
    }

    /** Leaves the machine as it was: what the package kept on purpose goes, if it was not here before. */
    @AfterAll
    static void tidyUp() throws Exception {
        if (deb == null) {
            return;
        }
        if (run("dpkg-query", "-W", "-f=${Status}", "ballast").output().contains("installed")) {
            run("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "purge", "-y", "ballast");
        }
        if (!dataExistedBefore) {
            run("rm", "-rf", DATA.toString());
        }
        if (!userExistedBefore) {
            run("deluser", "--quiet", "ballast");
        }
    }

    private static HttpResponse<String> awaitHealth(int port, Process serve, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                .timeout(Duration.ofSeconds(5)).build();
        // The JVM's start and the store's migration take a few seconds: poll, up to a minute.
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!serve.isAlive()) {
                fail("ballast serve stopped with exit " + serve.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                serve.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return fail("ballast serve did not answer on 127.0.0.1:" + port + " within a minute:\n"
                + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Result(process.waitFor(), output);
    }

    private static String ok(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        if (result.code() != 0) {
            fail(String.join(" ", command) + " exited " + result.code() + ":\n" + result.output());
        }
        return result.output();
    }
}
