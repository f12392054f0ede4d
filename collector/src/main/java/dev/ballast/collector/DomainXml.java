package dev.ballast.collector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads from a domain's XML what placement depends on: the shared storage of its disks, the
 * bridges of its interfaces, the host-side names of those interfaces (for their stats) and its
 * CPU model.
 *
 * <p>Storage ids are {@code server:/dir}: for a network disk, the NFS server and the directory
 * holding the image; for a file or volume disk, the server and export of the NFS pool it lives
 * on. Local disks have no shared storage. A VM whose disks span several exports is described by
 * the first; the model has one storage per VM.
 */
final class DomainXml {

    private final Element domain;
    private final HostAttachments host;

    DomainXml(String xml, HostAttachments host) {
        this.domain = Xml.parse(xml);
        this.host = host;
    }

    /** The storage id of the first disk on shared storage, or null. */
    String storage() {
        for (Element disk : Xml.children(Xml.child(domain, "devices"), "disk")) {
            String id = storageOf(disk);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private String storageOf(Element disk) {
        Element source = Xml.child(disk, "source");
        if (source == null) {
            return null;
        }
        return switch (String.valueOf(Xml.attribute(disk, "type"))) {
            case "network" -> networkStorage(source);
            case "file" -> Xml.attribute(source, "file") == null ? null : host.fileStorage(Xml.attribute(source, "file"));
            case "volume" -> Xml.attribute(source, "pool") == null ? null : host.poolStorage(Xml.attribute(source, "pool"));
            default -> null;
        };
    }

    private static String networkStorage(Element source) {
        String server = Xml.attribute(Xml.child(source, "host"), "name");
        String image = Xml.attribute(source, "name");
        if (!"nfs".equals(Xml.attribute(source, "protocol")) || server == null || image == null) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : image.substring(0, slash);
        return server + ":" + (dir.startsWith("/") ? dir : "/" + dir);
    }

    /** The bridges of its interfaces, in the order they appear. */
    Set<String> bridges() {
        Set<String> bridges = new LinkedHashSet<>();
        for (Element iface : interfaces()) {
            String type = Xml.attribute(iface, "type");
            Element source = Xml.child(iface, "source");
            String bridge = "bridge".equals(type) ? Xml.attribute(source, "bridge")
                    : "network".equals(type) ? host.networkBridge(Xml.attribute(source, "network")) : null;
            if (bridge != null) {
                bridges.add(bridge);
            }
        }
        return bridges;
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

    String cpuModel() {
        return Xml.text(domain, "cpu", "model");
    }

    private List<Element> interfaces() {
        return Xml.children(Xml.child(domain, "devices"), "interface");
    }
}
