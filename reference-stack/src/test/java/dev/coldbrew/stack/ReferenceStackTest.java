package dev.coldbrew.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.lambda.report.ReportLine;
import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.LocalLambdaClients;
import dev.coldbrew.locallambda.services.LocalServices;
import dev.coldbrew.runtime.testing.FunctionModules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The project's template.yaml and reference functions, driven through the AWS SDK's Lambda client. */
class ReferenceStackTest {
    private static LocalServices services;
    private static LocalLambda lambda;
    private static LambdaClient client;

    @BeforeAll
    static void start() throws IOException {
        LocalLambda.Options options = LocalLambda.options(ReferenceStack.TEMPLATE, ReferenceStack.build())
                .withPort(0).withLogSink(LocalLambdaClients.QUIET);
        services = LocalServices.start(options, null);
        lambda = LocalLambda.start(services.applyTo(options));
        client = LocalLambdaClients.create(lambda.endpoint());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        if (services != null) {
            services.close();
        }
    }

    /** The I/O functions against their local dependencies: DynamoDB Local and the local HTTP endpoint. */
    @ParameterizedTest
    @ValueSource(strings = {"NetworkBoundFunction", "DynamoDbSerialFunction"})
    void answersItsExemplarColdThenWarm(String function) throws IOException {
        String event = ReferenceStack.exemplar(function, "event.json");
        forceCold(function);
        InvokeResponse cold = LocalLambdaClients.invoke(client, function, event);
        assertNull(cold.functionError(), cold.payload().asUtf8String());
        assertEquals(tree(ReferenceStack.exemplar(function, "response.json")), tree(cold.payload().asUtf8String()));
        assertTrue(LocalLambdaClients.report(cold).cold());
        assertEquals(List.of(), foreignLines(LocalLambdaClients.log(cold)), "a cold start logs only Lambda's lines");
        InvokeResponse warm = LocalLambdaClients.invoke(client, function, event);
        assertEquals(tree(cold.payload().asUtf8String()), tree(warm.payload().asUtf8String()));
        assertFalse(LocalLambdaClients.report(warm).cold());
    }

    /**
     * Log lines that are neither Lambda's nor the JVM's notice of JAVA_TOOL_OPTIONS (which Lambda's logs
     * show too); the reference functions print nothing of their own on success.
     */
    private static List<String> foreignLines(String log) {
        return log.lines().filter(line -> !line.isBlank()
                && !line.matches("(START|END|REPORT) RequestId: .*|INIT_START .*|Picked up JAVA_TOOL_OPTIONS: .*")).toList();
    }

    /** Any configuration change retires the function's environments (test order must not matter). */
    private static void forceCold(String function) {
        client.updateFunctionConfiguration(r -> r.functionName(function).description("cold start " + System.nanoTime()));
    }

    private static Object tree(String json) throws IOException {
        return JSON.std.anyFrom(json);
    }

    @Test
    void noOpIsColdThenWarm() {
        forceCold("NoOpFunction");
        InvokeResponse cold = LocalLambdaClients.invoke(client, "NoOpFunction", "{\"label\":\"first\"}");
        assertNull(cold.functionError(), cold.payload().asUtf8String());
        assertEquals("{\"label\":\"first\",\"status\":\"ok\"}", cold.payload().asUtf8String());
        String coldReport = LocalLambdaClients.log(cold).lines().filter(line -> line.startsWith("REPORT ")).findFirst().orElseThrow();
        assertTrue(coldReport.matches("REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\t"
                + "Memory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t.*"), coldReport);

        InvokeResponse warm = LocalLambdaClients.invoke(client, "NoOpFunction", "{\"label\":\"second\"}");
        assertEquals("{\"label\":\"second\",\"status\":\"ok\"}", warm.payload().asUtf8String());
        assertFalse(LocalLambdaClients.report(warm).cold(), LocalLambdaClients.log(warm));
        assertEquals("$LATEST", warm.executedVersion());
    }

    @Test
    void cpuBoundIsColdThenWarmWithTheSameChecksum() {
        String event = "{\"rounds\":2000}";
        forceCold("CpuBoundFunction");
        InvokeResponse cold = LocalLambdaClients.invoke(client, "CpuBoundFunction", event);
        assertNull(cold.functionError(), cold.payload().asUtf8String());
        assertTrue(LocalLambdaClients.report(cold).cold());
        assertEquals(1769, LocalLambdaClients.report(cold).memorySizeMb());
        InvokeResponse warm = LocalLambdaClients.invoke(client, "CpuBoundFunction", event);
        assertEquals(cold.payload().asUtf8String(), warm.payload().asUtf8String());
        assertFalse(LocalLambdaClients.report(warm).cold());
    }

    @Test
    void invalidEventIsTheFunctionsOwnError() {
        InvokeResponse response = LocalLambdaClients.invoke(client, "CpuBoundFunction", "{\"rounds\":-1}");
        assertEquals("Unhandled", response.functionError());
        assertTrue(response.payload().asUtf8String().contains("InvalidEventException"), response.payload().asUtf8String());
    }

