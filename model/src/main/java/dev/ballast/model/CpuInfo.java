package dev.ballast.model;

/** A host's CPU architecture and model name, as libvirt reports them. */
public record CpuInfo(String arch, String model) {
}
