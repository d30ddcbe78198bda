package dev.coldbrew.images;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Prepares the part of a function's image that is not Java jars, as a directory laid out like the image's
 * root, for Jib to add as one layer: a jlinked Java runtime, the host's shared libraries that its native
 * code and the runtime client's JNI library load (with the dynamic loader), that JNI library, and an empty
 * {@code /tmp}. The image's base is {@code scratch}, so nothing else is there.
 *
 * <pre>
 * java dev.coldbrew.images.ImageRoot --jdk DIR --jars JAR:JAR:... --out DIR \
 *     --java-home /opt/java --jni-library /var/runtime/lib/libaws-lambda-jni.linux-x86_64.so \
 *     [--add-modules m,m] [--drop-modules m,m]
 * </pre>
 */
public final class ImageRoot {
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private ImageRoot() {
    }

    public static void main(String[] args) {
        try {
            Map<String, String> options = options(args);
            List<Path> jars = Arrays.stream(required(options, "--jars").split(File.pathSeparator)).map(Path::of).toList();
            prepare(Path.of(required(options, "--jdk")), jars, Path.of(required(options, "--out")),
                    required(options, "--java-home"), required(options, "--jni-library"),
                    names(options.get("--add-modules")), names(options.get("--drop-modules")));
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("ImageRoot: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the root to {@code out} (replacing what was there).
     *
     * @param javaHome   where the runtime goes in the image, e.g. {@code /opt/java}
     * @param jniLibrary where the runtime client's JNI library goes in the image
     */
    static void prepare(Path jdk, List<Path> jars, Path out, String javaHome, String jniLibrary,
                        Set<String> addModules, Set<String> dropModules) {
        requireX86_64(jdk);
        deleteRecursively(out);
        SortedSet<String> modules = JavaRuntime.modules(jdk, jars, addModules, dropModules);
        Path runtime = inImage(out, javaHome);
        JavaRuntime.link(jdk, modules, runtime);
        Path jni = inImage(out, jniLibrary);
        RuntimeClientJni.extract(jars, jni);

        List<Path> elfFiles = new ArrayList<>(elfFilesIn(runtime));
        elfFiles.add(jni);
        Set<String> bundled = elfFiles.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        SortedSet<Path> libraries = SharedLibraries.neededBy(elfFiles, bundled);
        SharedLibraries.copy(libraries, out);
        try {
            Files.createDirectories(out.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        // The linked runtime's modules: the chosen ones and what they require.
        System.out.printf("Image root %s (%.1f MB), Java %d runtime at %s:%n  modules: %s%n  host libraries: %s%n",
                out, size(out) / 1e6, JavaRuntime.featureVersion(jdk), javaHome, JavaRuntime.release(runtime).get("MODULES"),
                libraries.stream().map(Path::toString).collect(Collectors.joining(" ")));
    }

    /** The libraries come from this machine, so the JDK, the libraries and the JNI build must all be x86_64. */
    private static void requireX86_64(Path jdk) {
        String jdkArch = JavaRuntime.release(jdk).get("OS_ARCH");
        String hostArch = System.getProperty("os.arch");
        if (!"x86_64".equals(jdkArch) || !"amd64".equals(hostArch)) {
            throw new IllegalStateException("images are built for x86_64 from this machine's JDK and libraries; "
                    + "the JDK at " + jdk + " is " + jdkArch + " and this machine is " + hostArch);
        }
    }

    private static Path inImage(Path root, String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path in the image: " + absolutePath);
        }
        return root.resolve(absolutePath.substring(1));
    }

    /** Every ELF file under a directory: for the runtime, its launchers, libjvm.so and its modules' libraries. */
    static List<Path> elfFilesIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(ImageRoot::isElf).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF_MAGIC.length), ELF_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: ImageRoot --jdk DIR --jars JAR:JAR --out DIR --java-home PATH "
                        + "--jni-library PATH [--add-modules m,m] [--drop-modules m,m]; got " + String.join(" ", args));
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Set<String> names(String list) {
        return list == null || list.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(list.split(",")));
    }
}
