package dev.ballast.collector;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * A read-only libvirt connection that also hands its native pointer to {@link NodeStats}, for
 * the calls libvirt-java does not wrap. The binding keeps the pointer in a protected field.
 */
final class LibvirtConnection extends Connect {

    LibvirtConnection(String uri) throws LibvirtException {
        super(uri, true);
    }

    Pointer pointer() {
        return vcp.getPointer();
    }
}
