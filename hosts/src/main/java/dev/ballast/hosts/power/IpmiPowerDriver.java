package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Ipmi;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's BMC through {@code ipmitool -I lanplus}: {@code chassis power status}, {@code on},
 * and {@code soft} to switch off (an ACPI power-button press: the host's OS shuts down cleanly).
 * ipmitool reads the password from the file itself ({@code -f}), so it is on no command line and
 * never in this process.
 */
final class IpmiPowerDriver implements PowerDriver {

    private static final Pattern STATUS = Pattern.compile("Chassis Power is (on|off)");

    private final Ipmi config;
    private final ToolRunner tools;

    IpmiPowerDriver(String host, Ipmi config) {
        this.config = config;
        this.tools = new ToolRunner(host, config.timeout());
    }

    @Override
    public PowerState status() throws HostException {
        String operation = "reading the power state";
        ToolResult result = chassisPower(operation, "status");
        Matcher said = STATUS.matcher(result.stdout());
        if (!said.find()) {
            throw result.unexpected(tools.host(), operation, "\"Chassis Power is on\" or \"... off\"");
        }
        return said.group(1).equals("on") ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void on() throws HostException {
        chassisPower("switching on", "on");
    }

    @Override
    public void off() throws HostException {
        chassisPower("switching off", "soft");
    }

    private ToolResult chassisPower(String operation, String action) throws HostException {
        PasswordFile.check(tools.host(), operation, config.passwordFile());
        List<String> command = new ArrayList<>(List.of("ipmitool", "-I", "lanplus", "-H", config.address()));
        if (config.port() != null) {
            command.addAll(List.of("-p", config.port().toString()));
        }
        if (config.cipherSuite() != null) {
            command.addAll(List.of("-C", config.cipherSuite().toString()));
        }
        command.addAll(List.of("-U", config.user(), "-f", config.passwordFile().toString(), "chassis", "power", action));
        ToolResult result = tools.run(operation, command);
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
        return result;
    }

    @Override
    public String describe() {
        return "ipmi " + config.address() + (config.port() == null ? "" : ":" + config.port());
    }
}
