package dev.ballast.model;

/** What a host may do in a plan. */
public enum HostState {
    /** Runs VMs and may receive more. */
    ACTIVE,
    /** Must be emptied for maintenance; receives nothing. */
    MAINTENANCE,
    /** Powered off: holds no VMs and receives nothing. */
    STANDBY;

    /** The lower-case name used in files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
