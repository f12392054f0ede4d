package dev.ballast.model;

import java.util.Objects;

/**
 * Switches on a host in {@link HostState#STANDBY}, which then counts as active.
 *
 * @param reason why it is in the plan; null when not given
 */
public record PowerOn(String host, Reason reason) implements PowerStep {

    public static final String ACTION = "power-on";

    public PowerOn {
        Objects.requireNonNull(host, "host");
    }

    public PowerOn(String host) {
        this(host, null);
    }

    @Override
    public PowerOn withReason(Reason newReason) {
        return new PowerOn(host, newReason);
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public void applyTo(ClusterChanges cluster) {
        cluster.powerOn(host);
    }

    @Override
    public String describe() {
        return "power on " + host;
    }
}
