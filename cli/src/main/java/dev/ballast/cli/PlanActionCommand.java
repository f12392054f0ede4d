package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code ballast approve|reject|cancel PLAN [--reason TEXT]}: one of the plan actions of a running
 * service, which answers with the plan in its new state. One class per action name, one body.
 */
abstract class PlanActionCommand extends ClientCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "PLAN", description = "The plan's id (ballast plans lists them).")
    String plan;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Kept as the plan's reason.")
    String reason;

    @Override
    int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException {
        long id = planId(plan);
        String body = reason == null ? null : JSON.createObjectNode().put("reason", reason).toString();
        JsonNode moved = client.change("POST", "/api/v1/plans/" + id + "/" + spec.name(), body);
        out.println(line(moved));
        return ExitCodes.OK;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approves a recommended plan of a running service; it runs once the work before it is done.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:approved", "1:the service refused (wrong token, the plan's state does not allow it)"
                + " or cannot be reached", "2:bad input (no such plan, no token file)"})
    static final class Approve extends PlanActionCommand {
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects a recommended plan of a running service.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:rejected", "1:the service refused (wrong token, the plan's state does not allow it)"
                + " or cannot be reached", "2:bad input (no such plan, no token file)"})
    static final class Reject extends PlanActionCommand {
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancels a plan of a running service that is recommended or approved, not yet running.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:cancelled", "1:the service refused (wrong token, the plan's state does not allow it)"
                + " or cannot be reached", "2:bad input (no such plan, no token file)"})
    static final class Cancel extends PlanActionCommand {
    }
}
