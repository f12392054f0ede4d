package dev.ballast.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the benchmark harness without the cli, e.g. from an IDE or with a larger heap than
 * {@code bin/ballast} gives: {@code java -Xmx8g -cp ... dev.ballast.bench.BenchMain --suite scale}.
 * The usual way is {@code ballast bench}, which takes the same options.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(BenchOptions.USAGE);
            out.flush();
            return;
        }
        try {
            System.exit(Bench.run(BenchOptions.parse(args), out, err));
        } catch (BenchInputException e) {
            err.println("ballast bench: " + e.getMessage());
            System.exit(Bench.BAD_INPUT);
        }
    }
}
