package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.ballast.collector.Collector;
import dev.ballast.formats.PlanWriter;
import dev.ballast.formats.SnapshotWriter;
import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.hosts.power.FakeRedfish;
import dev.ballast.hosts.power.IpmiSimulator;
import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PowerControl;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Resources;
import dev.ballast.model.Step;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.slf4j.LoggerFactory;

/**
 * Passwords never leave their files: runs of plans that switch hosts through the real ipmitool
 * (against ipmi_sim) and the real fence_redfish (against a fake Redfish service), successful and
 * failing (a wrong password that contains the right one), plus a collection that asks a silent
 * host's BMC, with every log line at debug level kept; then every log line (with its exception),
 * every event, what the terminal showed, and every file the runs wrote (plans, journals, run
 * reports, the snapshot) are searched for each password. The hosts are libvirt's test driver.
 */
class PowerSecretsTest {

    private static final String IPMI_PASSWORD = "i-" + UUID.randomUUID().toString().substring(0, 13);
    private static final String REDFISH_PASSWORD = "redfish-" + UUID.randomUUID();
    private static final String URI = "test:///default";

    @TempDir
    Path run;
    @TempDir
    Path secrets;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger ballast = (Logger) LoggerFactory.getLogger("dev.ballast");
    private Level ballastLevel;
    private Connect libvirt;

    @BeforeEach
    void everythingLoggedAtDebugAndTwoEmptyHosts() throws Exception {
        ballastLevel = ballast.getLevel();
        ballast.setLevel(Level.DEBUG);
        logs.start();
        ballast.addAppender(logs);
        // The default test host runs one domain, "test": stopped here, so that the hosts are empty.
        libvirt = new Connect(URI, false);
        for (Domain domain : libvirt.listAllDomains(1)) {
            domain.destroy();
        }
    }

    @AfterEach
    void restore() throws Exception {
        ballast.detachAppender(logs);
        ballast.setLevel(ballastLevel);
        libvirt.domainLookupByName("test").create();
        libvirt.close();
    }

