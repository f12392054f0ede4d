package dev.ballast.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --cluster FILE}, required: the hosts a command reaches, a ballast/v1 Cluster file. A picocli mixin. */
final class ClusterOption {

    @Option(names = "--cluster", required = true, paramLabel = "FILE", descriptionKey = "cluster",
            description = "The hosts and sources: a ballast/v1 Cluster file, YAML or JSON.")
    Path file;
}
