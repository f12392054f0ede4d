package dev.ballast.hosts.libvirt;

import dev.ballast.hosts.VmDetails;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * A domain's XML, read once, for everything placement and migration depend on: the shared
 * storage of its disks, what its interfaces attach to, the host-side names of those interfaces
 * (for their stats), its memory and its CPU.
 *
 * <p>Storage ids are {@code server:/dir}. Every disk type is read: a {@code network} disk over
 * NFS gives its server and the directory holding the image; a {@code file} disk under the mount
 * point of an NFS pool, and a {@code volume} disk of an NFS pool (looked up by the pool's name),
 * give the pool's server and export. Any other {@code file}, {@code block} or {@code volume}
 * disk is local; CD-ROMs and floppies are not counted. A network disk of another protocol
 * (rbd, iscsi) is shared but has no NFS share to name, so it is neither.
 */
final class DomainXml {

    private final Element domain;
    private final HostAttachments host;
    private final Set<String> storage = new LinkedHashSet<>();
    private final List<String> localDisks = new ArrayList<>();

    DomainXml(String xml, HostAttachments host) {
        this.domain = Xml.parse(xml);
        this.host = host;
        for (Element disk : Xml.children(devices(), "disk")) {
            readDisk(disk);
        }
    }

    private void readDisk(Element disk) {
        Element source = Xml.child(disk, "source");
        String device = Xml.attribute(disk, "device");
        if (source == null || "cdrom".equals(device) || "floppy".equals(device)) {
            return;
        }
        switch (String.valueOf(Xml.attribute(disk, "type"))) {
            case "network" -> {
                String share = nfsShare(source);
                if (share != null) {
                    storage.add(share);
                }
            }
            case "file" -> shared(host.fileStorage(orEmpty(Xml.attribute(source, "file"))), Xml.attribute(source, "file"));
            case "block" -> shared(null, Xml.attribute(source, "dev"));
            case "volume" -> shared(host.poolStorage(orEmpty(Xml.attribute(source, "pool"))),
                    Xml.attribute(source, "pool") + "/" + Xml.attribute(source, "volume"));
            default -> {
                // dir (a host directory as a FAT disk) and nvme are local by nature but never migrate anyway
            }
        }
    }

    private void shared(String share, String disk) {
        if (share != null) {
            storage.add(share);
        } else if (disk != null) {
            localDisks.add(disk);
        }
    }

    private static String nfsShare(Element source) {
        String server = Xml.attribute(Xml.child(source, "host"), "name");
        String image = Xml.attribute(source, "name");
        if (!"nfs".equals(Xml.attribute(source, "protocol")) || server == null || image == null) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : image.substring(0, slash);
        return server + ":" + (dir.startsWith("/") ? dir : "/" + dir);
    }

    String name() {
        return Xml.text(domain, "name");
    }

    /** The shared storage of every disk, in the order the disks appear. */
    Set<String> storage() {
        return storage;
    }

    /** The storage id of the first disk on shared storage, or null: the model has one storage per VM. */
    String firstStorage() {
        return storage.isEmpty() ? null : storage.iterator().next();
    }

    /** Disks on no shared storage: a path, or {@code pool/volume}. */
    List<String> localDisks() {
        return localDisks;
    }

    /** The bridges of its interfaces, those behind its libvirt networks included, in the order they appear. */
    Set<String> bridges() {
        Set<String> bridges = new LinkedHashSet<>();
        for (Element iface : interfaces()) {
            String bridge = bridgeOf(iface);
            if (bridge != null) {
                bridges.add(bridge);
            }
        }
        return bridges;
    }

    private String bridgeOf(Element iface) {
        String type = Xml.attribute(iface, "type");
        Element source = Xml.child(iface, "source");
        return "bridge".equals(type) ? Xml.attribute(source, "bridge")
                : "network".equals(type) ? host.networkBridge(Xml.attribute(source, "network")) : null;
    }

    /** Bridges named by {@code <interface type='bridge'>}. */
    Set<String> bridgeInterfaces() {
        return sources("bridge", "bridge");
    }

    /** libvirt networks named by {@code <interface type='network'>}. */
    Set<String> networks() {
        return sources("network", "network");
    }

    private Set<String> sources(String type, String attribute) {
        Set<String> names = new LinkedHashSet<>();
        for (Element iface : interfaces()) {
            String name = Xml.attribute(Xml.child(iface, "source"), attribute);
            if (type.equals(Xml.attribute(iface, "type")) && name != null && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The host-side device of each interface ({@code vnet0}), as interface stats want it. */
    List<String> interfaceDevices() {
        List<String> devices = new ArrayList<>();
        for (Element iface : interfaces()) {
            String device = Xml.attribute(Xml.child(iface, "target"), "dev");
            if (device != null) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** The CPU model its XML asks for; null when it takes the host's. */
    String cpuModel() {
        return Xml.text(domain, "cpu", "model");
    }

    /** Its maximum memory from {@code <memory>}, in MiB; 0 when absent. */
    long memoryMiB() {
        Element memory = Xml.child(domain, "memory");
        if (memory == null) {
            return 0;
        }
        long value = Long.parseLong(memory.getTextContent().trim());
        String unit = Xml.attribute(memory, "unit");
        return switch (unit == null || unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> value / (1024 * 1024);
            case "MiB", "M" -> value;
            case "GiB", "G" -> value * 1024;
            case "TiB", "T" -> value * 1024 * 1024;
            default -> value / 1024;
        };
    }

    /** Its CPU definition with what a hypervisor compares it on. */
    VmDetails.Cpu cpu() {
        Element os = Xml.child(domain, "os", "type");
        Element cpu = Xml.child(domain, "cpu");
        return new VmDetails.Cpu(cpu == null ? null : serialize(cpu), emptyToNull(Xml.attribute(domain, "type")),
                emptyToNull(Xml.attribute(os, "arch")), emptyToNull(Xml.attribute(os, "machine")),
                Xml.text(devices(), "emulator"));
    }

    /** What the pre-flight needs, with what the XML cannot say. */
    VmDetails details(boolean persistent, boolean autostart) {
        return new VmDetails(name(), memoryMiB(), bridgeInterfaces(), networks(), storage, localDisks, cpu(),
                persistent, autostart);
    }

    private Element devices() {
        return Xml.child(domain, "devices");
    }

    private List<Element> interfaces() {
        return Xml.children(devices(), "interface");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String serialize(Element element) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the CPU XML back: " + e.getMessage(), e);
        }
    }
}
