package dev.ballast.hosts;

import java.util.Locale;

/** The state of a VM on a host (libvirt's virDomainState, in the same order). */
public enum VmState {
    NO_STATE,
    RUNNING,
    BLOCKED,
    PAUSED,
    SHUTTING_DOWN,
    SHUT_OFF,
    CRASHED,
    SUSPENDED_BY_GUEST;

    /** The state for libvirt's virDomainState number; NO_STATE for a number it does not know. */
    public static VmState ofLibvirt(int state) {
        return state >= 0 && state < values().length ? values()[state] : NO_STATE;
    }

    /** In words, for messages: {@code shut off}, {@code suspended by the guest}. */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
