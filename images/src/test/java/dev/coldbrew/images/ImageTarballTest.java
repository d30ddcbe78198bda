package dev.coldbrew.images;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DynamoDB-serial function's image as {@code make images} writes it, unpacked into a directory and run
 * there with no Docker: the Java runtime on its own, then the image's entrypoint against a Runtime API on
 * 127.0.0.1 that hands it the function's exemplar event, with DynamoDB Local (the real engine, seeded with the
 * reference data) behind TLS as its DynamoDB endpoint. Skipped, with the reason, when there is no tarball or
 * the machine cannot change a process's root.
 */
class ImageTarballTest {
    private static final String FUNCTION = ExemplarRun.FUNCTION;
    /** Where the runtime client loads its JNI library from when set (else it writes one to /tmp at each start). */
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final long RUN_LIMIT_SECONDS = ExemplarRun.RUN_LIMIT_SECONDS;

    private static Path project;
    private static Path tarball;
    private static Path root;
    private static DockerArchive image;

    @BeforeAll
    static void unpack(@TempDir Path directory) throws Exception {
        project = Path.of(System.getProperty("coldbrew.root", "..")).toAbsolutePath().normalize();
        tarball = project.resolve("target/lambda").resolve(FUNCTION).resolve(FunctionConfiguration.IMAGE_ARCHIVE);
        if (Files.isRegularFile(tarball)) {
            root = directory.resolve("root");
            image = DockerArchive.unpack(tarball, root);
        }
    }

    @BeforeEach
    void assumeBuilt() {
        assumeTrue(image != null, () -> "no image at " + tarball + "; `make images` builds it");
    }

    @Test
    void everyJarOnTheClassPathIsInTheImageAndEveryJarInTheImageIsOnIt() throws Exception {
        List<String> classPath = image.classPath();
        assertEquals(Set.copyOf(classPath).size(), classPath.size(), "no jar twice: " + classPath);
        for (String jar : classPath) {
            assertTrue(jar.endsWith(".jar") && Files.isRegularFile(inImage(jar)), jar + " is not a jar in the image");
        }
        try (Stream<Path> files = Files.walk(inImage("/var/task"))) {
            Set<String> jars = files.filter(file -> file.toString().endsWith(".jar"))
                    .map(file -> "/" + root.relativize(file)).collect(Collectors.toSet());
            assertEquals(new TreeSet<>(jars), new TreeSet<>(classPath));
        }
        assertTrue(classPath.getLast().startsWith("/var/task/classpath/dynamodb-serial-"), "the function's jar comes last: " + classPath);
        assertTrue(Files.isRegularFile(inImage(image.systemProperty(JNI_PROPERTY))), "the JNI library is where the entrypoint says");
    }

    /** The image's libs are exactly the shared layer's java/lib plus the runtime client's jars. */
    @Test
    void theDependenciesAreTheSharedLayersJarsAndTheRuntimeClients() throws Exception {
        Path layerLib = project.resolve("shared-layer/target/layer-lib");
        assumeTrue(Files.isDirectory(layerLib), "shared-layer is not built here");
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(layerLib); Stream<Path> layer = Files.list(project.resolve("shared-layer/target"))) {
            files.forEach(jar -> expected.add(jar.getFileName().toString()));
            layer.map(file -> file.getFileName().toString()).filter(name -> name.matches("coldbrew-runtime-.*\\.jar"))
                    .forEach(expected::add);
        }
        // The runtime client's jars beyond the layer's (which has aws-lambda-java-core and utils-lite already).
        for (Class<?> type : List.of(AWSLambda.class, PojoSerializer.class)) {
            expected.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString());
        }
        try (Stream<Path> files = Files.list(inImage("/var/task/libs"))) {
            assertEquals(expected, files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @Test
    void filesHaveJibsFixedTimeAndTmpIsWritableByAll() throws Exception {
        FileTime fixed = FileTime.from(Instant.EPOCH.plusSeconds(1));
        for (String file : List.of(image.classPath().getFirst(), image.classPath().getLast(), "/opt/java/lib/modules",
                "/lib/x86_64-linux-gnu/libc.so.6", image.systemProperty(JNI_PROPERTY))) {
            assertEquals(fixed, Files.getLastModifiedTime(inImage(file)), file);
        }
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(inImage("/tmp"))));
        assertTrue(Files.isExecutable(inImage(image.entrypoint().getFirst())));
    }

    @Test
    void theJavaRuntimeRunsOnTheImagesLibrariesAlone() throws Exception {
        assumeRunnable();
        Path log = Files.createTempFile("java-version", ".log");
        Process java = ContainerRun.start(root, "/", List.of(image.entrypoint().getFirst(), "-version"), Map.of(), log);
        try {
            assertTrue(java.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS), "java -version did not end");
        } finally {
            ContainerRun.stop(java);
        }
        String output = Files.readString(log);
        assertEquals(0, java.exitValue(), output);
        assertTrue(output.contains("version \"25"), output);
    }

    /**
     * The entrypoint and command as Lambda runs them: the runtime client starts, loads its JNI library from the
     * image, loads the handler, primes it during init and answers the exemplar event with the exemplar's
     * response, read from DynamoDB Local over TLS.
     */
    @Test
    void theEntrypointAnswersTheExemplarEventThroughTheRuntimeApi(@TempDir Path directory) throws Exception {
        assumeRunnable();
        List<String> command = Stream.concat(image.entrypoint().stream(), image.cmd().stream()).toList();
        ExemplarRun.answersTheExemplar(project, root, image.workingDirectory(), command, image.environment(),
                image.cmd().getFirst(), directory);
    }

    private static void assumeRunnable() {
        Optional<String> unavailable = ContainerRun.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "cannot run the image here: " + unavailable.orElseThrow());
    }

    private static Path inImage(String path) {
        assertNotNull(path);
        return root.resolve(path.substring(1));
    }
}