    @Test
    void twentyConcurrentInvokesAreAllAnswered() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            List<Future<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String label = "call-" + i;
                calls.add(callers.submit(() -> LocalLambdaClients.invoke(client, "NoOpFunction", "{\"label\":\"" + label + "\"}")));
            }
            for (int i = 0; i < 20; i++) {
                InvokeResponse response = calls.get(i).get();
                assertNull(response.functionError(), response.payload().asUtf8String());
                assertEquals("{\"label\":\"call-" + i + "\",\"status\":\"ok\"}", response.payload().asUtf8String());
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(lambda.liveEnvironments() > 1, "concurrent invokes ran in more than one environment");
    }

    @Test
    void memoryUpdateMakesTheNextInvokeColdAtTheNewSize() {
        LocalLambdaClients.invoke(client, "CpuBoundFunction", "{\"rounds\":10}");
        GetFunctionConfigurationResponse before = client.getFunctionConfiguration(r -> r.functionName("CpuBoundFunction"));
        try {
            var updated = client.updateFunctionConfiguration(r -> r.functionName("CpuBoundFunction").memorySize(1024));
            assertEquals(1024, updated.memorySize());
            assertEquals(1024, client.getFunctionConfiguration(r -> r.functionName("CpuBoundFunction")).memorySize());
            InvokeResponse next = LocalLambdaClients.invoke(client, "CpuBoundFunction", "{\"rounds\":10}");
            ReportLine report = LocalLambdaClients.report(next);
            assertEquals(1024, report.memorySizeMb(), report.text());
            assertTrue(report.cold(), "a configuration change retires warm environments: " + report);
        } finally {
            client.updateFunctionConfiguration(r -> r.functionName("CpuBoundFunction").memorySize(before.memorySize()));
        }
    }

    @Test
    void memoryOutsideLambdasRangeIsRejected() {
        InvalidParameterValueException tooSmall = assertThrows(InvalidParameterValueException.class,
                () -> client.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(64)));
        assertEquals(400, tooSmall.statusCode());
        assertThrows(InvalidParameterValueException.class,
                () -> client.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(10241)));
        assertEquals(512, client.getFunctionConfiguration(r -> r.functionName("NoOpFunction")).memorySize());
    }

    @Test
    void unknownFunctionIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> client.getFunction(r -> r.functionName("Missing")));
        assertThrows(ResourceNotFoundException.class, () -> LocalLambdaClients.invoke(client, "NoOpFunction:99", "{}"));
    }

    @Test
    void templateConfigurationIsResolvedIntoTheControlPlane() {
        FunctionConfiguration cpu = client.getFunction(r -> r.functionName("CpuBoundFunction")).configuration();
        assertEquals("dev.coldbrew.functions.cpu.CpuBoundHandler::handleRequest", cpu.handler());
        assertEquals("java25", cpu.runtimeAsString());
        assertEquals(60, cpu.timeout());
        // The function's own JAVA_TOOL_OPTIONS wins over the Globals value.
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=4", cpu.environment().variables().get("JAVA_TOOL_OPTIONS"));
        assertEquals(1, cpu.layers().size());
        assertTrue(cpu.layers().get(0).arn().contains(":layer:local-coldbrew-runtime:1"), cpu.layers().get(0).arn());
        List<String> names = client.listFunctions().functions().stream().map(FunctionConfiguration::functionName).toList();
        assertEquals(List.copyOf(FunctionModules.of(ReferenceStack.ROOT).keySet()), names, "every registered function, in template order");
        var dynamo = client.getFunctionConfiguration(r -> r.functionName("DynamoDbSerialFunction"));
        assertEquals("ReferenceTable", dynamo.environment().variables().get("TABLE_NAME"), "!Ref of a table is its name");
    }

    @Test
    void versionsAndAliasesSnapshotTheConfiguration() {
        // AutoPublishAlias: live exists from the start, as after a SAM deploy.
        assertEquals("1", client.getAlias(r -> r.functionName("NoOpFunction").name("live")).functionVersion());
        client.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(640)
                .environment(e -> e.variables(Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1", "MARK", "v2"))));
        try {
            PublishVersionResponse v2 = client.publishVersion(r -> r.functionName("NoOpFunction").description("tuned"));
            assertEquals("2", v2.version());
            assertEquals(640, v2.memorySize());
            assertTrue(v2.functionArn().endsWith(":function:NoOpFunction:2"), v2.functionArn());
            client.createAlias(r -> r.functionName("NoOpFunction").name("candidate").functionVersion("2"));
            assertThrows(ResourceConflictException.class,
                    () -> client.createAlias(r -> r.functionName("NoOpFunction").name("candidate").functionVersion("1")));

            InvokeResponse viaAlias = client.invoke(r -> r.functionName("NoOpFunction").qualifier("candidate")
                    .logType("Tail").payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{}")));
            assertEquals("2", viaAlias.executedVersion());
            assertEquals(640, LocalLambdaClients.report(viaAlias).memorySizeMb(), LocalLambdaClients.log(viaAlias));
            InvokeResponse viaLive = client.invoke(r -> r.functionName("NoOpFunction").qualifier("live")
                    .logType("Tail").payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{}")));
            assertEquals("1", viaLive.executedVersion());
            assertEquals(512, LocalLambdaClients.report(viaLive).memorySizeMb(), "version 1 keeps its snapshot");

            client.updateAlias(r -> r.functionName("NoOpFunction").name("candidate").functionVersion("1"));
            assertEquals("1", client.invoke(r -> r.functionName("NoOpFunction").qualifier("candidate")).executedVersion());
            assertThrows(ResourceConflictException.class,
                    () -> client.deleteFunction(r -> r.functionName("NoOpFunction").qualifier("1")));
            client.deleteAlias(r -> r.functionName("NoOpFunction").name("candidate"));
            client.deleteFunction(r -> r.functionName("NoOpFunction").qualifier("2"));
            List<String> versions = client.listVersionsByFunction(r -> r.functionName("NoOpFunction")).versions().stream()
                    .map(FunctionConfiguration::version).toList();
            assertEquals(List.of("$LATEST", "1"), versions);
        } finally {
            client.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(512)
                    .environment(e -> e.variables(Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))));
        }
    }
}
