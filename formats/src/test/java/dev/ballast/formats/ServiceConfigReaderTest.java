package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceConfigReaderTest {

    private static final Path DIR = Path.of("/etc/ballast");

    @Test
    void readsTheIssuesExample() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: /var/lib/ballast
                http: {listen: 0.0.0.0:9000, tokenFile: token}
                collect: {interval: 10s}
                timeZone: Europe/Paris
                expiry: 12h
                jobs:
                  - name: nightly-consolidation
                    policy: consolidate
                    schedule: "0 0 22 * * ?"
                    mode: recommend
                    window: {until: "06:00"}
                  - name: overload-watch
                    policy: relieve
                    trigger: {overload: {hold: 5m, clearBelow: 0.05}}
                    cooldown: 30m
                    mode: auto
                """, "service.yaml", DIR);

        assertThat(config.cluster()).isEqualTo(DIR.resolve("cluster.yaml"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/ballast"));
        assertThat(config.http()).isEqualTo(new ServiceConfig.Http("0.0.0.0", 9000, DIR.resolve("token")));
        assertThat(config.collectInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.expiry()).isEqualTo(Duration.ofHours(12));
        assertThat(config.jobs()).containsExactly(
                new Job("nightly-consolidation", "consolidate", "0 0 22 * * ?", Mode.RECOMMEND, LocalTime.of(6, 0),
                        null, Duration.ZERO),
                new Job("overload-watch", "relieve", null, Mode.AUTO, null,
                        new Overload(Duration.ofMinutes(5), 0.05), Duration.ofMinutes(30)));
    }

    @Test
    void everythingButTheClusterTheDataDirectoryAndTheJobsHasADefault() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.dataDir()).isEqualTo(DIR.resolve("data"));
        assertThat(config.http()).isEqualTo(new ServiceConfig.Http("127.0.0.1", 8787, null));
        assertThat(config.collectInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.expiry()).isEqualTo(Duration.ofHours(24));
        assertThat(config.jobs()).containsExactly(Job.onDemand("now", "balance", Mode.RECOMMEND));
    }

    @Test
    void aPolicyFileIsTakenFromTheServiceFilesDirectoryAndABuiltInNameStaysAName() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                jobs:
                  - {name: night, policy: policies/night.yaml}
                  - {name: here, policy: mine.yaml}
                  - {name: now, policy: balance}
                """, "service.yaml", DIR);

        assertThat(config.jobs()).extracting(Job::policy).containsExactly(
                DIR.resolve("policies/night.yaml").toString(), DIR.resolve("mine.yaml").toString(), "balance");
    }

    @Test
    void aWakeJobMayNameThePolicyWhoseLimitsItKeeps() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: data
                jobs:
                  - {name: morning, policy: wake, limitsOf: policies/watch.yaml}
                  - {name: all-up, policy: wake-all, limitsOf: balance}
                  - {name: plain, policy: wake}
                """, "service.yaml", DIR);

        assertThat(config.jobs()).extracting(Job::limitsOf).containsExactly(
                DIR.resolve("policies/watch.yaml").toString(), "balance", null);
    }

    @Test
    void anIpv6AddressIsWrittenInBrackets() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: c.yaml
                dataDir: d
                http: {listen: "[::1]:8787"}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.http().host()).isEqualTo("::1");
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        InputException e = catchThrowableOfType(InputException.class, () -> ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                dataDir: d
                collect: {interval: 0}
                jobs:
                  - {name: a, policy: balance, mode: sometimes}
                  - {name: b, policy: balance, cooldown: soon, colour: red}
                """, "service.yaml", DIR));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "cluster: required",
                "collect.interval: must be more than 0, e.g. 30s",
                "jobs[0].mode: unknown value \"sometimes\" (allowed: recommend, auto)",
                "jobs[1].colour: unknown field (known: name, policy, schedule, mode, window, trigger, cooldown, limitsOf)",
                "jobs[1].cooldown: expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got \"soon\"");
    }

    @Test
    void aStoreSectionNamesTheDatabaseItsUserAndTheFileOfItsPassword() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: /var/lib/ballast
                store: {url: "jdbc:postgresql://127.0.0.1:5432/ballast", user: ballast, passwordFile: db-password}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.store()).isEqualTo(new ServiceConfig.Store("jdbc:postgresql://127.0.0.1:5432/ballast",
                "ballast", DIR.resolve("db-password")));
    }

    @Test
    void aStoreSharedByTwoServicesSaysHowLongTheRunLeaseLastsAndHowOftenItIsRenewed() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: /var/lib/ballast
                store:
                  url: "jdbc:postgresql://db.example:5432/ballast"
                  user: ballast
                  passwordFile: db-password
                  lease: {duration: 1m, renewEvery: 15s}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.store().lease()).isEqualTo(new ServiceConfig.Lease(Duration.ofMinutes(1),
                Duration.ofSeconds(15)));
    }

    @Test
    void withoutALeaseSectionTheLeaseLastsThirtySecondsRenewedEveryTen() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: /var/lib/ballast
                store: {url: "jdbc:postgresql://127.0.0.1:5432/ballast", user: ballast, passwordFile: db-password}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.store().lease()).isEqualTo(ServiceConfig.Lease.DEFAULT);
        assertThat(ServiceConfig.Lease.DEFAULT.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutAStoreSectionTheStoreIsTheEmbeddedFileOfTheDataDirectory() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: d
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.store()).isNull();
    }

    @Test
    void aStoreOnH2NeedsNoPasswordFile() throws InputException {
        ServiceConfig config = ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: d
                store: {url: "jdbc:h2:file:/srv/ballast/store", user: sa}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR);

        assertThat(config.store()).isEqualTo(new ServiceConfig.Store("jdbc:h2:file:/srv/ballast/store", "sa", null));
    }

    @Test
    void aStoreSectionReportsEachOfItsProblems() {
        InputException e = catchThrowableOfType(InputException.class, () -> ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: d
                store: {url: "mysql://db/ballast", user: " ", password: hunter2, passwordFile: ""}
                jobs: [{name: now, policy: balance}]
                """, "service.yaml", DIR));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "store.password: unknown field (known: url, user, passwordFile, lease)",
                "store.url: expected a JDBC URL of PostgreSQL such as jdbc:postgresql://127.0.0.1:5432/ballast, or of"
                        + " H2 (jdbc:h2:...), got \"mysql:...\" (the rest not shown: it may hold a password)",
                "store.user: expected the name of the database's user, got \" \"",
                "store.passwordFile: expected a file path, got \"\"");
    }

    /** A password, wherever it is put in a URL, is refused and never repeated in the error. */
    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:5432/ballast?user=ballast&password=hunter2",
        "jdbc:postgresql://127.0.0.1/ballast?sslpassword=hunter2",
        "jdbc:postgresql://ballast:hunter2@127.0.0.1/ballast",
        "jdbc:h2:file:/srv/ballast/store;PASSWORD=hunter2", "postgresql://ballast:hunter2@127.0.0.1/ballast",
        "jdbc:oracle:thin:scott/hunter2@127.0.0.1:1521:orcl"})
    void aPasswordInTheUrlIsRefusedWithoutBeingRepeated(String url) {
        InputException e = catchThrowableOfType(InputException.class, () -> ServiceConfigReader.parse("""
                apiVersion: ballast/v1
                kind: Service
                cluster: cluster.yaml
                dataDir: d
                store: {url: "%s", user: ballast}
                jobs: [{name: now, policy: balance}]
                """.formatted(url), "service.yaml", DIR));

        assertThat(e.problems()).extracting(Problem::toString).singleElement().asString().startsWith("store.url: ");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }
}
