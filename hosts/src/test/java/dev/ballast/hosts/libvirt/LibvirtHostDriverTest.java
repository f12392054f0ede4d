package dev.ballast.hosts.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.HostSample;
import dev.ballast.hosts.MigrationParameters;
import dev.ballast.hosts.PowerState;
import dev.ballast.hosts.VmDetails;
import dev.ballast.hosts.VmInventory;
import dev.ballast.hosts.VmState;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.CpuInfo;
import dev.ballast.model.PowerControl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libvirt driver against libvirt's test driver (the real libvirt.so.0, in-process), on one
 * node XML file with four running VMs. The test driver cannot migrate; the testbed tests of the
 * executor cover that.
 */
class LibvirtHostDriverTest {

    private static final String NFS = "198.18.0.10:/export/vms";
    private static LibvirtHostDriver driver;

    @BeforeAll
    static void open() throws URISyntaxException {
        Path node = Path.of(LibvirtHostDriverTest.class.getResource("/nodes/node.xml").toURI());
        driver = LibvirtHostDriver.open(HostConfig.of("host-a", "test://" + node.toAbsolutePath()));
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    @Test
    void theInventoryListsTheHostAndEveryRunningVm() throws HostException {
        HostSample sample = driver.sample();

        assertThat(sample.inventory().cpus()).isEqualTo(16);
        assertThat(sample.inventory().memoryMiB()).isEqualTo(65_536);
        assertThat(sample.inventory().cpu()).isEqualTo(new CpuInfo("i686", null));
        assertThat(sample.inventory().storage()).containsExactly(NFS);
        assertThat(sample.inventory().bridges()).containsExactlyInAnyOrder("virbr0", "br-db");
        assertThat(sample.inventory().vms()).extracting(VmInventory::name, VmInventory::memoryMiB, VmInventory::vcpus,
                VmInventory::storage).containsExactlyInAnyOrder(
                        tuple("web-1", 4096L, 2, NFS), tuple("db-1", 8192L, 4, NFS), tuple("cache-1", 1024L, 1, null),
                        tuple("files-1", 2048L, 2, NFS));
        assertThat(sample.statistics().vms()).containsOnlyKeys("web-1", "db-1", "cache-1", "files-1");
        assertThat(sample.statistics().cpuTimes()).isNotNull();
        // The test driver has neither node memory statistics nor free memory: memory used stays unknown.
        assertThat(sample.statistics().memoryUsedMiB()).isNull();
    }

    @Test
    void aVmsStateIsReadAndAnUnknownVmIsNowhere() throws HostException {
        assertThat(driver.vmState("web-1")).contains(VmState.RUNNING);
        assertThat(driver.runs("web-1")).isTrue();
        assertThat(driver.vmState("no-such-vm")).isEmpty();
        assertThat(driver.runs("no-such-vm")).isFalse();
    }

    @Test
    void theDetailsOfAVmOnAVolumeNameThePoolsShare() throws HostException {
        VmDetails details = driver.vmDetails("files-1");

        assertThat(details.storage()).containsExactly(NFS);
        assertThat(details.localDisks()).isEmpty();
        assertThat(details.networks()).containsExactly("default");
        assertThat(details.memoryMiB()).isEqualTo(2048);
    }

    @Test
    void theHostsInterfacesAndNetworksAreLookedUp() throws HostException {
        assertThat(driver.interfaceType("br-db")).contains("bridge");
        assertThat(driver.interfaceType("br-none")).isEmpty();
        assertThat(driver.networkActive("default")).contains(true);
        assertThat(driver.networkActive("none")).isEmpty();
    }

    @Test
    void aMissingVmIsAHostExceptionNamingTheHostAndTheVm() {
        assertThatThrownBy(() -> driver.vmDetails("no-such-vm")).isInstanceOf(HostException.class)
                .hasMessageStartingWith("host-a: reading the definition of no-such-vm: ")
                .satisfies(e -> assertThat(((HostException) e).code()).isEqualTo(HostException.NO_DOMAIN));
    }

    @Test
    void aHostThatIsDownIsAHostExceptionNamingItAndItsUri() throws IOException {
        int closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = server.getLocalPort();
        }
        String uri = "qemu+tcp://127.0.0.1:" + closed + "/system";
        try (LibvirtHostDriver down = LibvirtHostDriver.openReadOnly(HostConfig.of("host-down", uri))) {
            assertThatThrownBy(down::sample).isInstanceOf(HostException.class)
                    .hasMessageStartingWith("host-down: connecting to " + uri + ": ")
                    .hasMessageContaining("onnect");
        }
    }

    @Test
    void theLibvirtDriverHasNoPowerDriver() {
        assertThatThrownBy(driver::powerOn).isInstanceOf(HostException.class)
                .hasMessage("host-a: switching on: no power driver configured for host-a");
        assertThatThrownBy(driver::powerStatus).hasMessageContaining("no power driver configured for host-a");
    }

    @Test
    void withAPowerDriverConfiguredPowerIsThatDriversTools(@TempDir Path dir) throws Exception {
        // An operator's command: a script keeping the state in a file, exit 2 for off.
        Path state = dir.resolve("state");
        Path pdu = dir.resolve("pdu");
        Files.writeString(pdu, "#!/bin/sh\ncase $1 in status) grep -q on " + state + " && echo on || exit 2 ;;"
                + " *) echo $1 >" + state + " ;; esac\n");
        Files.setPosixFilePermissions(pdu, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(state, "off\n");
        HostConfig config = HostConfig.of("host-a", driver.uri()).withPowerControl(new PowerControl.Command(
                List.of(pdu.toString(), "on"), List.of(pdu.toString(), "off"), List.of(pdu.toString(), "status"),
                Duration.ofSeconds(20)));

        try (LibvirtHostDriver powered = LibvirtHostDriver.open(config)) {
            assertThat(powered.powerStatus()).isEqualTo(PowerState.OFF);
            powered.powerOn();
            assertThat(Files.readString(state)).isEqualTo("on\n");
            assertThat(powered.powerStatus()).isEqualTo(PowerState.ON);
            powered.powerOff();
            assertThat(powered.powerStatus()).isEqualTo(PowerState.OFF);
        }
    }

    @Test
    void aWakeOnLanHostWithoutBmcIsOnWhileItsLibvirtAnswers() throws Exception {
        PowerControl.WakeOnLan wol = new PowerControl.WakeOnLan("52:54:00:00:00:0a", null, null,
                new PowerControl.Ssh("198.18.0.10", null, null, null), null, Duration.ofSeconds(5));
        int closed;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = server.getLocalPort();
        }

        try (LibvirtHostDriver up = LibvirtHostDriver.openReadOnly(HostConfig.of("host-a", driver.uri())
                        .withPowerControl(wol));
                LibvirtHostDriver down = LibvirtHostDriver.openReadOnly(HostConfig.of("host-down",
                        "qemu+tcp://127.0.0.1:" + closed + "/system").withPowerControl(wol))) {
            assertThat(up.powerStatus()).isEqualTo(PowerState.ON);
            assertThat(down.powerStatus()).isEqualTo(PowerState.OFF);
        }
    }

    @Test
    void theTestDriverCannotMigrateAndSaysWhoFailed() {
        assertThatThrownBy(() -> driver.migrate("web-1", driver, MigrationParameters.defaults()))
                .isInstanceOf(HostException.class).hasMessageStartingWith("host-a: migrating web-1 to host-a: ");
    }
}
