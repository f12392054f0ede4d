package dev.ballast.model;

import java.util.Objects;

/**
 * Switches off a host that holds no VM, leaving it in {@link HostState#STANDBY}. A plan puts each
 * right after the last step that leaves its host.
 *
 * @param reason why it is in the plan; null when not given
 */
public record PowerOff(String host, Reason reason) implements PowerStep {

    public static final String ACTION = "power-off";

    public PowerOff {
        Objects.requireNonNull(host, "host");
    }

    public PowerOff(String host) {
        this(host, null);
    }

    @Override
    public PowerOff withReason(Reason newReason) {
        return new PowerOff(host, newReason);
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public void applyTo(ClusterChanges cluster) {
        cluster.powerOff(host);
    }

    @Override
    public String describe() {
        return "power off " + host;
    }
}
