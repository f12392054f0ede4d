package dev.ballast.hosts.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Redfish;
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

/**
 * The redfish driver: the real fence_redfish agent (fence-agents) against a fake Redfish service
 * over HTTPS on loopback, which records what it was asked and with which credentials.
 */
class RedfishPowerDriverTest {

    private static final String PASSWORD = "redfish-" + UUID.randomUUID();
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static FakeRedfish bmc;
    private static Path passwordFile;

    @BeforeAll
    static void startBmc() throws Exception {
        bmc = FakeRedfish.start(dir, PASSWORD);
        passwordFile = secret("bmc.pw", PASSWORD + "\n");
    }

    @AfterAll
    static void stopBmc() {
        if (bmc != null) {
            bmc.close();
        }
    }

    @BeforeEach
    void switchedOn() {
        bmc.setPowerState("On");
    }

    @Test
    void readsThePowerStateAndSwitchesOffAndOnThroughTheResetAction() throws Exception {
        PowerDriver driver = driver(passwordFile, null, true);

        assertThat(driver.status()).isEqualTo(PowerState.ON);
        driver.off();
        assertThat(bmc.powerState()).isEqualTo("Off");
        assertThat(driver.status()).isEqualTo(PowerState.OFF);
        driver.on();
        assertThat(driver.status()).isEqualTo(PowerState.ON);

        assertThat(bmc.requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(FakeRedfish.Request::path, FakeRedfish.Request::body)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FakeRedfish.SYSTEM + "/Actions/ComputerSystem.Reset",
                                "{\"ResetType\": \"ForceOff\"}"),
                        org.assertj.core.groups.Tuple.tuple(FakeRedfish.SYSTEM + "/Actions/ComputerSystem.Reset",
                                "{\"ResetType\": \"On\"}"));
    }

    @Test
    void withoutASystemsUriTheAgentFindsTheSystemFromTheServiceRoot() throws Exception {
        int before = bmc.requests().size();

        assertThat(new RedfishPowerDriver("host-05", config(passwordFile, null, true, null)).status())
                .isEqualTo(PowerState.ON);

        assertThat(bmc.requests().subList(before, bmc.requests().size())).extracting(FakeRedfish.Request::path)
                .containsExactly("/redfish/v1", "/redfish/v1/Systems", FakeRedfish.SYSTEM);
    }

    @Test
    void thePasswordReachesTheServiceThroughTheAgentsStdinAndIsOnNoCommandLine() throws Exception {
        driver(passwordFile, null, true).status();

        assertThat(bmc.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.user()).isEqualTo(FakeRedfish.USER);
            assertThat(request.password()).isEqualTo(PASSWORD);
        });
        // The agent was running while the service answered it; neither it nor any other process
        // had the password on its command line.
        assertThat(bmc.agentCommandLines()).isNotEmpty();
        assertThat(bmc.commandLinesWithPassword()).isEmpty();
    }

    @Test
    void checksTheCertificateAgainstTheGivenCaFileAndRefusesAnUnknownOne() throws Exception {
        assertThat(driver(passwordFile, bmc.certificate(), false).status()).isEqualTo(PowerState.ON);

        assertThatThrownBy(() -> driver(passwordFile, null, false).status())
                .hasMessageStartingWith("host-05: reading the power state: fence_redfish exited with code 1: ")
                .hasMessageContaining("CERTIFICATE_VERIFY_FAILED");
    }

    @Test
    void aWrongPasswordIsAnErrorWithTheAgentsExitCodeAndNoPassword() throws Exception {
        Path wrong = secret("wrong.pw", "not-" + PASSWORD);

        assertThatThrownBy(() -> driver(wrong, null, true).off())
                .hasMessageStartingWith("host-05: switching off: fence_redfish exited with code 1")
                .hasMessageNotContaining(PASSWORD);
        assertThat(bmc.powerState()).isEqualTo("On");
    }

    @Test
    void aPasswordTheAgentWouldReceiveAlteredIsRefusedBeforeItRuns() throws Exception {
        Path quoted = secret("quoted.pw", "\"" + PASSWORD + "\"");
        int before = bmc.requests().size();

        assertThatThrownBy(() -> driver(quoted, null, true).status())
                .hasMessage("host-05: reading the power state: the password in " + quoted + " starts or ends with a"
                        + " space, or is wrapped in double quotes: fence_redfish would receive it altered");
        assertThat(bmc.requests()).hasSize(before);
    }

    private static PowerDriver driver(Path password, Path caFile, boolean insecure) {
        return new RedfishPowerDriver("host-05", config(password, caFile, insecure, FakeRedfish.SYSTEM));
    }

    private static Redfish config(Path password, Path caFile, boolean insecure, String systemsUri) {
        return new Redfish("127.0.0.1", bmc.port(), FakeRedfish.USER, password, systemsUri, insecure, caFile, LIMIT);
    }

    private static Path secret(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
