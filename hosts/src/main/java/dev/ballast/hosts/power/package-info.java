/**
 * Power drivers: how a host is switched on and off and asked whether it is on, each through the
 * standard tool operators already use, one class per type of the cluster file's {@code power}
 * section: {@code ipmitool -I lanplus} ({@code IpmiPowerDriver}), the {@code fence_redfish} agent
 * ({@code RedfishPowerDriver}), {@code wakeonlan} with ssh or IPMI to switch off
 * ({@code WakeOnLanPowerDriver}), the operator's own commands ({@code CommandPowerDriver}) and the
 * project's testbed script ({@code TestbedPowerDriver}). No IPMI or Redfish is spoken here.
 *
 * <p>Every tool runs through {@code ToolRunner}: no shell, a time limit after which the tool and
 * its children are killed, and errors that name the host and carry the tool's exit code and what
 * it said. Passwords come from files ({@code PasswordFile}, the rule of
 * {@link dev.ballast.model.SecretFile}) and reach a tool through a file it reads or its stdin,
 * never its command line; they are scrubbed from whatever the tool says.
 *
 * <p>The libvirt host driver delegates {@code powerStatus}, {@code powerOn} and {@code powerOff}
 * to the host's power driver when its cluster file configures one; the simulated cluster has
 * power of its own.
 */
package dev.ballast.hosts.power;