    @Test
    void noPasswordInAnyLogLineEventTerminalOutputOrFileOfTheRuns() throws Exception {
        List<String> seen = new ArrayList<>();
        try (IpmiSimulator ipmi = IpmiSimulator.start(secrets.resolve("ipmi"), IPMI_PASSWORD);
                FakeRedfish redfish = FakeRedfish.start(Files.createDirectories(secrets.resolve("redfish")),
                        REDFISH_PASSWORD)) {
            Path ipmiPassword = secret("ipmi.pw", IPMI_PASSWORD);
            Path redfishPassword = secret("redfish.pw", REDFISH_PASSWORD + "\n");
            HostConfig bmc = HostConfig.of("host-i", URI).withPowerControl(new PowerControl.Ipmi("127.0.0.1",
                    ipmi.port(), IpmiSimulator.USER, ipmiPassword, 3, Duration.ofSeconds(30)));
            HostConfig service = HostConfig.of("host-r", URI).withPowerControl(new PowerControl.Redfish("127.0.0.1",
                    redfish.port(), FakeRedfish.USER, redfishPassword, FakeRedfish.SYSTEM, true, null,
                    Duration.ofSeconds(30)));
            ClusterConfig cluster = config(bmc, service);

            RunReport off = apply(cluster, snapshot(HostState.ACTIVE), "off", seen, new PowerOff("host-i"),
                    new PowerOff("host-r"));
            assertThat(off.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.DONE);
            assertThat(ipmi.isOn()).isFalse();
            assertThat(redfish.powerState()).isEqualTo("Off");

            // Wrong passwords that contain the right ones: a tool that echoed them would show both.
            Files.writeString(ipmiPassword, IPMI_PASSWORD + "x");
            Files.writeString(redfishPassword, "not-" + REDFISH_PASSWORD);
            RunReport failing = apply(cluster, snapshot(HostState.STANDBY), "failing", seen, new PowerOn("host-i"),
                    new PowerOn("host-r"));
            assertThat(failing.steps()).extracting(StepResult::reason).allSatisfy(reason ->
                    assertThat(reason).contains("power driver does not answer", "exited with code 1"));

            Files.writeString(ipmiPassword, IPMI_PASSWORD);
            Files.writeString(redfishPassword, REDFISH_PASSWORD);
            RunReport on = apply(cluster, snapshot(HostState.STANDBY), "on", seen, new PowerOn("host-i"),
                    new PowerOn("host-r"));
            assertThat(on.steps()).extracting(StepResult::status).containsOnly(StepResult.Status.DONE);

            // A host whose libvirt is down: the collector asks its BMC, which says off.
            redfish.setPowerState("Off");
            HostConfig silent = new HostConfig("host-s", "qemu+tcp://127.0.0.1:" + closedPort() + "/system", null,
                    Resources.ZERO, 10_000, null, List.of(), null, null, null, new ClusterConfig.Capacity(8.0, 16_384L),
                    1.0).withPowerControl(service.powerControl());
            try (Collector collector = new Collector(config(bmc, service, silent), Clock.systemUTC())) {
                collector.sample();
                ClusterSnapshot collected = collector.snapshot();
                assertThat(collected.host("host-s").orElseThrow().state()).isEqualTo(HostState.STANDBY);
                Files.writeString(run.resolve("snapshot.yaml"), SnapshotWriter.toYaml(collected));
                seen.addAll(collector.status());
            }
        }

        List<String> everything = new ArrayList<>(seen);
        for (ILoggingEvent event : logs.list) {
            everything.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                everything.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        List<Path> written;
        try (Stream<Path> files = Files.walk(run)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        for (Path file : written) {
            everything.add(file + ":\n" + Files.readString(file, StandardCharsets.UTF_8));
        }

        // The search looks where the passwords would be: the power tools ran, at debug level.
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("running ipmitool -I lanplus"))
                .anyMatch(line -> line.contains("running fence_redfish"));
        assertThat(written).extracting(f -> f.getFileName().toString())
                .contains("off.journal.jsonl", "off.report.json", "failing.report.json", "on.plan.json",
                        "snapshot.yaml");
        for (String password : List.of(IPMI_PASSWORD, REDFISH_PASSWORD)) {
            assertThat(everything).as("what the runs logged, showed and wrote").noneMatch(s -> s.contains(password));
        }
    }

    private RunReport apply(ClusterConfig cluster, ClusterSnapshot fresh, String name, List<String> seen,
            Step... steps) throws Exception {
        MigrationPlan plan = new MigrationPlan("consolidate", null, new Placement(Map.of()), List.of(steps), null);
        Path planFile = Files.writeString(run.resolve(name + ".plan.json"), PlanWriter.toJson(plan));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PlanExecutor.Request request = new PlanExecutor.Request(planFile, plan,
                Policies.builtIn("consolidate", Goals.registry()), cluster,
                MigrationSettings.defaults().withPowerTimeout(Duration.ofSeconds(30)),
                run.resolve(name + ".journal.jsonl"), false, true);
        List<RunEvent> events = new ArrayList<>();
        RunReport report = new PlanExecutor(Clock.systemUTC(), Sleeper.system(), LibvirtHostDriver::open, () -> fresh)
                .run(request, question -> false, List.of(events::add,
                        new TerminalListener(new PrintWriter(out, true), new PrintWriter(err, true), false)));
        events.forEach(e -> seen.add(e.toString()));
        seen.add(out.toString());
        seen.add(err.toString());
        return report;
    }

    /** host-i and host-r, empty, in the given state. */
    private static ClusterSnapshot snapshot(HostState state) {
        return new ClusterSnapshot(List.of(host("host-i", state), host("host-r", state)), List.of(), List.of());
    }

    private static Host host(String name, HostState state) {
        return new Host(name, state, new Resources(8, 16_384, 10_000), null, Set.of(), Set.of(),
                new CpuInfo("x86_64", null), null, URI);
    }

    private static ClusterConfig config(HostConfig... hosts) {
        return new ClusterConfig(List.of(hosts), Duration.ofSeconds(20), null, ClusterConfig.Smoothing.DEFAULT,
                ClusterConfig.DEFAULT_STALE_AFTER);
    }

    private Path secret(String name, String content) throws IOException {
        Path file = secrets.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return server.getLocalPort();
        }
    }
}
