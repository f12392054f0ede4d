/**
 * The cluster as an operator describes it: hosts, VMs, groups, policies and migration plans.
 *
 * <p>Plain immutable records and a few pure functions over them. No framework, no I/O: the
 * file formats, the solver and the executor all depend on this package, never the reverse.
 */
package dev.ballast.model;
