package dev.ballast.hosts.power;

import dev.ballast.hosts.HostException;
import dev.ballast.hosts.PowerState;
import dev.ballast.model.PowerControl.Redfish;
import java.util.List;
import java.util.Map;

/**
 * A host's Redfish service through the {@code fence_redfish} agent of fence-agents. Every option,
 * the password included, goes to the agent on its stdin ({@code name=value} lines, the way
 * Pacemaker passes them), never on its command line. {@code status} exits 0 for on and 2 for
 * off; {@code off} is Redfish's {@code ForceOff} (the agent has no graceful off: the executor
 * switches off only hosts it emptied); the agent waits until the state changed before it exits.
 *
 * <p>The agent trims each stdin line and strips double quotes around a value, so a password that
 * starts or ends with a space or a quote cannot reach it unchanged: such a password is refused
 * with that reason rather than sent altered.
 */
final class RedfishPowerDriver implements PowerDriver {

    private static final int STATUS_OFF = 2; // fence agents' exit code for "status: off"

    private final Redfish config;
    private final ToolRunner tools;

    RedfishPowerDriver(String host, Redfish config) {
        this.config = config;
        this.tools = new ToolRunner(host, config.timeout());
    }

    @Override
    public PowerState status() throws HostException {
        String operation = "reading the power state";
        ToolResult result = agent(operation, "status");
        if (result.exitCode() == 0 && result.stdout().contains("Status: ON")) {
            return PowerState.ON;
        }
        if (result.exitCode() == STATUS_OFF && result.stdout().contains("Status: OFF")) {
            return PowerState.OFF;
        }
        throw result.exitCode() == 0 || result.exitCode() == STATUS_OFF
                ? result.unexpected(tools.host(), operation, "\"Status: ON\" or \"Status: OFF\"")
                : result.failure(tools.host(), operation);
    }

    @Override
    public void on() throws HostException {
        String operation = "switching on";
        ToolResult result = agent(operation, "on");
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
    }

    @Override
    public void off() throws HostException {
        String operation = "switching off";
        ToolResult result = agent(operation, "off");
        if (!result.succeeded()) {
            throw result.failure(tools.host(), operation);
        }
    }

    private ToolResult agent(String operation, String action) throws HostException {
        String password = PasswordFile.read(tools.host(), operation, config.passwordFile());
        if (!password.equals(password.strip()) || password.length() >= 2 && password.startsWith("\"")
                && password.endsWith("\"")) {
            throw new HostException(tools.host(), operation, "the password in " + config.passwordFile()
                    + " starts or ends with a space, or is wrapped in double quotes: fence_redfish would receive it"
                    + " altered");
        }
        StringBuilder options = new StringBuilder()
                .append("action=").append(action).append('\n')
                .append("ip=").append(config.address()).append('\n')
                .append("ipport=").append(config.port() == null ? 443 : config.port()).append('\n')
                .append("username=").append(config.user()).append('\n')
                .append("password=").append(password).append('\n');
        if (config.systemsUri() != null) {
            options.append("systems_uri=").append(config.systemsUri()).append('\n');
        }
        if (config.sslInsecure()) {
            options.append("ssl_insecure=1\n");
        }
        // python-requests, under the agent, trusts the CA certificates of this variable.
        Map<String, String> environment = config.caFile() == null ? Map.of()
                : Map.of("REQUESTS_CA_BUNDLE", config.caFile().toString());
        return tools.run(operation, List.of("fence_redfish"), environment, options.toString(), List.of(password));
    }

    @Override
    public String describe() {
        return "redfish " + config.address() + (config.port() == null ? "" : ":" + config.port());
    }
}
