package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading one resource out of the jars an image holds, without unpacking it. */
class ImageArchiveTest {
    private static final String EVENT = "exemplar/event.json";

    @Test
    void findsTheResourceInAJarUnderTheDirectoryAndALaterLayerWins(@TempDir Path directory) throws IOException {
        Path image = DockerArchive.write(directory.resolve("image.tar"), List.of(
                new DockerArchive.Layer()
                        .file("opt/other/lib/outside.jar", 0644, jar(Map.of(EVENT, "{\"from\":\"outside\"}")))
                        .file("var/task/libs/sdk.jar", 0644, jar(Map.of("software/amazon/Sdk.class", "x")))
                        .file("var/task/classpath/function-1.jar", 0644, jar(Map.of(EVENT, "{\"from\":\"first\"}"))),
                new DockerArchive.Layer()
                        .file("var/task/classpath/readme.txt", 0644, "not a jar")
                        .file("var/task/classpath/function-2.jar", 0644, jar(Map.of("a/B.class", "x", EVENT, "{\"from\":\"second\"}")))),
                List.of("/bin/run"), List.of(), List.of(), "/var/task");

        byte[] event = ImageArchive.resourceInJars(image, "/var/task", EVENT).orElseThrow();
        assertEquals("{\"from\":\"second\"}", new String(event, StandardCharsets.UTF_8));
        assertTrue(ImageArchive.resourceInJars(image, "/var/task", "no/such.json").isEmpty());
        assertEquals("{\"from\":\"outside\"}",
                new String(ImageArchive.resourceInJars(image, "/opt", EVENT).orElseThrow(), StandardCharsets.UTF_8));
    }

    private static byte[] jar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
