package dev.ballast.hosts.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libvirt calls that libvirt-java 0.5.4 does not wrap (or wraps wrongly), bound through JNA
 * to the same {@code libvirt.so.0}: the project's one JNA binding of libvirt. Its
 * {@code Connect.getCPUStats} overflows a native buffer with more than one CPU, so node CPU
 * times are read here, for all CPUs at once. Domains are looked up afresh by name and freed
 * after use, since the binding keeps its own domain pointers private.
 *
 * <p>Only {@link LibvirtConnection} calls it, with its own connection pointer.
 */
interface NativeLibvirt extends Library {

    NativeLibvirt INSTANCE = Native.load("virt", NativeLibvirt.class);

    /** VIR_NODE_CPU_STATS_ALL_CPUS: the sum over every CPU. */
    int ALL_CPUS = -1;
    /** VIR_NODE_MEMORY_STATS_ALL_CELLS: the whole host, not one NUMA cell. */
    int ALL_CELLS = -1;
    /** Both virNodeCPUStats and virNodeMemoryStats: char field[80]; unsigned long long value. */
    int FIELD_LENGTH = 80;
    int ENTRY_SIZE = 88;

    int virNodeGetCPUStats(Pointer conn, int cpuNum, Pointer params, IntByReference nparams, int flags);

    int virNodeGetMemoryStats(Pointer conn, int cellNum, Pointer params, IntByReference nparams, int flags);

    /** libvirt's last error on this thread, as text; never null. */
    String virGetLastErrorMessage();

    /** libvirt's last error on this thread, as its virErrorNumber; 0 for none. */
    int virGetLastErrorCode();

    Pointer virDomainLookupByName(Pointer conn, String name);

    int virDomainFree(Pointer domain);

    int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

    int virDomainMigrateStartPostCopy(Pointer domain, int flags);

    int virConnectCompareHypervisorCPU(Pointer conn, String emulator, String arch, String machine, String virttype,
            String xmlCPU, int flags);
}
