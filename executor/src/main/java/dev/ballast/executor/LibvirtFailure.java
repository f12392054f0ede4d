package dev.ballast.executor;

/**
 * A libvirt call made through JNA failed; the message is libvirt's own last error. (The
 * binding's LibvirtException cannot be made outside its package.)
 */
final class LibvirtFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LibvirtFailure(String message) {
        super(message);
    }

    /** What was being done, and libvirt's last error on this thread. */
    static LibvirtFailure last(String doing) {
        String message = NativeLibvirt.INSTANCE.virGetLastErrorMessage();
        return new LibvirtFailure(doing + ": " + (message == null ? "unknown libvirt error" : message));
    }
}
