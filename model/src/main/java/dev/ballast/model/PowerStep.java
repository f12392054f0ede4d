package dev.ballast.model;

/** A step that switches a host off or on. */
public sealed interface PowerStep extends Step permits PowerOff, PowerOn {
}
