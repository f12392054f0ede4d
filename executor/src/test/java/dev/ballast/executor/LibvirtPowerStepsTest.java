package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.libvirt.LibvirtHostDriver;
import dev.ballast.model.ClusterConfig.HostConfig;
import dev.ballast.model.PowerControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Power steps on a libvirt host: libvirt's test driver ({@code test:///default}, one instance
 * shared by every connection of this process, so the test defines domains the driver then sees)
 * and the host's power through a {@code command} power driver, a script that keeps the state in
 * a file and logs every call.
 */
class LibvirtPowerStepsTest {

    private static final String URI = "test:///default";

    @TempDir
    Path dir;
    private Connect libvirt;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void anEmptyHostThatIsOn() throws Exception {
        libvirt = new Connect(URI, false);
        // The default test host runs one domain, "test": stopped here (still defined, not autostarted).
        for (Domain domain : libvirt.listAllDomains(1)) {
            domain.destroy();
        }
        for (String name : libvirt.listDefinedDomains()) {
            libvirt.domainLookupByName(name).setAutostart(false);
        }
        Files.writeString(dir.resolve("state"), "on\n");
        script("power", """
                #!/bin/sh
                # power on|off|status, for host-a: the state in a file, each call logged.
                dir=$(dirname "$0")
                echo "$1" >>"$dir/calls"
                case $1 in
                    on|off) [ -e "$dir/broken" ] && { echo "outlet 3: relay stuck" >&2; exit 1; }
                            echo "$1" >"$dir/state" ;;
                    status) echo "outlet 3: $(cat "$dir/state")" ;;
                esac
                """);
    }

    @AfterEach
    void close() throws LibvirtException {
        for (String name : libvirt.listDefinedDomains()) {
            Domain domain = libvirt.domainLookupByName(name);
            domain.setAutostart(false);
            if (!name.equals("test")) {
                domain.undefine();
            }
        }
        libvirt.domainLookupByName("test").create();
        libvirt.close();
    }

    @Test
    void anEmptyHostIsSwitchedOffThroughItsPowerDriverAndOnUntilLibvirtAnswers() throws Exception {
        try (LibvirtHostDriver host = driver()) {
            PowerSteps.Outcome off = steps(host).powerOff("host-a", notes::add);

            assertThat(off.result()).isEqualTo(PowerSteps.Result.DONE);
            assertThat(Files.readString(dir.resolve("state"))).isEqualTo("off\n");

            PowerSteps.Outcome on = steps(host).powerOn("host-a", notes::add);

            assertThat(on.result()).isEqualTo(PowerSteps.Result.DONE);
            assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("status", "off", "status", "status",
                    "on");
        }
    }

    @Test
    void aHostWithADomainDefinedToStartWithItIsNotSwitchedOff() throws Exception {
        Domain later = libvirt.domainDefineXML("""
                <domain type='test'>
                  <name>batch-7</name>
                  <memory unit='MiB'>512</memory>
                  <vcpu>1</vcpu>
                  <os><type>hvm</type></os>
                </domain>
                """);
        later.setAutostart(true);

        try (LibvirtHostDriver host = driver()) {
            assertThat(host.autostartVms()).containsExactly("batch-7");

            PowerSteps.Outcome off = steps(host).powerOff("host-a", notes::add);

            assertThat(off.result()).isEqualTo(PowerSteps.Result.SKIPPED);
            assertThat(off.reason()).isEqualTo("pre-flight: host-a has VMs defined to start with it: batch-7");
            assertThat(Files.readString(dir.resolve("state"))).isEqualTo("on\n");
            assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("status");
        }
    }

    @Test
    void aHostThatRunsADomainIsNotSwitchedOff() throws Exception {
        libvirt.domainLookupByName("test").create();

        try (LibvirtHostDriver host = driver()) {
            PowerSteps.Outcome off = steps(host).powerOff("host-a", notes::add);

            assertThat(off.result()).isEqualTo(PowerSteps.Result.SKIPPED);
            assertThat(off.reason()).isEqualTo("pre-flight: host-a still runs test");
            assertThat(Files.readString(dir.resolve("state"))).isEqualTo("on\n");
        }
        libvirt.domainLookupByName("test").destroy();
    }

    @Test
    void aPowerDriverThatFailsFailsTheStepWithWhatItSaid() throws Exception {
        Files.writeString(dir.resolve("broken"), "");

        try (LibvirtHostDriver host = driver()) {
            PowerSteps.Outcome off = steps(host).powerOff("host-a", notes::add);

            assertThat(off.result()).isEqualTo(PowerSteps.Result.FAILED);
            assertThat(off.reason()).isEqualTo("switching off: " + dir.resolve("power")
                    + " exited with code 1: outlet 3: relay stuck");
            assertThat(Files.readString(dir.resolve("state"))).isEqualTo("on\n");
        }
    }

    private LibvirtHostDriver driver() {
        String power = dir.resolve("power").toString();
        return LibvirtHostDriver.open(HostConfig.of("host-a", URI).withPowerControl(new PowerControl.Command(
                List.of(power, "on"), List.of(power, "off"), List.of(power, "status"), Duration.ofSeconds(20))));
    }

    private static PowerSteps steps(LibvirtHostDriver host) {
        return new PowerSteps(name -> host, Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(30),
                Duration.ofMillis(100));
    }

    private void script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
