package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {
    private static final Path JDK = Path.of(System.getProperty("java.home"));

    @Test
    void theRuntimeClientNeedsUnsafeBesideTheBaseModule() throws Exception {
        Path client = Path.of(AWSLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        SortedSet<String> modules = JavaRuntime.modules(JDK, List.of(client), Set.of(), Set.of());
        assertTrue(modules.containsAll(Set.of("java.base", "jdk.unsupported")), modules.toString());

        SortedSet<String> adjusted = JavaRuntime.modules(JDK, List.of(client), Set.of("jdk.zipfs"), Set.of("jdk.unsupported"));
        assertTrue(adjusted.contains("jdk.zipfs") && !adjusted.contains("jdk.unsupported"), adjusted.toString());
    }

    @Test
    void linksARuntimeOfTheModulesThatRunsOnItsOwn(@TempDir Path directory) throws Exception {
        Path runtime = directory.resolve("java");
        JavaRuntime.link(JDK, List.of("java.base"), runtime);

        assertEquals("java.base", JavaRuntime.release(runtime).get("MODULES"));
        assertFalse(Files.exists(runtime.resolve("lib/jrt-fs.jar")), "jrt-fs.jar would land on the function's class loader");
        assertFalse(Files.exists(runtime.resolve("include")), "no header files");
        Process java = new ProcessBuilder(runtime.resolve("bin/java").toString(), "-version").redirectErrorStream(true).start();
        String version = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), version);
        assertTrue(version.contains("version \"" + JavaRuntime.featureVersion(JDK)), version);
        assertEquals(JavaRuntime.featureVersion(JDK), JavaRuntime.featureVersion(runtime));
    }

    @Test
    void readsTheFeatureVersionFromTheReleaseFile(@TempDir Path jdk) throws Exception {
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\nOS_ARCH=\"x86_64\"\n");
        assertEquals(25, JavaRuntime.featureVersion(jdk));
        assertEquals("x86_64", JavaRuntime.release(jdk).get("OS_ARCH"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21\"\n");
        assertEquals(21, JavaRuntime.featureVersion(jdk));
    }
}
