package dev.ballast.hosts.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.hosts.VmDetails;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is read from a domain's XML, for every disk type, once for the collector and the executor alike. */
class DomainXmlTest {

    private static final String SHARE = "198.18.0.10:/export/vms";
    /** A host with one NFS pool mounted at /var/lib/libvirt/images/nfs-vms, and network "default" on virbr0. */
    private static final HostAttachments HOST = HostAttachments.of(
            Map.of("nfs-vms", new HostAttachments.NfsPool(SHARE, "/var/lib/libvirt/images/nfs-vms")),
            Map.of("default", "virbr0"));

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
                <interface type='bridge'><source bridge='virbr0'/><target dev='vnet0'/></interface>
                <interface type='network'><source network='default' bridge='virbr1'/><target dev='vnet1'/></interface>
              </devices>
            </domain>
            """;

    private static DomainXml read(String disks) {
        return new DomainXml("<domain type='kvm'><name>db</name><memory unit='GiB'>8</memory><devices>" + disks
                + "</devices></domain>", HOST);
    }

    @Test
    void aTestbedGuestNeedsItsShareItsBridgeAndItsNetwork() {
        VmDetails details = new DomainXml(TESTBED_GUEST, HOST).details(true, false);

        assertThat(details.name()).isEqualTo("vm-01");
        assertThat(details.memoryMiB()).isEqualTo(64);
        assertThat(details.storage()).containsExactly("198.18.1.250:/var/tmp/ballast-testbed/nfs/export");
        assertThat(details.localDisks()).as("a CD-ROM is not a disk to keep").isEmpty();
        assertThat(details.bridges()).containsExactly("virbr0");
        assertThat(details.networks()).containsExactly("default");
        assertThat(details.persistent()).isTrue();
        assertThat(details.autostart()).isFalse();
        VmDetails.Cpu cpu = details.cpu();
        assertThat(cpu.isCustom()).isTrue();
        assertThat(cpu.xml()).contains("<model fallback=\"forbid\">qemu64</model>");
        assertThat(cpu.virtType()).isEqualTo("qemu");
        assertThat(cpu.arch()).isEqualTo("x86_64");
        assertThat(cpu.machine()).isEqualTo("pc-i440fx-7.2");
        assertThat(cpu.emulator()).isEqualTo("/usr/bin/qemu-system-x86_64");
    }

    @Test
    void theCollectorSeesEveryBridgeTheInterfaceDevicesAndTheCpuModel() {
        DomainXml xml = new DomainXml(TESTBED_GUEST, HOST);

        assertThat(xml.bridges()).as("virbr0 directly and behind network default").containsExactly("virbr0");
        assertThat(xml.interfaceDevices()).containsExactly("vnet0", "vnet1");
        assertThat(xml.cpuModel()).isEqualTo("qemu64");
        assertThat(xml.firstStorage()).isEqualTo("198.18.1.250:/var/tmp/ballast-testbed/nfs/export");
    }

    @Test
    void aVolumeDiskLivesOnTheShareOfItsPool() {
        DomainXml xml = read("<disk type='volume' device='disk'><source pool='nfs-vms' volume='db.qcow2'/></disk>");

        assertThat(xml.storage()).containsExactly(SHARE);
        assertThat(xml.firstStorage()).isEqualTo(SHARE);
        assertThat(xml.localDisks()).isEmpty();
    }

    @Test
    void aVolumeDiskOfAPoolThatIsNotNfsIsLocal() {
        DomainXml xml = read("<disk type='volume' device='disk'><source pool='default' volume='db.qcow2'/></disk>");

        assertThat(xml.storage()).isEmpty();
        assertThat(xml.localDisks()).containsExactly("default/db.qcow2");
    }

    @Test
    void aFileDiskUnderAnNfsPoolsMountIsOnItsShareAndAnyOtherFileIsLocal() {
        DomainXml xml = read("""
                <disk type='file' device='disk'><source file='/var/lib/libvirt/images/nfs-vms/db.qcow2'/></disk>
                <disk type='file' device='disk'><source file='/var/lib/libvirt/images/scratch.qcow2'/></disk>
                """);

        assertThat(xml.storage()).containsExactly(SHARE);
        assertThat(xml.localDisks()).containsExactly("/var/lib/libvirt/images/scratch.qcow2");
    }

    @Test
    void aBlockDiskIsLocal() {
        DomainXml xml = read("<disk type='block' device='disk'><source dev='/dev/vg0/db'/></disk>");

        assertThat(xml.storage()).isEmpty();
        assertThat(xml.localDisks()).containsExactly("/dev/vg0/db");
    }

    @Test
    void disksOnSeveralSharesAreAllListedAndTheFirstIsTheVmsStorage() {
        DomainXml xml = read("""
                <disk type='network' device='disk'><source protocol='nfs' name='/other/db.qcow2'><host name='nas2'/></source></disk>
                <disk type='volume' device='disk'><source pool='nfs-vms' volume='db-data.qcow2'/></disk>
                """);

        assertThat(xml.storage()).containsExactly("nas2:/other", SHARE);
        assertThat(xml.firstStorage()).isEqualTo("nas2:/other");
    }

    @Test
    void aPassthroughCpuIsNotAModelToCompareAndMemoryUnitsAreRead() {
        DomainXml xml = new DomainXml("""
                <domain type='kvm'><name>db</name><memory unit='GiB'>8</memory>
                  <cpu mode='host-passthrough'/><devices/></domain>
                """, HOST);

        assertThat(xml.memoryMiB()).isEqualTo(8192);
        assertThat(xml.cpu().isCustom()).isFalse();
        assertThat(xml.cpuModel()).isNull();
    }
}
