package dev.ballast.hosts;

/** Whether a host is switched on. */
public enum PowerState {
    ON,
    OFF
}
