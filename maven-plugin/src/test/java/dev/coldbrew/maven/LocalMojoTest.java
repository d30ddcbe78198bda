package dev.coldbrew.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.local.DynamoDbLocal;
import dev.coldbrew.locallambda.LocalLambdaClients;
import dev.coldbrew.maven.function.EchoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * coldbrew:local run as Maven runs it (in this JVM, on its own thread), with a real function behind the Lambda API,
 * DynamoDB Local seeded from coldbrew.seed and an S3 bucket that nothing runs locally; then stopped as Ctrl-C stops it.
 */
class LocalMojoTest {
    static final String TEMPLATE = """
            Resources:
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Handler: dev.coldbrew.maven.function.EchoHandler::handleRequest
                  MemorySize: 512
                  Environment:
                    Variables:
                      TABLE_NAME: !Ref AppTable
                      BUCKET_NAME: !Ref AppBucket
              AppTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
              AppBucket:
                Type: AWS::S3::Bucket
            """;

    @TempDir
    static Path project;

    /** A project as make build leaves it: the template, and the function's jar under target/lambda/EchoFunction/lib. */
    @BeforeAll
    static void layOutProject() throws IOException {
        Files.writeString(project.resolve("template.yaml"), TEMPLATE);
        Files.writeString(project.resolve("seed.json"), "[{\"pk\": \"a\", \"n\": 1}, {\"pk\": \"b\", \"n\": 2}]");
        Path lib = Files.createDirectories(project.resolve("target/lambda/EchoFunction/lib"));
        String classFile = EchoHandler.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("echo.jar")))) {
            jar.putNextEntry(new JarEntry(classFile));
            try (var in = EchoHandler.class.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(jar);
            }
            jar.closeEntry();
        }
    }

    static <T extends ColdbrewMojo> T configure(T mojo) {
        mojo.basedir = project.toFile();
        mojo.projectBuildDirectory = project.resolve("target").toFile();
        mojo.template = project.resolve("template.yaml").toFile();
        mojo.buildDir = project.resolve("target/lambda").toFile();
        return mojo;
    }

    @Test
    void servesTheFunctionsWithTheirServicesUntilStopped() throws Exception {
        LocalMojo mojo = configure(new LocalMojo());
        mojo.port = freePort();
        mojo.seed = "AppTable=seed.json";
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread goal = new Thread(() -> {
            try {
                mojo.execute();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "coldbrew-local");
        System.setOut(new PrintStream(new Tee(console, output), true, StandardCharsets.UTF_8));
        try {
            goal.start();
            URI endpoint = URI.create("http://127.0.0.1:" + mojo.port);
            awaitListening(endpoint, goal, failure);

            Map<String, Object> response;
            try (LambdaClient lambda = LocalLambdaClients.create(endpoint)) {
                InvokeResponse invoke = lambda.invoke(r -> r.functionName("EchoFunction")
                        .payload(SdkBytes.fromUtf8String("{\"message\": \"hello\"}")));
                assertNull(invoke.functionError(), invoke.payload().asUtf8String());
                response = JSON.std.mapFrom(invoke.payload().asUtf8String());
            }
            assertEquals("hello", response.get("echo"));
            assertEquals("appbucket", response.get("bucket"), "the bucket's local name; nothing stands in for it");
            String dynamoDb = (String) response.get("dynamodb");
            assertNotNull(dynamoDb, "the function is pointed at DynamoDB Local");
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(dynamoDb)).region(DynamoDbLocal.REGION)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(DynamoDbLocal.ACCESS_KEY,
                            DynamoDbLocal.SECRET_KEY)))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertEquals(2, client.scan(r -> r.tableName("AppTable")).count(), "seeded from coldbrew.seed");
            }
            String printed = output.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("NOTE: AppBucket (AWS::S3::Bucket) does not run locally: EchoFunction's BUCKET_NAME"),
                    printed);
            assertTrue(printed.contains("-Dcoldbrew.env=AWS_ENDPOINT_URL_S3="), printed);
            assertFalse(printed.contains("AppTable (AWS::DynamoDB::Table) does not run locally"), "DynamoDB Local holds it");
            assertTrue(ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive), "environments and DynamoDB Local run");

            goal.interrupt();
            goal.join(Duration.ofSeconds(60));
            assertFalse(goal.isAlive(), "the goal returns once stopped");
            assertNull(failure.get());
            Instant deadline = Instant.now().plusSeconds(15);
            while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .map(p -> p.info().commandLine().orElse(String.valueOf(p.pid()))).toList(), "no child process is left");
            assertFalse(listening(endpoint), "the Lambda API is closed");
        } finally {
            System.setOut(console);
            goal.interrupt();
        }
    }

    @Test
    void aFunctionWithoutBuildOutputFailsTheBuildWithWhatToDo() {
        LocalMojo mojo = configure(new LocalMojo());
        mojo.buildDir = project.toFile();
        mojo.port = 0;
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("No build output for EchoFunction at " + project.resolve("EchoFunction") + "; run `make build` first.",
                e.getMessage());
    }

    @Test
    void noTemplateFailsTheBuildNamingTheProperty() {
        LocalMojo mojo = configure(new LocalMojo());
        mojo.template = project.resolve("missing.yaml").toFile();
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("No SAM template at " + project.resolve("missing.yaml")), e.getMessage());
        assertTrue(e.getMessage().contains("-Dcoldbrew.template="), e.getMessage());
    }

    @Test
    void aSeedFileThatIsNotThereIsNamed() {
        LocalMojo mojo = configure(new LocalMojo());
        mojo.seed = "AppTable=nothing.json";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("coldbrew.seed: " + project.resolve("nothing.json") + " (for AppTable) does not exist.", e.getMessage());
    }

    @Test
    void aBadToolOptionIsTheToolsMessageWithTheWayToThePluginsParameters() {
        LocalMojo mojo = configure(new LocalMojo());
        mojo.args = "--max-environments lots";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid value for option '--max-environments': 'lots' is not an int"), e.getMessage());
        assertTrue(e.getMessage().endsWith(ColdbrewMojo.DESCRIBE + " lists them.)"), e.getMessage());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(URI endpoint, Thread goal, AtomicReference<Throwable> failure) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!listening(endpoint)) {
            if (!goal.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("coldbrew:local did not start", failure.get());
            }
            Thread.sleep(200);
        }
    }

    private static boolean listening(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The console as before, and a copy to check. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
