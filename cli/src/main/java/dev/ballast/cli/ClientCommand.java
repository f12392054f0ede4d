package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A command that talks to a running service through its API: {@code --server} and
 * {@code --token-file} from {@link ServerOptions}; the service's refusal printed with its message
 * and turned into the exit code {@link ServiceClient.Refused} says.
 */
abstract class ClientCommand extends Subcommand {

    @Mixin
    ServerOptions server;

    @Override
    final int run(PrintWriter out, PrintWriter err) throws Exception {
        try {
            return call(new ServiceClient(server), out);
        } catch (ServiceClient.Refused e) {
            err.println("ballast " + spec.name() + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    abstract int call(ServiceClient client, PrintWriter out) throws ServiceClient.Refused, InterruptedException;

    /** A plan id as typed: a whole number, else bad input before anything is asked. */
    static long planId(String text) throws ServiceClient.Refused {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ServiceClient.Refused(ExitCodes.BAD_INPUT, "PLAN: a plan id is a whole number, got \"" + text
                    + "\" (ballast plans lists them)");
        }
    }

    /** One plan as the API lists it, on one line. */
    static String line(JsonNode plan) {
        return String.format(Locale.ROOT, "%-5s %-11s %-24s %-12s %5s steps %4s migrations  %s", plan.path("id").asText(),
                plan.path("state").asText(), plan.path("job").asText(), plan.path("policy").asText(),
                plan.path("steps").asText(), plan.path("migrations").asText(), plan.path("createdAt").asText());
    }
}
