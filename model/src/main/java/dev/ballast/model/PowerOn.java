package dev.ballast.model;

import java.util.Objects;

/** Switches on a host in {@link HostState#STANDBY}, which then counts as active. */
public record PowerOn(String host) implements PowerStep {

    public static final String ACTION = "power-on";

    public PowerOn {
        Objects.requireNonNull(host, "host");
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
