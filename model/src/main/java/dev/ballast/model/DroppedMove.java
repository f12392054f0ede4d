package dev.ballast.model;

/** A move the target placement wanted but no safe order could include, and why. */
public record DroppedMove(String vm, String from, String to, String reason) {
}
