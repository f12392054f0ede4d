package dev.ballast.hosts.libvirt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/**
 * What a host offers its VMs to attach to, as libvirt knows it: NFS storage pools (by name and
 * by mount point), the bridges behind its virtual networks, and its bridge interfaces. Needed
 * both to describe the host and to resolve a VM's {@code <interface type='network'>} and file
 * disks to a bridge and a storage id.
 */
final class HostAttachments {

    /** An NFS pool: its storage id ({@code server:/export}) and where the host mounts it. */
    record NfsPool(String id, String mountPoint) {
    }

    private final Map<String, NfsPool> nfsPools = new HashMap<>();
    private final Map<String, String> networkBridges = new HashMap<>();
    private final Set<String> bridges = new HashSet<>();

    private HostAttachments() {
    }

    /** Attachments known without asking a host: for reading domain XML in tests, or with nothing known. */
    static HostAttachments of(Map<String, NfsPool> nfsPools, Map<String, String> networkBridges) {
        HostAttachments found = new HostAttachments();
        found.nfsPools.putAll(nfsPools);
        found.networkBridges.putAll(networkBridges);
        found.bridges.addAll(networkBridges.values());
        return found;
    }

    static HostAttachments read(Connect conn) throws LibvirtException {
        HostAttachments found = new HostAttachments();
        for (String pool : conn.listStoragePools()) {
            found.addPool(pool, Xml.parse(conn.storagePoolLookupByName(pool).getXMLDesc(0)));
        }
        for (String network : conn.listNetworks()) {
            found.addNetwork(network, Xml.parse(conn.networkLookupByName(network).getXMLDesc(0)));
        }
        for (String name : conn.listInterfaces()) {
            Element iface = Xml.parse(conn.interfaceLookupByName(name).getXMLDescription(0));
            if ("bridge".equals(Xml.attribute(iface, "type"))) {
                found.bridges.add(name);
            }
        }
        return found;
    }

    private void addPool(String name, Element pool) {
        if (!"netfs".equals(Xml.attribute(pool, "type"))) {
            return;
        }
        String server = Xml.attribute(Xml.child(pool, "source", "host"), "name");
        String export = Xml.attribute(Xml.child(pool, "source", "dir"), "path");
        if (server != null && export != null) {
            nfsPools.put(name, new NfsPool(server + ":" + export, Xml.text(pool, "target", "path")));
        }
    }

    private void addNetwork(String name, Element network) {
        String bridge = Xml.attribute(Xml.child(network, "bridge"), "name");
        if (bridge != null) {
            networkBridges.put(name, bridge);
            bridges.add(bridge);
        }
    }

    /** The storage ids of the host's NFS pools. */
    Set<String> storage() {
        Set<String> ids = new HashSet<>();
        nfsPools.values().forEach(pool -> ids.add(pool.id()));
        return ids;
    }

    Set<String> bridges() {
        return Set.copyOf(bridges);
    }

    /** The storage id of a pool, or null when it is not an NFS pool. */
    String poolStorage(String pool) {
        NfsPool found = nfsPools.get(pool);
        return found == null ? null : found.id();
    }

    /** The storage id of the NFS pool mounted above {@code file}, or null. */
    String fileStorage(String file) {
        for (NfsPool pool : nfsPools.values()) {
            if (pool.mountPoint() != null && file.startsWith(pool.mountPoint() + "/")) {
                return pool.id();
            }
        }
        return null;
    }

    /** The bridge behind a libvirt network, or null. */
    String networkBridge(String network) {
        return networkBridges.get(network);
    }
}
