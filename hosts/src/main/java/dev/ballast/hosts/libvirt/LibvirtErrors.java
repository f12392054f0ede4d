package dev.ballast.hosts.libvirt;

import com.sun.jna.Pointer;
import dev.ballast.hosts.HostException;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;
import org.libvirt.jna.virError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a libvirt failure becomes a {@link HostException}: from libvirt-java's
 * LibvirtException, or from libvirt's last error after a JNA call failed. Also routes libvirt's
 * own error reports to the log: without a callback libvirt prints every error to stderr
 * ({@code libvirt: error : ...}), which would garble the operator's output; the same message
 * still reaches us in the exception.
 */
final class LibvirtErrors {

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtErrors.class);
    // Held for ever: JNA would otherwise let the callback be collected while libvirt still calls it.
    private static final Libvirt.VirErrorCallback TO_LOG = LibvirtErrors::log;
    private static boolean installed;

    private LibvirtErrors() {
    }

    /** What libvirt-java reported, for that host and operation. */
    static HostException of(String host, String operation, LibvirtException e) {
        Error error = e.getError();
        // ErrorNumber lists libvirt's virErrorNumber in order, so its ordinal is libvirt's code.
        int code = error == null || error.getCode() == null ? 0 : error.getCode().ordinal();
        return new HostException(host, operation, e.getMessage(), code, e);
    }

    /** libvirt's last error on this thread, after a call through {@link NativeLibvirt} failed. */
    static HostException last(String host, String operation) {
        String message = NativeLibvirt.INSTANCE.virGetLastErrorMessage();
        return new HostException(host, operation, message == null ? "unknown libvirt error" : message,
                NativeLibvirt.INSTANCE.virGetLastErrorCode(), null);
    }

    /** Any other failure while talking to libvirt (a JNA error, XML that does not parse). */
    static HostException of(String host, String operation, RuntimeException e) {
        return new HostException(host, operation, e.getMessage() == null ? e.toString() : e.getMessage(), 0, e);
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
