package dev.coldbrew.locallambda.environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Picks the JVM for a Lambda runtime: a JDK of exactly that version under {@code /usr/lib/jvm} when the
 * machine has one, else the newest one that is at least 21, else the JVM the emulator itself runs on.
 */
public final class JvmLocator {
    private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Pattern RUNTIME_VERSION = Pattern.compile("java(\\d+)");
    private static final int OLDEST_SUPPORTED = 21;

    /** A JVM found on the machine. */
    public record Jvm(Path home, int major) {
        public Path java() {
            return home.resolve("bin/java");
        }

        @Override
        public String toString() {
            return "Java " + major + " (" + home + ")";
        }
    }

    private final List<Path> searchRoots;
    private final ConcurrentHashMap<String, Jvm> chosen = new ConcurrentHashMap<>();

    public JvmLocator() {
        this(List.of(Path.of("/usr/lib/jvm")));
    }

    JvmLocator(List<Path> searchRoots) {
        this.searchRoots = searchRoots;
    }

    /** The JVM for a runtime identifier such as {@code java25}, chosen once and remembered. */
    public Jvm forRuntime(String runtime) {
        return chosen.computeIfAbsent(runtime, this::choose);
    }

    private Jvm choose(String runtime) {
        Matcher matcher = RUNTIME_VERSION.matcher(runtime);
        int wanted = matcher.lookingAt() ? Integer.parseInt(matcher.group(1)) : OLDEST_SUPPORTED;
        List<Jvm> installed = installed();
        return installed.stream().filter(jvm -> jvm.major() == wanted).findFirst()
                .or(() -> installed.stream().filter(jvm -> jvm.major() >= OLDEST_SUPPORTED).max(Comparator.comparingInt(Jvm::major)))
                .orElseGet(JvmLocator::current);
    }

    private List<Jvm> installed() {
        List<Jvm> found = new ArrayList<>();
        for (Path root : searchRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> homes = Files.list(root)) {
                homes.filter(home -> !Files.isSymbolicLink(home)).sorted(Comparator.reverseOrder())
                        .forEach(home -> major(home).ifPresent(major -> found.add(new Jvm(home, major))));
            } catch (IOException ignored) {
                // An unreadable directory holds no usable JVM.
            }
        }
        return found;
    }

    private static Optional<Integer> major(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Jvm current() {
        return new Jvm(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    }
}
