package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second image flavour (profile {@code image-aws-base}): the function on AWS's Lambda base image for Java. That
 * image cannot be pulled here, so {@code make images} builds the same configuration on a local base instead (the
 * untrained scratch image) into target/images/DynamoDbSerialFunction-aws-base-layout.tar. What is checked is what the
 * configuration adds: its layers, its command, and that Lambda's runtime client, given nothing on its class path
 * but itself as AWS's base image gives it, loads the function from where the flavour puts it.
 */
class AwsBaseImageTest {
    private static final String HANDLER = "dev.coldbrew.functions.dynamodb.DynamoDbSerialHandler::handleRequest";
    /** The runtime client and the jars it needs (its Maven dependencies), all in AWS's base image under /var/runtime/lib. */
    private static final List<String> RUNTIME_JARS = List.of("aws-lambda-java-runtime-interface-client-",
            "aws-lambda-java-core-", "aws-lambda-java-serialization-", "utils-lite-");

    private static Path project;
    private static Path tarball;
    private static Path base;

    @BeforeAll
    static void locate() {
        project = Path.of(System.getProperty("coldbrew.root", "..")).toAbsolutePath().normalize();
        tarball = project.resolve("target/images/DynamoDbSerialFunction-aws-base-layout.tar");
        base = project.resolve("target/images/DynamoDbSerialImageFunction-untrained.tar");
    }

    @BeforeEach
    void assumeBuilt() {
        assumeTrue(Files.isRegularFile(tarball) && Files.isRegularFile(base), () -> "no " + tarball + "; `make images` builds it");
    }

    /** The base's layers unchanged, then two: the layer's jars, then the function's jar alone (a code change rebuilds only it). */
    @Test
    void addsTheLayersJarsAndThenTheFunctionsJarAloneUnderVarTaskLib() throws Exception {
        List<String> baseLayers = layers(base);
        List<String> imageLayers = layers(tarball);
        assertEquals(baseLayers, imageLayers.subList(0, baseLayers.size()), "the base image's layers come first, unchanged");
        List<String> added = imageLayers.subList(baseLayers.size(), imageLayers.size());
        assertEquals(2, added.size(), "added layers: " + added);

        Set<String> expected = new TreeSet<>();
        try (Stream<Path> jars = Files.list(project.resolve("shared-layer/target/layer-lib"));
                Stream<Path> layer = Files.list(project.resolve("shared-layer/target"))) {
            jars.map(jar -> jar.getFileName().toString()).filter(name -> !name.startsWith("aws-lambda-java-core-"))
                    .forEach(name -> expected.add("var/task/lib/" + name));
            layer.map(file -> file.getFileName().toString()).filter(name -> name.matches("coldbrew-runtime-.*\\.jar"))
                    .forEach(name -> expected.add("var/task/lib/" + name));
        }
        assertEquals(expected, files(tarball, added.get(0)));
        Set<String> function = files(tarball, added.get(1));
        assertEquals(1, function.size(), "the function's layer: " + function);
        assertTrue(function.iterator().next().matches("var/task/lib/dynamodb-serial-[^/]*\\.jar"), function.toString());
    }

    @Test
    void keepsTheBaseImagesEntrypointAndWorkingDirectoryAndNamesTheHandlerAsCommand(@TempDir Path directory) throws Exception {
        DockerArchive baseImage = DockerArchive.unpack(base, directory.resolve("base"));
        DockerArchive image = DockerArchive.unpack(tarball, directory.resolve("image"));
        assertEquals(baseImage.entrypoint(), image.entrypoint());
        assertEquals(baseImage.workingDirectory(), image.workingDirectory());
        assertEquals("/var/task", image.workingDirectory());
        assertEquals(List.of(HANDLER), image.cmd());
    }

    /**
     * The runtime client with only its own jars on the class path and /var/task as working directory, as AWS's base
     * image starts it, finds the handler in /var/task/lib and answers the exemplar event.
     */
    @Test
    void theRuntimeClientLoadsTheFunctionFromVarTaskLib(@TempDir Path directory) throws Exception {
        Optional<String> unavailable = ContainerRun.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "cannot run the image here: " + unavailable.orElseThrow());
        Path root = directory.resolve("root");
        DockerArchive image = DockerArchive.unpack(tarball, root);
        // Only the flavour's own layers may hold the function: the stand-in base's class path is not used.
        List<String> runtimeClassPath = new ArrayList<>();
        for (String jar : image.classPath()) {
            String name = jar.substring(jar.lastIndexOf('/') + 1);
            if (RUNTIME_JARS.stream().anyMatch(name::startsWith)) {
                runtimeClassPath.add(jar);
            }
        }
        assertEquals(RUNTIME_JARS.size(), runtimeClassPath.size(), "the runtime client's jars in the base: " + image.classPath());
        List<String> command = new ArrayList<>(image.entrypoint());
        command.set(command.indexOf("-cp") + 1, String.join(":", runtimeClassPath));
        command.add(HANDLER);
        ExemplarRun.answersTheExemplar(project, root, image.workingDirectory(), command, image.environment(), HANDLER, directory);
    }

    /** The layer files of an image tarball in the manifest's order. */
    private static List<String> layers(Path archive) throws IOException {
        try (TarFile tar = new TarFile(archive.toFile())) {
            TarArchiveEntry manifest = tar.getEntries().stream().filter(entry -> entry.getName().equals("manifest.json"))
                    .findFirst().orElseThrow(() -> new AssertionError("no manifest.json in " + archive));
            try (InputStream in = tar.getInputStream(manifest)) {
                List<Object> images = JSON.std.listFrom(in);
                @SuppressWarnings("unchecked")
                List<String> layers = (List<String>) ((Map<String, Object>) images.getFirst()).get("Layers");
                return layers;
            }
        }
    }

    /** The regular files one layer of an image tarball holds. */
    private static Set<String> files(Path archive, String layer) throws IOException {
        try (TarFile tar = new TarFile(archive.toFile())) {
            TarArchiveEntry entry = tar.getEntries().stream().filter(candidate -> candidate.getName().equals(layer))
                    .findFirst().orElseThrow(() -> new AssertionError("no layer " + layer + " in " + archive));
            try (TarArchiveInputStream files = new TarArchiveInputStream(new GZIPInputStream(tar.getInputStream(entry)))) {
                Set<String> names = new TreeSet<>();
                for (TarArchiveEntry file = files.getNextEntry(); file != null; file = files.getNextEntry()) {
                    if (file.isFile()) {
                        names.add(file.getName());
                    }
                }
                return names;
            }
        }
    }
}
