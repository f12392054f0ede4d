package dev.ballast.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --server URL} and {@code --token-file FILE}: where a running service is and the file that
 * holds its token. A picocli mixin of the client commands. The token itself is never an option
 * (it would show in the process list and the shell's history): only the file that holds it.
 */
final class ServerOptions {

    /** The service's default address everywhere. */
    static final String DEFAULT_SERVER = "http://127.0.0.1:8787";
    static final String TOKEN_FILE_VARIABLE = "BALLAST_TOKEN_FILE";

    @Option(names = "--server", paramLabel = "URL", defaultValue = DEFAULT_SERVER,
            description = "The service's address (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:" + TOKEN_FILE_VARIABLE + "}",
            description = "The file holding the service's token (default: the file named by $" + TOKEN_FILE_VARIABLE
                    + "). Needed by the commands that change something.")
    Path tokenFile;
}
