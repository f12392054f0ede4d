package dev.ballast.collector;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes libvirt's own error reports to the log. Without a callback libvirt prints every error
 * to stderr ({@code libvirt: error : ...}), which would garble the collector's status lines;
 * the same message still reaches us in the LibvirtException.
 */
final class LibvirtErrors {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtErrors.class);
    // Held for ever: JNA would otherwise let the callback be collected while libvirt still calls it.
    private static final Libvirt.VirErrorCallback TO_LOG = LibvirtErrors::log;
    private static boolean installed;

    private LibvirtErrors() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Connect.setErrorCallback(TO_LOG);
            installed = true;
        } catch (LibvirtException e) {
            LOG.debug("cannot install the libvirt error callback: {}", e.getMessage());
        }
    }

    private static void log(Pointer userData, virError error) {
        LOG.debug("libvirt: {}", error.message);
    }
}
