package dev.ballast.executor;

import dev.ballast.collector.Xml;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * What the pre-flight needs from a running domain's XML: its memory, the bridges and libvirt
 * networks of its interfaces, the NFS shares its disks live on, and its CPU definition with the
 * emulator, architecture, machine type and virtualisation type to compare it on.
 *
 * @param bridges  bridges named by {@code <interface type='bridge'>}
 * @param networks libvirt networks named by {@code <interface type='network'>}
 * @param nfs      each network disk's NFS share as {@code server:/dir} (the directory holding the image)
 * @param cpuXml   the domain's {@code <cpu>} element, or null when it has none
 */
record DomainFacts(
        String name,
        long memoryMiB,
        Set<String> bridges,
        Set<String> networks,
        Set<String> nfs,
        List<String> localDisks,
        String cpuXml,
        String virtType,
        String arch,
        String machine,
        String emulator) {

    static DomainFacts parse(String xml) {
        Element domain = Xml.parse(xml);
        Set<String> bridges = new LinkedHashSet<>();
        Set<String> networks = new LinkedHashSet<>();
        Set<String> nfs = new LinkedHashSet<>();
        List<String> local = new ArrayList<>();
        Element devices = Xml.child(domain, "devices");
        for (Element iface : Xml.children(devices, "interface")) {
            Element source = Xml.child(iface, "source");
            String type = iface.getAttribute("type");
            if ("bridge".equals(type) && source != null && !source.getAttribute("bridge").isEmpty()) {
                bridges.add(source.getAttribute("bridge"));
            } else if ("network".equals(type) && source != null && !source.getAttribute("network").isEmpty()) {
                networks.add(source.getAttribute("network"));
            }
        }
        for (Element disk : Xml.children(devices, "disk")) {
            Element source = Xml.child(disk, "source");
            if (source == null || "cdrom".equals(disk.getAttribute("device"))) {
                continue;
            }
            if ("network".equals(disk.getAttribute("type")) && "nfs".equals(source.getAttribute("protocol"))) {
                Element host = Xml.child(source, "host");
                String image = source.getAttribute("name");
                int slash = image.lastIndexOf('/');
                String dir = slash <= 0 ? "/" : image.substring(0, slash);
                nfs.add((host == null ? "?" : host.getAttribute("name")) + ":" + (dir.startsWith("/") ? dir : "/" + dir));
            } else if ("file".equals(disk.getAttribute("type"))) {
                local.add(source.getAttribute("file"));
            }
        }
        Element os = Xml.child(Xml.child(domain, "os"), "type");
        Element cpu = Xml.child(domain, "cpu");
        return new DomainFacts(Xml.text(domain, "name"), memoryMiB(Xml.child(domain, "memory")), bridges, networks, nfs,
                local, cpu == null ? null : serialize(cpu), domain.getAttribute("type"),
                os == null ? null : emptyToNull(os.getAttribute("arch")),
                os == null ? null : emptyToNull(os.getAttribute("machine")), Xml.text(devices, "emulator"));
    }

    /** True when the CPU is given as a model to compare (not host-passthrough or host-model). */
    boolean hasCustomCpu() {
        return cpuXml != null && cpuXml.contains("<model");
    }

    private static long memoryMiB(Element memory) {
        if (memory == null) {
            return 0;
        }
        long value = Long.parseLong(memory.getTextContent().trim());
        String unit = memory.getAttribute("unit");
        return switch (unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> value / (1024 * 1024);
            case "MiB", "M" -> value;
            case "GiB", "G" -> value * 1024;
            default -> value / 1024;
        };
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
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the CPU XML back: " + e.getMessage(), e);
        }
    }
}
