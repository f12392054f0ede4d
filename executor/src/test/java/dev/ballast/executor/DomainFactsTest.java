package dev.ballast.executor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the pre-flight reads from a domain's XML. */
class DomainFactsTest {

    private static final String TESTBED_GUEST = """
            <domain type='qemu' id='3'>
              <name>vm-01</name>
              <memory unit='KiB'>65536</memory>
              <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
              <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='network' device='disk'>
                  <source protocol='nfs' name='/var/tmp/ballast-testbed/nfs/export/vm-01.qcow2'>
                    <host name='198.18.1.250'/>
                  </source>
                </disk>
                <disk type='file' device='cdrom'><source file='/iso/install.iso'/></disk>
                <interface type='bridge'><source bridge='virbr0'/></interface>
                <interface type='network'><source network='default' bridge='virbr1'/></interface>
              </devices>
            </domain>
            """;

    @Test
    void aTestbedGuestNeedsItsShareItsBridgeAndItsNetwork() {
        DomainFacts facts = DomainFacts.parse(TESTBED_GUEST);

        assertThat(facts.name()).isEqualTo("vm-01");
        assertThat(facts.memoryMiB()).isEqualTo(64);
        assertThat(facts.nfs()).containsExactly("198.18.1.250:/var/tmp/ballast-testbed/nfs/export");
        assertThat(facts.localDisks()).as("a CD-ROM is not a disk to keep").isEmpty();
        assertThat(facts.bridges()).containsExactly("virbr0");
        assertThat(facts.networks()).containsExactly("default");
        assertThat(facts.hasCustomCpu()).isTrue();
        assertThat(facts.cpuXml()).contains("<model fallback=\"forbid\">qemu64</model>");
        assertThat(facts.virtType()).isEqualTo("qemu");
        assertThat(facts.arch()).isEqualTo("x86_64");
        assertThat(facts.machine()).isEqualTo("pc-i440fx-7.2");
        assertThat(facts.emulator()).isEqualTo("/usr/bin/qemu-system-x86_64");
    }

    @Test
    void aLocalDiskIsSeenAndAPassthroughCpuIsNotAModelToCompare() {
        DomainFacts facts = DomainFacts.parse("""
                <domain type='kvm'><name>db</name><memory unit='GiB'>8</memory>
                  <cpu mode='host-passthrough'/>
                  <devices><disk type='file' device='disk'><source file='/var/lib/libvirt/images/db.qcow2'/></disk></devices>
                </domain>
                """);

        assertThat(facts.memoryMiB()).isEqualTo(8192);
        assertThat(facts.localDisks()).containsExactly("/var/lib/libvirt/images/db.qcow2");
        assertThat(facts.nfs()).isEmpty();
        assertThat(facts.hasCustomCpu()).isFalse();
    }
}
