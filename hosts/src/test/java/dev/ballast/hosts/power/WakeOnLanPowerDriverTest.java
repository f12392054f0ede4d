package dev.ballast.hosts.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Ipmi;
import dev.ballast.model.PowerControl.Ssh;
import dev.ballast.model.PowerControl.WakeOnLan;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wol driver: the real {@code wakeonlan} sending its magic packet to a UDP port on 127.0.0.1
 * that the test listens on; switching off through the real ipmitool against ipmi_sim, or through
 * the real ssh (no ssh server runs here: its refusal is what the driver reports).
 */
class WakeOnLanPowerDriverTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String MAC = "52-54-00-AB-cd-07";

    @TempDir
    Path dir;

    @Test
    void switchesOnWithAMagicPacketThatCarriesTheMacSixteenTimes() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(10_000);
            WakeOnLan config = new WakeOnLan(MAC, "127.0.0.1", listener.getLocalPort(), new Ssh("127.0.0.1", null,
                    null, null), null, LIMIT);

            new WakeOnLanPowerDriver("host-09", config, () -> false).on();

            DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
            listener.receive(packet);
            byte[] payload = Arrays.copyOf(packet.getData(), packet.getLength());
            byte[] mac = HexFormat.of().parseHex("525400abcd07");
            assertThat(payload).hasSize(6 + 16 * 6);
            assertThat(Arrays.copyOfRange(payload, 0, 6)).containsOnly((byte) 0xff);
            for (int i = 0; i < 16; i++) {
                assertThat(Arrays.copyOfRange(payload, 6 + 6 * i, 12 + 6 * i)).as("copy %d of the MAC", i)
                        .isEqualTo(mac);
            }
        }
    }

    @Test
    void withoutABmcTheHostIsOnWhenItsLibvirtAnswers() throws Exception {
        AtomicBoolean answers = new AtomicBoolean(true);
        WakeOnLanPowerDriver driver = new WakeOnLanPowerDriver("host-09", bySsh(22), answers::get);

        assertThat(driver.status()).isEqualTo(PowerState.ON);
        answers.set(false);
        assertThat(driver.status()).isEqualTo(PowerState.OFF);
    }

    @Test
    void switchingOffOverSshThatCannotConnectIsAnErrorWithSshsExitCodeAndWords() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // free again once closed: nobody listens there
        }
        WakeOnLanPowerDriver driver = new WakeOnLanPowerDriver("host-09", bySsh(closed), () -> true);

        assertThatThrownBy(driver::off)
                .hasMessageStartingWith("host-09: switching off: ssh exited with code 255: ")
                .hasMessageContaining("port " + closed + ": Connection refused");
    }

    @Test
    void withABmcItSwitchesOffSoftlyAndReadsThePowerStateThroughIpmi() throws Exception {
        String password = "wol-bmc-4711";
        try (IpmiSimulator bmc = IpmiSimulator.start(dir.resolve("bmc"), password)) {
            Path passwordFile = dir.resolve("bmc.pw");
            Files.writeString(passwordFile, password);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            WakeOnLan config = new WakeOnLan(MAC, "127.0.0.1", 9, null, new Ipmi("127.0.0.1", bmc.port(),
                    IpmiSimulator.USER, passwordFile, 3, LIMIT), LIMIT);
            // libvirt would say "off": the BMC's answer is the one that counts.
            WakeOnLanPowerDriver driver = new WakeOnLanPowerDriver("host-09", config, () -> false);

            assertThat(driver.status()).isEqualTo(PowerState.ON);
            driver.off();
            assertThat(driver.status()).isEqualTo(PowerState.OFF);
            assertThat(bmc.calls()).contains("0x20 set shutdown 1");
            assertThat(driver.describe()).isEqualTo("wol " + MAC + " (off and status: ipmi 127.0.0.1:" + bmc.port() + ")");
        }
    }

    @Test
    void aMacThatWakeonlanRefusesIsAnErrorWithWhatItSaid() throws IOException {
        // The file reader accepts only MACs; a config built by hand can still be wrong, and
        // wakeonlan then exits 0 having sent nothing: its words are what tell.
        WakeOnLan config = new WakeOnLan("zz", "127.0.0.1", 9, new Ssh("127.0.0.1", null, null, null), null, LIMIT);

        assertThatThrownBy(() -> new WakeOnLanPowerDriver("host-09", config, () -> false).on())
                .hasMessageStartingWith("host-09: switching on: wakeonlan (exit code 0) did not say \"Sending magic"
                        + " packet ...\"; it said: ")
                .hasMessageContaining("zz is not a hardware address");
    }

    private static WakeOnLan bySsh(int port) {
        return new WakeOnLan(MAC, null, null, new Ssh("127.0.0.1", port, "root", null), null, Duration.ofSeconds(20));
    }
}
