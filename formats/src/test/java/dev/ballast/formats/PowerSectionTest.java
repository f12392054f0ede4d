package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.ClusterConfig;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.Power;
import dev.ballast.model.PowerControl;
import dev.ballast.model.PowerControl.Ipmi;
import dev.ballast.model.PowerControl.Ssh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's power section in a Cluster file: watts for the snapshot, and the driver that switches it. */
class PowerSectionTest {

    private static final Duration DEFAULT = PowerControl.DEFAULT_TIMEOUT;

    @TempDir
    Path dir;
    private Path password;

    @BeforeEach
    void files() throws IOException {
        password = secret("bmc.pw", "rw-------");
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("id_ed25519"), "key\n");
        Path script = dir.resolve("testbed");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void wattsAloneAreStillAPowerSectionWithoutADriver() throws InputException {
        HostConfig host = host("{idleWatts: 180, maxWatts: 450}");

        assertThat(host.power()).isEqualTo(new Power(180, 450));
        assertThat(host.powerControl()).isNull();
    }

    @Test
    void readsAnIpmiDriverWithThePasswordFileRelativeToTheClusterFile() throws InputException {
        HostConfig host = host("{idleWatts: 180, maxWatts: 450, type: ipmi, address: 10.0.0.11, port: 6230,"
                + " user: ballast, passwordFile: bmc.pw, cipherSuite: 17, timeout: 20s}");

        assertThat(host.power()).isEqualTo(new Power(180, 450));
        assertThat(host.powerControl()).isEqualTo(new Ipmi("10.0.0.11", 6230, "ballast", password, 17,
                Duration.ofSeconds(20)));
    }

    @Test
    void readsARedfishDriver() throws InputException {
        HostConfig host = host("{type: redfish, address: bmc-01.example, user: root, passwordFile: bmc.pw,"
                + " systemsUri: /redfish/v1/Systems/1, caFile: ca.pem}");

        assertThat(host.power()).isNull();
        assertThat(host.powerControl()).isEqualTo(new PowerControl.Redfish("bmc-01.example", null, "root", password,
                "/redfish/v1/Systems/1", false, dir.resolve("ca.pem"), DEFAULT));
    }

    @Test
    void readsWakeOnLanSwitchedOffOverSshOrIpmi() throws InputException {
        HostConfig bySsh = host("{type: wol, mac: 52:54:00:12:34:56, broadcast: 198.18.0.255, port: 7,"
                + " ssh: {address: 198.18.0.1, user: root, identityFile: id_ed25519}}");
        HostConfig byIpmi = host("{type: wol, mac: 52-54-00-12-34-56,"
                + " ipmi: {address: 10.0.0.11, user: ballast, passwordFile: bmc.pw}}");

        assertThat(bySsh.powerControl()).isEqualTo(new PowerControl.WakeOnLan("52:54:00:12:34:56", "198.18.0.255", 7,
                new Ssh("198.18.0.1", null, "root", dir.resolve("id_ed25519")), null, DEFAULT));
        assertThat(byIpmi.powerControl()).isEqualTo(new PowerControl.WakeOnLan("52-54-00-12-34-56", null, null, null,
                new Ipmi("10.0.0.11", null, "ballast", password, null, DEFAULT), DEFAULT));
    }

    @Test
    void readsCommandsAsArgumentLists() throws InputException {
        HostConfig host = host("{type: command, on: [pdu, \"7\", \"on\"], off: [pdu, \"7\", \"off\"],"
                + " status: [sh, -c, \"pdu 7 status | tail -1\"]}");

        assertThat(host.powerControl()).isEqualTo(new PowerControl.Command(List.of("pdu", "7", "on"),
                List.of("pdu", "7", "off"), List.of("sh", "-c", "pdu 7 status | tail -1"), DEFAULT));
    }

