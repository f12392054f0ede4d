package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Ssh;
import dev.ballast.model.PowerControl.WakeOnLan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * A host woken by a Wake-on-LAN magic packet ({@code wakeonlan}) and switched off either by
 * {@code ssh HOST systemctl poweroff} or through its BMC ({@link IpmiPowerDriver}).
 *
 * <p>Whether it is on: the BMC's answer when there is one; else whether the host's libvirt
 * answers, the only sign a host without a BMC gives. Without a BMC, a host whose libvirt stopped
 * answering therefore reads as off (and the collector lists it as standby, not stale): give an
 * {@code ipmi} block to tell the two apart.
 */
final class WakeOnLanPowerDriver implements PowerDriver {

    private final WakeOnLan config;
    private final ToolRunner tools;
    private final IpmiPowerDriver bmc;
    private final BooleanSupplier libvirtAnswers;

    /** @param libvirtAnswers whether the host's libvirt answers now, for a host without a BMC */
    WakeOnLanPowerDriver(String host, WakeOnLan config, BooleanSupplier libvirtAnswers) {
        this.config = config;
        this.tools = new ToolRunner(host, config.timeout());
        this.bmc = config.ipmi() == null ? null : new IpmiPowerDriver(host, config.ipmi());
        this.libvirtAnswers = libvirtAnswers;
    }

    @Override
    public PowerState status() throws HostException {
        if (bmc != null) {
            return bmc.status();
        }
        return libvirtAnswers.getAsBoolean() ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void on() throws HostException {
        String operation = "switching on";
        List<String> command = new ArrayList<>(List.of("wakeonlan"));
        if (config.broadcast() != null) {
            command.addAll(List.of("-i", config.broadcast()));
        }
        if (config.port() != null) {
            command.addAll(List.of("-p", config.port().toString()));
        }
        // wakeonlan knows colons only, and exits 0 even when it sent nothing: its words tell.
        command.add(config.mac().replace('-', ':').toLowerCase(Locale.ROOT));
        ToolResult result = tools.run(operation, command);
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
        if (!result.stdout().contains("Sending magic packet")) {
            throw result.unexpected(tools.host(), operation, "\"Sending magic packet ...\"");
        }
    }

    @Override
    public void off() throws HostException {
        if (bmc != null) {
            bmc.off();
            return;
        }
        String operation = "switching off";
        ToolResult result = tools.run(operation, sshPoweroff(config.ssh()));
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
    }

    /**
     * {@code ssh} in batch mode (no password prompt, no question about an unknown host key: the
     * key must be known), with a connection timeout within the time limit.
     */
    private List<String> sshPoweroff(Ssh ssh) {
        long connectSeconds = Math.max(1, Math.min(30, tools.limit().toSeconds() / 2));
        List<String> command = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes", "-o",
                "ConnectTimeout=" + connectSeconds));
        if (ssh.port() != null) {
            command.addAll(List.of("-p", ssh.port().toString()));
        }
        if (ssh.identityFile() != null) {
            command.addAll(List.of("-i", ssh.identityFile().toString()));
        }
        if (ssh.user() != null) {
            command.addAll(List.of("-l", ssh.user()));
        }
        command.addAll(List.of("--", ssh.address(), "systemctl", "poweroff"));
        return command;
    }

    @Override
    public String describe() {
        return "wol " + config.mac() + (bmc != null ? " (off and status: " + bmc.describe() + ")"
                : " (off: ssh " + config.ssh().address() + ", status: libvirt)");
    }
}
