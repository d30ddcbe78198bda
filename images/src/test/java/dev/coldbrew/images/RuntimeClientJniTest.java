package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeClientJniTest {
    @Test
    void takesTheGlibcX86LibraryOutOfTheRuntimeClientsJar(@TempDir Path root) throws Exception {
        Path client = Path.of(AWSLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path junit = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path library = root.resolve("var/runtime/lib/libaws-lambda-jni.linux-x86_64.so");

        RuntimeClientJni.extract(List.of(junit, client), library);

        try (ZipFile zip = new ZipFile(client.toFile()); InputStream in = zip.getInputStream(zip.getEntry(RuntimeClientJni.RESOURCE))) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(library));
        }
    }

    @Test
    void namesTheMissingRuntimeClient(@TempDir Path root) throws Exception {
        Path junit = Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RuntimeClientJni.extract(List.of(junit), root.resolve("lib.so")));
        assertTrue(e.getMessage().contains("aws-lambda-java-runtime-interface-client"), e.getMessage());
    }
}
