package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRootTest {
    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final String JNI = "/var/runtime/lib/libaws-lambda-jni.linux-x86_64.so";

    /** Every host library that the runtime's and the JNI library's native code loads is in the root, where the loader looks. */
    @Test
    void theRootHoldsEveryLibraryItsNativeCodeLoads(@TempDir Path directory) throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "images are built on x86_64 hosts");
        Path client = Path.of(AWSLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = directory.resolve("root");
        Path stale = Files.createDirectories(root.resolve("opt/java/lib")).resolve("libstale.so");
        Files.writeString(stale, "from an earlier build");

        ImageRoot.prepare(JDK, List.of(client), root, "/opt/java", JNI, Set.of(), Set.of());

        assertFalse(Files.exists(stale), "an earlier build's files are gone");
        assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")));
        assertTrue(Files.isDirectory(root.resolve("tmp")));
        List<Path> nativeCode = new ArrayList<>(ImageRoot.elfFilesIn(root.resolve("opt/java")));
        nativeCode.add(root.resolve(JNI.substring(1)));
        Set<String> runtimeOwn = nativeCode.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        SortedSet<Path> hostLibraries = SharedLibraries.neededBy(nativeCode, runtimeOwn);
        assertTrue(hostLibraries.contains(Path.of("/lib64/ld-linux-x86-64.so.2")), hostLibraries.toString());
        for (Path library : hostLibraries) {
            assertTrue(Files.isRegularFile(root.resolve(library.toString().substring(1))), library + " is needed but not in the root");
        }
        // Nothing else: the root's libraries are exactly the ones needed.
        Set<Path> copied = ImageRoot.elfFilesIn(root).stream().filter(file -> !file.startsWith(root.resolve("opt/java")))
                .filter(file -> !file.equals(root.resolve(JNI.substring(1))))
                .map(file -> Path.of("/").resolve(root.relativize(file))).collect(Collectors.toSet());
        assertTrue(copied.equals(Set.copyOf(hostLibraries)), copied + " against " + hostLibraries);
    }

    @Test
    void refusesAJdkOfAnotherArchitecture(@TempDir Path directory) throws Exception {
        Path jdk = Files.createDirectories(directory.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\nOS_ARCH=\"aarch64\"\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ImageRoot.prepare(jdk, List.of(), directory.resolve("root"), "/opt/java", JNI, Set.of(), Set.of()));
        assertTrue(e.getMessage().contains("x86_64") && e.getMessage().contains("aarch64"), e.getMessage());
    }
}
