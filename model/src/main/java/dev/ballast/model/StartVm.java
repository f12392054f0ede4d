package dev.ballast.model;

import java.util.Objects;

/**
 * Starts a VM that runs nowhere yet on {@code to}.
 *
 * @param reason why it is in the plan; null when not given
 */
public record StartVm(String vm, String to, Reason reason) implements VmStep {

    public static final String ACTION = "start";

    public StartVm {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(to, "to");
    }

    public StartVm(String vm, String to) {
        this(vm, to, null);
    }

    @Override
    public StartVm withReason(Reason newReason) {
        return new StartVm(vm, to, newReason);
    }

    @Override
    public String from() {
        return null;
    }

    @Override
    public String action() {
        return ACTION;
    }
}
