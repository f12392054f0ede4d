package dev.ballast.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a host is switched on and off and asked whether it is on: the standard tool that the
 * cluster file's {@code power.type} names, with what that tool needs to reach the host. The
 * drivers that run the tools live in the {@code hosts} module ({@code dev.ballast.hosts.power}).
 *
 * <p>Secrets are never held here: a password is named by the file that holds it, read only when
 * a tool needs it. Every tool runs within {@link #timeout()} and is killed when it overruns.
 */
public sealed interface PowerControl
        permits PowerControl.Ipmi, PowerControl.Redfish, PowerControl.WakeOnLan, PowerControl.Command,
        PowerControl.Testbed {

    /** Long enough for a BMC that answers slowly, and for a fence agent waiting for the state to change. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The type as the cluster file names it: {@code ipmi}, {@code redfish}, {@code wol}, {@code command}, {@code testbed}. */
    String type();

    /** The time limit of each run of the tool. */
    Duration timeout();

    /**
     * A BMC reached with {@code ipmitool -I lanplus}.
     *
     * @param port         the BMC's RMCP+ port; null for ipmitool's default (623)
     * @param passwordFile the file holding the password (ipmitool reads it itself, {@code -f})
     * @param cipherSuite  the RMCP+ cipher suite ({@code -C}, e.g. 3 or 17); null to let ipmitool
     *                     ask the BMC
     */
    record Ipmi(String address, Integer port, String user, Path passwordFile, Integer cipherSuite, Duration timeout)
            implements PowerControl {

        public Ipmi {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(passwordFile, "passwordFile");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String type() {
            return "ipmi";
        }
    }

    /**
     * A Redfish service reached with the {@code fence_redfish} agent of fence-agents.
     *
     * @param port         HTTPS port; null for 443
     * @param systemsUri   the system's resource, e.g. {@code /redfish/v1/Systems/1}; null to let the
     *                     agent take the first member of {@code /redfish/v1/Systems}
     * @param sslInsecure  true to accept any certificate (a BMC's self-signed one)
     * @param caFile       optional: the CA certificates (PEM) that sign the BMC's certificate
     */
    record Redfish(String address, Integer port, String user, Path passwordFile, String systemsUri,
            boolean sslInsecure, Path caFile, Duration timeout) implements PowerControl {

        public Redfish {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(passwordFile, "passwordFile");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String type() {
            return "redfish";
        }
    }

    /**
     * Switched on with a Wake-on-LAN magic packet ({@code wakeonlan}), off either through
     * {@code ssh} ({@code systemctl poweroff}) or through IPMI. Whether it is on: IPMI's answer when
     * given, else whether the host's libvirt answers.
     *
     * @param broadcast where the packet goes (an IPv4 address); null for wakeonlan's 255.255.255.255
     * @param port      the UDP port; null for wakeonlan's 9
     * @param ssh       how to switch it off over ssh; null when {@code ipmi} is given
     * @param ipmi      its BMC, to switch it off and ask its state; null when {@code ssh} is given
     */
    record WakeOnLan(String mac, String broadcast, Integer port, Ssh ssh, Ipmi ipmi, Duration timeout)
            implements PowerControl {

        public WakeOnLan {
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(timeout, "timeout");
            if ((ssh == null) == (ipmi == null)) {
                throw new IllegalArgumentException("a Wake-on-LAN host is switched off through ssh or ipmi, one of them");
            }
        }

        @Override
        public String type() {
            return "wol";
        }
    }

    /**
     * How {@code ssh} reaches a host to run {@code systemctl poweroff} there (non-interactively:
     * the host's key must be known and the login must need no password).
     *
     * @param port         null for ssh's default
     * @param user         null for ssh's default (the local user, or the ssh configuration's)
     * @param identityFile null for ssh's default keys
     */
    public record Ssh(String address, Integer port, String user, Path identityFile) {

        public Ssh {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * The operator's own commands, each an argument list run without a shell (unless the operator
     * writes {@code [sh, -c, ...]}). {@code on} and {@code off} succeed with exit code 0;
     * {@code status} says on or off (see docs/power.md).
     */
    record Command(List<String> on, List<String> off, List<String> status, Duration timeout)
            implements PowerControl {

        public Command {
            on = List.copyOf(on);
            off = List.copyOf(off);
            status = List.copyOf(status);
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String type() {
            return "command";
        }
    }

    /**
     * A host of the project's testbed, switched with {@code testbed power HOST on|off|status}.
     *
     * @param script    the testbed script ({@code deploy/testbed/testbed})
     * @param directory the testbed's state directory; null for the script's default
     * @param name      the testbed's name (prefix of its namespaces); null for the script's default
     */
    record Testbed(Path script, Path directory, String name, Duration timeout) implements PowerControl {

        public Testbed {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String type() {
            return "testbed";
        }
    }
}
