package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code ballast show PLAN}: one plan of a running service, its steps and its run's events. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one plan of a running service: its state and why, its steps, and the events of its runs.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:the service refused or cannot be reached", "2:bad input (no such plan)"})
final class ShowCommand extends ClientCommand {

    @Parameters(paramLabel = "PLAN", description = "The plan's id (ballast plans lists them).")
    String plan;

    @Override
    int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException {
        long id = planId(plan);
        JsonNode shown = client.get("/api/v1/plans/" + id);
        out.println(line(shown));
        if (shown.hasNonNull("reason")) {
            out.println("reason: " + shown.get("reason").asText());
        }
        out.println("steps:");
        int number = 0;
        for (JsonNode step : shown.path("plan").path("steps")) {
            number++;
            // A migration says from where to where; a power step names its host alone.
            String where = step.hasNonNull("to") ? step.path("from").asText("(new)") + " -> " + step.get("to").asText()
                    : "";
            out.printf("  %3d. %-9s %-20s %-22s %s%n", number, step.path("action").asText(),
                    step.path("vm").asText(step.path("host").asText()), where, step.path("reason").asText(""));
        }
        JsonNode events = client.get("/api/v1/plans/" + id + "/events");
        if (!events.isEmpty()) {
            out.println("events:");
        }
        for (JsonNode event : events) {
            out.printf("  %s run %s %-13s %s %s%n", event.path("at").asText(), event.path("run").asText(),
                    event.path("kind").asText(), event.hasNonNull("step") ? "step " + event.get("step").asText() : "",
                    event.path("message").asText(""));
        }
        return ExitCodes.OK;
    }
}
