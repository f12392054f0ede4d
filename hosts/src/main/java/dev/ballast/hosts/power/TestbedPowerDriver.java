package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Testbed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host of the project's testbed ({@code deploy/testbed}), switched with
 * {@code testbed power HOST on|off|status}: off stops the host's libvirtd and its guests and
 * takes its links down, as a power cut would; on brings them back; status prints {@code on} or
 * {@code off}. The testbed's state directory and name reach the script through its environment.
 */
final class TestbedPowerDriver implements PowerDriver {

    private final Testbed config;
    private final ToolRunner tools;

    TestbedPowerDriver(String host, Testbed config) {
        this.config = config;
        this.tools = new ToolRunner(host, config.timeout());
    }

    @Override
    public PowerState status() throws HostException {
        String operation = "reading the power state";
        ToolResult result = power(operation, "status");
        return switch (result.stdout().strip()) {
            case "on" -> PowerState.ON;
            case "off" -> PowerState.OFF;
            default -> throw result.unexpected(tools.host(), operation, "on or off");
        };
    }

    @Override
    public void on() throws HostException {
        power("switching on", "on");
    }

    @Override
    public void off() throws HostException {
        power("switching off", "off");
    }

    private ToolResult power(String operation, String action) throws HostException {
        Map<String, String> environment = new HashMap<>();
        if (config.directory() != null) {
            environment.put("BALLAST_TESTBED_DIR", config.directory().toString());
        }
        if (config.name() != null) {
            environment.put("BALLAST_TESTBED_NAME", config.name());
        }
        ToolResult result = tools.run(operation, List.of(config.script().toString(), "power", tools.host(), action),
                environment, null, List.of());
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
        return result;
    }

    @Override
    public String describe() {
        return "testbed " + (config.name() == null ? "" : config.name() + " ") + "(" + config.script() + ")";
    }
}
