package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code ballast run JOB}: asks a running service to run one of its jobs now. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Asks a running service to run one of its jobs now; its plan is listed by ballast plans once made.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:queued", "1:the service refused (wrong token) or cannot be reached",
            "2:bad input (no such job, no token file)"})
final class RunJobCommand extends ClientCommand {

    @Parameters(paramLabel = "JOB", description = "The job's name, as in the service's file.")
    String job;

    @Override
    int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException {
        JsonNode answer = client.change("POST", "/api/v1/jobs/" + URLEncoder.encode(job, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/run", null);
        out.println(job + ": queued; " + answer.path("message").asText(""));
        return ExitCodes.OK;
    }
}
