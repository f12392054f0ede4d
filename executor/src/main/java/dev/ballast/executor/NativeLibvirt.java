package dev.ballast.executor;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libvirt calls the executor needs that libvirt-java 0.5.4 does not wrap, bound through JNA
 * to the same {@code libvirt.so.0}. Domains are looked up afresh by name and freed after use,
 * since the binding keeps its own domain pointers private.
 */
interface NativeLibvirt extends Library {

    NativeLibvirt INSTANCE = Native.load("virt", NativeLibvirt.class);

    /** virDomainState values. */
    int STATE_RUNNING = 1;
    int STATE_PAUSED = 3;

    /** libvirt's last error on this thread, as text; never null. */
    String virGetLastErrorMessage();

    Pointer virDomainLookupByName(Pointer conn, String name);

    int virDomainFree(Pointer domain);

    int virDomainGetState(Pointer domain, IntByReference state, IntByReference reason, int flags);

    int virDomainMigrateStartPostCopy(Pointer domain, int flags);

    int virConnectCompareHypervisorCPU(Pointer conn, String emulator, String arch, String machine, String virttype,
            String xmlCPU, int flags);
}
