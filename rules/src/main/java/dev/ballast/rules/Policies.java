package dev.ballast.rules;

import dev.ballast.formats.GoalSettingsReader;
import dev.ballast.formats.InputException;
import dev.ballast.formats.PolicyReader;
import dev.ballast.formats.Problem;
import dev.ballast.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The policies Ballast ships with, and the lookup of a policy by built-in name or file path.
 *
 * <p>The built-ins are ordinary policy files on the classpath, read through {@link PolicyReader}
 * like any operator's file, so they can be copied as a starting point. They are listed here
 * explicitly: no classpath scanning. A built-in name wins over a file of the same name in the
 * working directory; write {@code ./balance} to mean the file. Reading a policy needs its goals
 * (the scheduler's registry), passed as a {@link GoalSettingsReader}.
 */
public final class Policies {

    private static final List<String> BUILT_IN = List.of("balance", "consolidate", "relieve");

    private Policies() {
    }

    /** The names of the built-in policies: {@code balance}, {@code consolidate}, {@code relieve}. */
    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    /** @throws IllegalArgumentException when no built-in policy has this name */
    public static Policy builtIn(String name, GoalSettingsReader goals) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("no built-in policy named \"" + name + "\" (built-in: "
                    + String.join(", ", BUILT_IN) + ")");
        }
        try {
            return PolicyReader.parse(resourceText(name), "<built-in " + name + ">", goals);
        } catch (InputException e) {
            throw new IllegalStateException("the built-in policy is broken: " + e.getMessage(), e);
        }
    }

    /**
     * A built-in policy by name, else the policy file at that path.
     *
     * @throws InputException when the file is missing (naming it and the built-in policies) or invalid
     */
    public static Policy resolve(String nameOrPath, GoalSettingsReader goals) throws InputException {
        if (BUILT_IN.contains(nameOrPath)) {
            return builtIn(nameOrPath, goals);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.exists(file)) {
            throw new InputException(nameOrPath, Problem.FILE, "no such file, and not a built-in policy ("
                    + String.join(", ", BUILT_IN) + ")");
        }
        return PolicyReader.read(file, goals);
    }

    private static String resourceText(String name) {
        String resource = name + ".yaml";
        try (InputStream in = Policies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
