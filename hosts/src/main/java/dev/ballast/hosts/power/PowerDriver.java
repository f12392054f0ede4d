package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;

/**
 * Switches one host on and off and says whether it is on, through the tool its cluster file
 * names. Every call runs the tool within the driver's time limit; every failure is a
 * {@link HostException} naming the host, with the tool's exit code and what it said (never a
 * password). {@link #on} and {@link #off} return once the tool accepted the request: whether the
 * host got there is for {@link #status} to say (the executor's power steps wait for it).
 */
public interface PowerDriver {

    /** Whether the host is on now. */
    PowerState status() throws HostException;

    /** Asks for the host to be switched on. */
    void on() throws HostException;

    /** Asks for the host to be switched off (gracefully where the tool can: its VMs must be gone). */
    void off() throws HostException;

    /** The driver in a few words for logs, e.g. {@code ipmi 10.0.0.11}; never a secret. */
    String describe();
}
