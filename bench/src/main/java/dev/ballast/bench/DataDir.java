package dev.ballast.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the cloud-balancing data sets: the directory given with {@code --data}, or by default
 * {@value #DEFAULT} from the repository root. The root is looked for above the working
 * directory, then above the harness's own jar or classes, so that the default works from any
 * directory of the checkout and from {@code bin/ballast} alike.
 */
public final class DataDir {

    /** The default, relative to the repository root. */
    public static final String DEFAULT = "../shared/benchmarks/cloudbalancing";

    private DataDir() {
    }

    /**
     * @param given the {@code --data} option, or null for the default
     * @throws BenchInputException naming where it looked, when there is no such directory
     */
    public static Path resolve(Path given) throws BenchInputException {
        if (given != null) {
            Path dir = given.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new BenchInputException("--data " + given + ": no such directory (" + dir + ")");
            }
            return dir;
        }
        Optional<Path> root = repositoryRoot();
        if (root.isEmpty()) {
            throw new BenchInputException("cannot find the Ballast repository root above " + workingDirectory()
                    + " to resolve the default data directory " + DEFAULT + "; pass --data DIR");
        }
        Path dir = root.get().resolve(DEFAULT).normalize();
        if (!Files.isDirectory(dir)) {
            throw new BenchInputException("the cloudbalancing data sets are not at " + dir + " (" + DEFAULT
                    + " from the repository root " + root.get() + "); pass --data DIR");
        }
        return dir;
    }

    /** The nearest directory holding Ballast's root pom, above the working directory or the code. */
    static Optional<Path> repositoryRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(workingDirectory());
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (isRoot(dir)) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            // Module poms name ballast-parent too, as their parent; only the root lists the modules.
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>bench</module>");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = DataDir.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
