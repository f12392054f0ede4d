package dev.ballast.model;

import java.util.Objects;

/**
 * Switches off a host that holds no VM, leaving it in {@link HostState#STANDBY}. A plan puts
 * these after every migration, once the hosts they empty are empty.
 */
public record PowerOff(String host) implements PowerStep {

    public static final String ACTION = "power-off";

    public PowerOff {
        Objects.requireNonNull(host, "host");
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
