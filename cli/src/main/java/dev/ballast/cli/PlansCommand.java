package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code ballast plans [--state S]}: the plans a running service keeps, oldest first. */
@Command(name = "plans", mixinStandardHelpOptions = true,
        description = "Lists the plans of a running service, oldest first: id, state, job, policy, size, made at.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the service refused or cannot be reached", "2:bad input (an unknown state)"})
final class PlansCommand extends ClientCommand {

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only plans in this state: recommended, approved, running, succeeded, failed, stopped,"
                    + " rejected, superseded, cancelled.")
    String state;

    @Override
    int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException {
        JsonNode plans = client.get("/api/v1/plans"
                + (state == null ? "" : "?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
        if (plans.isEmpty()) {
            out.println(state == null ? "no plans" : "no " + state + " plans");
        }
        for (JsonNode plan : plans) {
            out.println(line(plan));
        }
        return ExitCodes.OK;
    }
}
