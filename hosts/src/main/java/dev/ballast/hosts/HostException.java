package dev.ballast.hosts;

/**
 * A host could not be reached or could not do what was asked. The one error type of every
 * {@link HostDriver}: it names the host, the operation, the driver's own message and, for
 * libvirt, its error code (virErrorNumber, e.g. 42 for "domain not found"; 0 when there is none).
 *
 * <p>The message reads {@code HOST: OPERATION: DETAIL}, e.g.
 * {@code host-02: migrating vm-01 to host-03: unable to connect to server}.
 */
public final class HostException extends Exception {

    private static final long serialVersionUID = 1L;

    /** virErrorNumber VIR_ERR_NO_DOMAIN: the host has no domain of that name. */
    public static final int NO_DOMAIN = 42;

    private final String host;
    private final String operation;
    private final String detail;
    private final int code;
    private final boolean noPowerDriver;

    public HostException(String host, String operation, String detail, int code, Throwable cause) {
        this(host, operation, detail, code, cause, false);
    }

    private HostException(String host, String operation, String detail, int code, Throwable cause,
            boolean noPowerDriver) {
        super(host + ": " + operation + ": " + (detail == null || detail.isBlank() ? "no reason given" : detail.strip()),
                cause);
        this.host = host;
        this.operation = operation;
        this.detail = detail == null || detail.isBlank() ? "no reason given" : detail.strip();
        this.code = code;
        this.noPowerDriver = noPowerDriver;
    }

    /**
     * The host cannot be switched off or on: the driver that reaches it has no power control
     * (libvirt has none of its own). Power steps for it are skipped, not failed.
     */
    public static HostException noPowerDriver(String host, String operation) {
        return new HostException(host, operation, "no power driver configured for " + host, 0, null, true);
    }

    /** True for {@link #noPowerDriver}: the host has no power control at all. */
    public boolean isNoPowerDriver() {
        return noPowerDriver;
    }

    public HostException(String host, String operation, String detail) {
        this(host, operation, detail, 0, null);
    }

    /** The host that failed, as the cluster file names it. */
    public String host() {
        return host;
    }

    /** What was being done, e.g. {@code reading the inventory}. */
    public String operation() {
        return operation;
    }

    /** The driver's (libvirt's) own message, without host and operation. */
    public String detail() {
        return detail;
    }

    /** The driver's error code (libvirt's virErrorNumber); 0 when it gave none. */
    public int code() {
        return code;
    }
}
