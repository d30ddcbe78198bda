package dev.coldbrew.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * The real DynamoDB engine (DynamoDB Local from Maven Central), in memory, in a child JVM on 127.0.0.1 and
 * a free port. A separate JVM keeps its own AWS SDK and Jetty versions away from the caller's classpath.
 * {@link #close()} stops the process by its PID.
 */
public final class DynamoDbLocal implements AutoCloseable {
    /** Credentials and region for local endpoints: any value works, but the same one must be used throughout. */
    public static final String ACCESS_KEY = "coldbrewlocal";
    public static final String SECRET_KEY = "coldbrewlocal";
    public static final Region REGION = Region.US_EAST_1;

    private final Process process;
    private final URI endpoint;

    private DynamoDbLocal(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static DynamoDbLocal start() throws IOException {
        return start(null);
    }

    /**
     * Runs DynamoDB Local from {@code libraryDirectory}: its jars and sqlite4java's native libraries in one directory
     * (null: the one coldbrew's build copies, see {@link #libraryDirectory()}). A tool that carries DynamoDB Local
     * itself, such as the Maven plugin, names its own.
     */
    public static DynamoDbLocal start(Path libraryDirectory) throws IOException {
        Path libDir = libraryDirectory != null ? libraryDirectory : libraryDirectory();
        if (!Files.isDirectory(libDir)) {
            throw new IllegalStateException("DynamoDB Local is not built at " + libDir + "; run `make build` (or ./mvnw install) first.");
        }
        List<String> command = List.of(javaExecutable(), "-Xmx256m",
                "-Dsqlite4java.library.path=" + libDir,
                "-cp", classpath(libDir),
                DynamoDbLocalMain.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            int port = awaitReadyPort(process);
            return new DynamoDbLocal(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Where the build copied DynamoDB Local: {@code target/dynamodb-local} beside this module's classes when
     * they are a directory, else (this module as a jar on a tool's class path) under the repository root,
     * found from {@code -Dcoldbrew.root} or upwards from the working directory.
     */
    private static Path libraryDirectory() {
        Path codeSource;
        try {
            codeSource = Path.of(DynamoDbLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(codeSource)) {
            return codeSource.getParent().resolve("dynamodb-local");
        }
        String root = System.getProperty("coldbrew.root");
        for (Path dir = root != null ? Path.of(root).toAbsolutePath() : Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("local-services/target/dynamodb-local");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("local-services/target/dynamodb-local").toAbsolutePath();
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** A client for this instance, with the local credentials and region. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Creates a table, on demand billing, from its key schema and attribute definitions as a template writes
     * them ({@code AttributeName}/{@code KeyType}, {@code AttributeName}/{@code AttributeType}), and waits for it.
     */
    public void createTable(String tableName, List<Map<String, Object>> attributeDefinitions, List<Map<String, Object>> keySchema) {
        try (DynamoDbClient client = client()) {
            client.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributeDefinitions.stream().map(d -> AttributeDefinition.builder()
                            .attributeName(String.valueOf(d.get("AttributeName")))
                            .attributeType(String.valueOf(d.get("AttributeType"))).build()).toList())
                    .keySchema(keySchema.stream().map(k -> KeySchemaElement.builder()
                            .attributeName(String.valueOf(k.get("AttributeName")))
                            .keyType(String.valueOf(k.get("KeyType"))).build()).toList()));
            client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        }
    }

    /** Puts the items of a seed file ({@link TableItems}) into a table. */
    public void seed(String tableName, Path itemsFile) {
        try (DynamoDbClient client = client()) {
            TableItems.put(client, tableName, TableItems.read(itemsFile));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int awaitReadyPort(Process process) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = output.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return Integer.parseInt(line.substring(6).trim());
                    }
                    synchronized (seen) {
                        seen.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; reported below
            }
            return -1;
        });
        try {
            int port = ready.get(60, TimeUnit.SECONDS);
            if (port > 0) {
                drain(output);
                return port;
            }
        } catch (TimeoutException e) {
            // reported below
        } catch (Exception e) {
            throw new IOException("DynamoDB Local failed to start", e);
        }
        synchronized (seen) {
            throw new IOException("DynamoDB Local did not start; its output was:\n" + String.join("\n", seen));
        }
    }

    /** Keeps reading the child's output so it can never block on a full pipe. */
    private static void drain(BufferedReader output) {
        Thread drainer = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "dynamodb-local-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static String classpath(Path libDir) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(ownLocation());
        try (Stream<Path> jars = Files.list(libDir)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String ownLocation() {
        try {
            return Path.of(DynamoDbLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot locate coldbrew-local-services classes", e);
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
