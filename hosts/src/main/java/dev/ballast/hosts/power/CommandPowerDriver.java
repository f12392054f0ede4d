package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Command;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's own commands for anything no other driver speaks (a PDU, a vendor tool). Each
 * is an argument list run as it is, without a shell. {@code on} and {@code off} succeed with exit
 * code 0. {@code status}: exit code 2 means off (the fence agents' convention, so that a fence
 * agent can serve as is); exit code 0 means the last word of the first non-blank line of its
 * output says it, {@code on} or {@code off} in any case ({@code Chassis Power is on},
 * {@code Status: OFF}, {@code off}); anything else is an error carrying what the command said.
 */
final class CommandPowerDriver implements PowerDriver {

    private static final int STATUS_OFF = 2;

    private final Command config;
    private final ToolRunner tools;

    CommandPowerDriver(String host, Command config) {
        this.config = config;
        this.tools = new ToolRunner(host, config.timeout());
    }

    @Override
    public PowerState status() throws HostException {
        String operation = "reading the power state";
        ToolResult result = tools.run(operation, config.status());
        if (result.exitCode() == STATUS_OFF) {
            return PowerState.OFF;
        }
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
        return stateIn(result.stdout()).orElseThrow(() -> result.unexpected(tools.host(), operation,
                "on or off as the last word of its first line"));
    }

    /** The state the last word of the first non-blank line names, if it names one. */
    static Optional<PowerState> stateIn(String output) {
        Optional<String> line = output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String[] words = line.get().split("[\\s:=]+");
        String last = words[words.length - 1].replaceAll("[.!]+$", "").toLowerCase(Locale.ROOT);
        return switch (last) {
            case "on" -> Optional.of(PowerState.ON);
            case "off" -> Optional.of(PowerState.OFF);
            default -> Optional.empty();
        };
    }

    @Override
    public void on() throws HostException {
        run("switching on", config.on());
    }

    @Override
    public void off() throws HostException {
        run("switching off", config.off());
    }

    private void run(String operation, List<String> command) throws HostException {
        ToolResult result = tools.run(operation, command);
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
    }

    @Override
    public String describe() {
        return "command " + config.on().get(0);
    }
}
