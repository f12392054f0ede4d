package dev.ballast.model;

/** A VM's measured, smoothed use: CPU in cores and network in Mb/s. */
public record Demand(double cpu, double networkMbps) {
}
