package dev.ballast.hosts;

/** The state of a VM on a host (libvirt's virDomainState, in the same order). */
public enum VmState {
    NO_STATE("no state"),
    RUNNING("running"),
    BLOCKED("blocked"),
    PAUSED("paused"),
    SHUTTING_DOWN("shutting down"),
    SHUT_OFF("shut off"),
    CRASHED("crashed"),
    SUSPENDED_BY_GUEST("suspended by the guest");

    private final String words;

    VmState(String words) {
        this.words = words;
    }

    /** The state for libvirt's virDomainState number; NO_STATE for a number it does not know. */
    public static VmState ofLibvirt(int state) {
        return state >= 0 && state < values().length ? values()[state] : NO_STATE;
    }

    /** In words, for messages: {@code shut off}, {@code suspended by the guest}. */
    public String words() {
        return words;
    }
}
