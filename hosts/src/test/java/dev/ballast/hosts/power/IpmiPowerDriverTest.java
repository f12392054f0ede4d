package dev.ballast.hosts.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Ipmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ipmi driver: the real ipmitool, over RMCP+ on loopback, against OpenIPMI's BMC simulator. */
class IpmiPowerDriverTest {

    // IPMI passwords are at most 20 bytes (16 for the simulator's users).
    private static final String PASSWORD = "ipmi-" + UUID.randomUUID().toString().substring(0, 11);

    @TempDir
    static Path dir;
    private static IpmiSimulator bmc;
    private static Path passwordFile;

    @BeforeAll
    static void startBmc() throws Exception {
        bmc = IpmiSimulator.start(dir.resolve("bmc"), PASSWORD);
        passwordFile = secret("bmc.pw", PASSWORD + "\n", "rw-------");
    }

    @AfterAll
    static void stopBmc() throws InterruptedException {
        if (bmc != null) {
            bmc.close();
        }
    }

    @BeforeEach
    void switchedOn() throws IOException {
        bmc.setOn(true);
    }

    @Test
    void readsTheChassisPowerAndSwitchesOffSoftlyAndOnAgain() throws Exception {
        PowerDriver driver = driver(passwordFile, Duration.ofSeconds(30));

        assertThat(driver.status()).isEqualTo(PowerState.ON);
        driver.off();
        assertThat(bmc.isOn()).isFalse();
        assertThat(driver.status()).isEqualTo(PowerState.OFF);
        driver.on();
        assertThat(driver.status()).isEqualTo(PowerState.ON);

        // soft: an ACPI shutdown request, which the host's OS carries out; not a hard power-off.
        assertThat(bmc.calls()).contains("0x20 set shutdown 1", "0x20 set power 1").doesNotContain("0x20 set power 0");
    }

    @Test
    void ipmitoolReadsThePasswordFromTheFileNeverFromItsCommandLine() throws Exception {
        driver(passwordFile, Duration.ofSeconds(30)).status();

        assertThat(bmc.ipmitoolCommandLines()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("-f " + passwordFile).doesNotContain(PASSWORD));
    }

    @Test
    void aWrongPasswordIsAnErrorNamingTheHostWithIpmitoolsExitCodeAndWords() throws Exception {
        Path wrong = secret("wrong.pw", "not-" + PASSWORD, "rw-------");

        assertThatThrownBy(() -> driver(wrong, Duration.ofSeconds(30)).status())
                .isInstanceOf(HostException.class)
                .hasMessageStartingWith("host-07: reading the power state: ipmitool exited with code 1: ")
                .hasMessageContaining("Unable to establish IPMI v2 / RMCP+ session")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aBmcThatDoesNotAnswerIsGivenUpAtTheTimeLimit() {
        // A port nobody listens on: ipmitool would retry for longer than the limit.
        Ipmi silent = new Ipmi("127.0.0.1", 9, IpmiSimulator.USER, passwordFile, null, Duration.ofSeconds(2));
        long began = System.nanoTime();

        assertThatThrownBy(() -> new IpmiPowerDriver("host-07", silent).status())
                .hasMessageStartingWith("host-07: reading the power state: ipmitool gave no answer within 2s and was"
                        + " killed");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedBeforeIpmitoolRuns() throws Exception {
        Path open = secret("open.pw", PASSWORD, "rw-r--r--");
        int callsBefore = bmc.calls().size();

        assertThatThrownBy(() -> driver(open, Duration.ofSeconds(30)).off())
                .hasMessageStartingWith("host-07: switching off: password file " + open + ": others may read or write it")
                .hasMessageNotContaining(PASSWORD);
        assertThat(bmc.calls()).hasSize(callsBefore);
        assertThat(bmc.isOn()).isTrue();
    }

    private static PowerDriver driver(Path password, Duration timeout) {
        return new IpmiPowerDriver("host-07", new Ipmi("127.0.0.1", bmc.port(), IpmiSimulator.USER, password, 3, timeout));
    }

    private static Path secret(String name, String content, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
