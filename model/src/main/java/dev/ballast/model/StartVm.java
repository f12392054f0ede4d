package dev.ballast.model;

import java.util.Objects;

/** Starts a VM that runs nowhere yet on {@code to}. */
public record StartVm(String vm, String to) implements VmStep {

    public static final String ACTION = "start";

    public StartVm {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(to, "to");
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