    @Test
    void readsTheTestbedDriver() throws InputException {
        HostConfig host = host("{type: testbed, script: testbed, directory: /var/tmp/tb, name: ballast-it}");

        assertThat(host.powerControl()).isEqualTo(new PowerControl.Testbed(dir.resolve("testbed"),
                Path.of("/var/tmp/tb"), "ballast-it", DEFAULT));
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedAndOneTheGroupMayReadIsNot() throws IOException, InputException {
        secret("shared.pw", "rw-r-----");
        secret("open.pw", "rw-r--r--");

        assertThat(host("{type: ipmi, address: a, user: u, passwordFile: shared.pw}").powerControl()).isNotNull();
        assertThat(problems("{type: ipmi, address: a, user: u, passwordFile: open.pw}")).containsExactly(
                "hosts[0].power.passwordFile: " + dir.resolve("open.pw") + ": others may read or write it (rw-r--r--);"
                        + " let only its owner and group, e.g. chmod 600 " + dir.resolve("open.pw"));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThat(problems("{type: ipmi, address: -oProxyCommand=x, port: 70000, passwordFile: nowhere.pw,"
                + " mac: \"52:54:00:12:34:56\"}")).containsExactly(
                "hosts[0].power.mac: unknown field (known: type, timeout, idleWatts, maxWatts, address, port, user,"
                        + " passwordFile, cipherSuite)",
                "hosts[0].power.address: expected one word, not empty, without spaces or control characters, not"
                        + " starting with '-', got \"-oProxyCommand=x\"",
                "hosts[0].power.port: must be >= 1 and <= 65535, got 70000",
                "hosts[0].power.user: required",
                "hosts[0].power.passwordFile: " + dir.resolve("nowhere.pw") + ": no such file");
        assertThat(problems("{type: ups}")).containsExactly(
                "hosts[0].power.type: unknown value \"ups\" (allowed: ipmi, redfish, wol, command, testbed)");
        assertThat(problems("{idleWatts: 100, address: 10.0.0.1}")).containsExactly(
                "hosts[0].power.address: unknown field (known: type, timeout, idleWatts, maxWatts)",
                "hosts[0].power.maxWatts: required");
        assertThat(problems("{type: wol, mac: 52:54:00, broadcast: everyone, timeout: 2h}")).containsExactly(
                "hosts[0].power.timeout: must be more than 0 and at most 1h, e.g. 60s, got 2h",
                "hosts[0].power.mac: expected a MAC address such as 52:54:00:12:34:56, got \"52:54:00\"",
                "hosts[0].power.broadcast: expected an IPv4 address such as 198.18.0.255, got \"everyone\"",
                "hosts[0].power: give how the host is switched off: ssh (systemctl poweroff) or ipmi, one of them");
        assertThat(problems("{type: command, on: [], off: pdu-off, status: [pdu, 7]}")).containsExactly(
                "hosts[0].power.on: must name at least the program to run",
                "hosts[0].power.off: expected a list, got \"pdu-off\"",
                "hosts[0].power.status[1]: expected a string, got 7 (put it in quotes if it is meant as text)");
        assertThat(problems("{type: redfish, address: bmc, user: u, passwordFile: bmc.pw, systemsUri: Systems/1,"
                + " sslInsecure: yes}")).containsExactly(
                "hosts[0].power.systemsUri: expected a path on the BMC such as /redfish/v1/Systems/1, got \"Systems/1\"");
    }

    private Path secret(String name, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "not-the-real-one\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private HostConfig host(String power) throws InputException {
        ClusterConfig config = ClusterConfigReader.parse(cluster(power), "cluster.yaml", dir);
        return config.hosts().get(0);
    }

    private List<String> problems(String power) {
        InputException e = catchThrowableOfType(InputException.class,
                () -> ClusterConfigReader.parse(cluster(power), "cluster.yaml", dir));
        assertThat(e).as("power: %s must be refused", power).isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static String cluster(String power) {
        return """
                apiVersion: ballast/v1
                kind: Cluster
                hosts:
                  - name: host-01
                    libvirtUri: qemu+tcp://host-01/system
                    power: %s
                """.formatted(power);
    }
}
