/**
 * The libvirt driver: {@link dev.ballast.hosts.libvirt.LibvirtHostDriver} over libvirt-java,
 * with the project's one JNA binding for the calls libvirt-java lacks ({@code NativeLibvirt}),
 * its one connection type ({@link dev.ballast.hosts.libvirt.LibvirtConnection}), the one place
 * libvirt errors become {@link dev.ballast.hosts.HostException}s ({@code LibvirtErrors}) and the
 * domain XML read once for every disk type ({@code DomainXml}).
 */
package dev.ballast.hosts.libvirt;
