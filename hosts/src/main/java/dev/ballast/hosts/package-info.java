/**
 * How Ballast reaches one host. {@link dev.ballast.hosts.HostDriver} is what the collector and
 * the executor ask of a host (inventory, statistics, where a VM runs, live migration with typed
 * {@link dev.ballast.hosts.MigrationParameters}, job statistics, abort, power); the records it
 * answers with live here, in the operator's words; every failure is one
 * {@link dev.ballast.hosts.HostException} naming the host and what failed.
 *
 * <p>{@code libvirt/} is the real driver (the one JNA binding of libvirt in the project, its one
 * connection type, the domain XML read once). No driver is found by scanning: callers open the
 * one they mean.
 */
package dev.ballast.hosts;
