package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code ballast maintenance HOST --enter|--exit}: puts a host of a running service into maintenance or out. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Puts a host into maintenance (--enter): the service's snapshots show it in maintenance and an",
            "evacuation plan (policy relieve, job maintenance) is made at once, recommended unless --auto.",
            "--exit takes it out."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:the service refused (wrong token, already in that state) or cannot be reached",
            "2:bad input (no such host, no token file)"})
final class MaintenanceCommand extends ClientCommand {

    @Parameters(paramLabel = "HOST", description = "The host's name, as in the service's snapshot.")
    String host;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Direction direction;

    static final class Direction {
        @Option(names = "--enter", required = true, description = "Into maintenance.")
        boolean enter;

        @Option(names = "--exit", required = true, description = "Out of maintenance.")
        boolean exit;
    }

    @Option(names = "--auto", description = "With --enter: the evacuation plan runs at once, without approval.")
    boolean auto;

    @Override
    int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException {
        if (auto && !direction.enter) {
            throw new ServiceClient.Refused(ExitCodes.BAD_INPUT, "--auto goes with --enter only");
        }
        String path = "/api/v1/hosts/" + URLEncoder.encode(host, StandardCharsets.UTF_8).replace("+", "%20")
                + "/maintenance";
        if (direction.enter) {
            JsonNode answer = client.change("PUT", path, auto ? "{\"mode\": \"auto\"}" : null);
            out.println(host + ": in maintenance; " + answer.path("message").asText(""));
        } else {
            client.change("DELETE", path, null);
            out.println(host + ": out of maintenance");
        }
        return ExitCodes.OK;
    }
}
