package dev.coldbrew.locallambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.lambda.report.ReportLine;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Each way a function can fail comes back as Lambda reports it, and the emulator keeps serving. */
class FaultsTest {
    private static LocalLambda lambda;
    private static LambdaClient client;

    @BeforeAll
    static void start() {
        lambda = LocalLambda.start(LocalLambda.options(TestArtifacts.FAULTS_TEMPLATE, TestArtifacts.faultsBuild()).withPort(0).withLogSink(LocalLambdaClients.QUIET));
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
    }

    @Test
    void handlerExceptionIsAnUnhandledFunctionErrorWithTypeAndMessage() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "ThrowingFunction", "{}");
        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        assertEquals("java.lang.IllegalStateException", error.get("errorType"));
        assertTrue(String.valueOf(error.get("errorMessage")).startsWith("deliberate failure for "), error.toString());
        // The environment survives a handled exception: the second invoke is warm.
        InvokeResponse again = LocalLambdaClients.invoke(client, "ThrowingFunction", "{}");
        assertEquals("Unhandled", again.functionError());
        assertFalse(LocalLambdaClients.report(again).cold(), LocalLambdaClients.log(again));
    }

    @Test
    void timeoutKillsTheEnvironmentAndReportsTaskTimedOut() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "SleepingFunction", "5000");
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        assertEquals("Sandbox.Timedout", error.get("errorType"));
        assertTrue(String.valueOf(error.get("errorMessage")).endsWith("Task timed out after 1.00 seconds"), error.toString());
        assertEquals("timeout", LocalLambdaClients.report(response).status(), LocalLambdaClients.log(response));
        // The next invoke gets a fresh environment, so it is cold, and a short sleep succeeds.
        InvokeResponse next = LocalLambdaClients.invoke(client, "SleepingFunction", "10");
        assertNull(next.functionError(), next.payload().asUtf8String());
        assertEquals("{\"slept\":10}", next.payload().asUtf8String());
        assertTrue(LocalLambdaClients.report(next).cold(), LocalLambdaClients.log(next));
    }

    @Test
    void systemExitIsARuntimeExitError() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "ExitingFunction", "{}");
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        assertEquals("Runtime.ExitError", error.get("errorType"));
        assertTrue(String.valueOf(error.get("errorMessage")).endsWith("Runtime exited with error: exit status 3"), error.toString());
        assertEquals("Runtime.ExitError", JSON.std.mapFrom(LocalLambdaClients.invoke(client, "ExitingFunction", "{}")
                .payload().asByteArray()).get("errorType"), "a crashed environment is replaced, and crashes again");
    }

    @Test
    void exitStatusAbove128IsNotMistakenForASignal() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "ExitingFunction", "255");
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        assertTrue(String.valueOf(error.get("errorMessage")).endsWith("Runtime exited with error: exit status 255"), error.toString());
        // The REPORT the emulator wrote, read back by the one parser: an error with its type.
        ReportLine report = LocalLambdaClients.report(response);
        assertEquals("error", report.status(), report.text());
        assertEquals("Runtime.ExitError", report.errorType());
        assertEquals(256, report.memorySizeMb());
    }

    @Test
    void heapExhaustionIsReportedAndTheEnvironmentReplaced() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "AllocatingFunction", "{}");
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        String type = String.valueOf(error.get("errorType"));
        // The runtime client reports OutOfMemoryError and exits; if the memory limit strikes first, the
        // kernel kills the JVM and Lambda reports Runtime.ExitError. Both are what Lambda shows.
        assertTrue(type.equals("java.lang.OutOfMemoryError") || type.equals("Runtime.ExitError"), error.toString());
        InvokeResponse next = LocalLambdaClients.invoke(client, "AllocatingFunction", "{}");
        assertTrue(LocalLambdaClients.report(next).cold(), "after an out-of-memory the next invoke starts a new environment");
    }

    @Test
    void initFailureComesBackAsTheInitError() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "FailingInitFunction", "{}");
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        assertTrue(String.valueOf(error.get("errorMessage")).contains("configuration missing at init"), error.toString());
        assertTrue(LocalLambdaClients.report(response).cold(), LocalLambdaClients.log(response));
    }

    @Test
    void withoutThrottlingEveryReportSaysSo() throws IOException {
        try (LocalLambda unthrottled = LocalLambda.start(LocalLambda.options(TestArtifacts.FAULTS_TEMPLATE, TestArtifacts.faultsBuild())
                .withPort(0).withLogSink(LocalLambdaClients.QUIET).withThrottle(false).withOnlyFunctions(java.util.Set.of("EnvironmentFunction")));
             LambdaClient local = LocalLambdaClients.create(unthrottled.endpoint())) {
            assertFalse(unthrottled.throttled());
            InvokeResponse response = LocalLambdaClients.invoke(local, "environment-probe", "{}");
            assertTrue(LocalLambdaClients.report(response).unthrottled(), LocalLambdaClients.log(response));
            Map<String, Object> seen = JSON.std.mapFrom(response.payload().asByteArray());
            assertNotEquals("14500", seen.get("cpuLimit"), "no CPU quota of its own");
        }
    }

    @Test
    void unknownFunctionIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> LocalLambdaClients.invoke(client, "NoSuchFunction", "{}"));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("Function not found"), e.getMessage());
    }

    @Test
    void environmentLooksLikeLambdaFromInside() throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, "environment-probe", "{}");
        assertNull(response.functionError(), response.payload().asUtf8String());
        Map<String, Object> seen = JSON.std.mapFrom(response.payload().asByteArray());
        assertEquals("256", seen.get("memory"));
        assertEquals("256", seen.get("contextMemory"));
        assertEquals("$LATEST", seen.get("version"));
        assertEquals("environment-probe", seen.get("functionName"));
        assertEquals("hello from us-east-1", seen.get("greeting"), "Globals environment with !Sub resolved");
        assertEquals("-XX:TieredStopAtLevel=1", seen.get("tieredStopAtLevel"), "Lambda's default for on-demand starts on java17+");
        assertEquals("us-east-1", seen.get("region"));
        long remaining = Long.parseLong(String.valueOf(seen.get("remainingMs")));
        assertTrue(remaining > 0 && remaining <= 5000, "deadline header drives getRemainingTimeInMillis: " + remaining);
        assertTrue(LocalLambdaClients.log(response).contains("environment handler ran"), LocalLambdaClients.log(response));
        assertEquals("$LATEST", response.executedVersion());
        if (lambda.throttled()) {
            // 256 MB buys 256/1769 of a vCPU: 14.5 ms of CPU per 100 ms period, and 256 MiB of memory.
            String cpu = String.valueOf(seen.get("cpuLimit"));
            assertTrue(cpu.equals("14500") || cpu.equals("14500 100000"), "CPU limit of the environment's cgroup: " + cpu);
            // The init ran with the burst: more than the memory share, whatever else holds quota.
            long initQuota = Long.parseLong(String.valueOf(seen.get("initCpuLimit")).split(" ")[0]);
            assertTrue(initQuota > 14500, "an on-demand init gets the CPU burst, not the memory share: " + seen.get("initCpuLimit"));
            assertEquals("on-demand", seen.get("initializationType"));
            assertEquals(String.valueOf(256L << 20), seen.get("memoryLimit"));
        } else {
            assertTrue(LocalLambdaClients.report(response).unthrottled(), LocalLambdaClients.log(response));
        }

        // AutoPublishAlias: live points at version 1, which reports itself as version 1.
        InvokeResponse viaAlias = client.invoke(request -> request.functionName("environment-probe").qualifier("live"));
        assertEquals("1", viaAlias.executedVersion());
        Map<String, Object> aliasSeen = JSON.std.mapFrom(viaAlias.payload().asByteArray());
        assertEquals("1", aliasSeen.get("version"));
        assertTrue(String.valueOf(aliasSeen.get("invokedArn")).endsWith(":function:environment-probe:live"), aliasSeen.toString());
        assertNotEquals(seen.get("pid"), aliasSeen.get("pid"), "a version runs in its own environments");
    }

    /**
     * An init that passes 10 s is stopped and re-run inside the invoke, under the function timeout: the log
     * shows Lambda's INIT_REPORT line, the REPORT has no Init Duration, and the invoke still succeeds.
     */
    @Test
    void anInitPastTheLimitIsRetriedInsideTheInvoke() throws Exception {
        java.nio.file.Files.deleteIfExists(dev.coldbrew.locallambda.faults.SlowInitHandler.MARKER);
        InvokeResponse response = LocalLambdaClients.invoke(client, "SlowInitFunction", "{}");
        assertNull(response.functionError(), response.payload().asUtf8String());
        assertEquals("{\"initialised\":true}", response.payload().asUtf8String());
        String log = LocalLambdaClients.log(response);
        assertTrue(log.contains("INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout"), log);
        ReportLine report = LocalLambdaClients.report(response);
        assertFalse(report.cold(), "the retried init is part of Duration, not Init Duration: " + report.text());
        InvokeResponse next = LocalLambdaClients.invoke(client, "SlowInitFunction", "{}");
        assertFalse(LocalLambdaClients.report(next).cold(), "the environment of the retry serves on, warm");
    }

    /**
     * SnapStart: the published version's environment is primed (init, then the before-checkpoint hook, once)
     * before the invoke, which restores it (after-restore hook, then the handler); the REPORT has Restore
     * Duration and no Init Duration. $LATEST is never SnapStart.
     */
    @Test
    void aSnapStartVersionIsPrimedThenRestored() throws IOException {
        InvokeResponse restored = client.invoke(r -> r.functionName("SnapStartFunction").qualifier("live")
                .logType(software.amazon.awssdk.services.lambda.model.LogType.TAIL));
        assertNull(restored.functionError(), restored.payload().asUtf8String());
        Map<String, Object> seen = JSON.std.mapFrom(restored.payload().asByteArray());
        assertEquals("init,beforeCheckpoint,afterRestore", seen.get("events"));
        assertEquals("snap-start", seen.get("initializationType"));
        ReportLine report = LocalLambdaClients.report(restored);
        assertTrue(report.restoreDurationMs() > 0, report.text());
        assertEquals(0, report.initDurationMs(), report.text());
        assertTrue(report.billedDurationMs() >= report.billedRestoreDurationMs(), "the restore is billed inside Billed Duration");

        InvokeResponse warm = client.invoke(r -> r.functionName("SnapStartFunction").qualifier("live")
                .logType(software.amazon.awssdk.services.lambda.model.LogType.TAIL));
        assertEquals("init,beforeCheckpoint,afterRestore", JSON.std.mapFrom(warm.payload().asByteArray()).get("events"));
        assertFalse(LocalLambdaClients.report(warm).cold(), "the restored environment serves on, warm");

        InvokeResponse latest = LocalLambdaClients.invoke(client, "SnapStartFunction", "{}");
        Map<String, Object> onDemand = JSON.std.mapFrom(latest.payload().asByteArray());
        assertEquals("init", onDemand.get("events"), "no hooks run outside SnapStart");
        assertEquals("on-demand", onDemand.get("initializationType"));
        assertTrue(LocalLambdaClients.report(latest).initDurationMs() > 0);
    }

    @Test
    void aThrowingBeforeCheckpointHookFailsTheInvokeWithTheHooksError() throws IOException {
        InvokeResponse response = client.invoke(r -> r.functionName("FailingSnapStartFunction").qualifier("live"));
        assertEquals("Unhandled", response.functionError());
        Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
        // What the real runtime client reports when a before-checkpoint hook throws.
        assertEquals("com.amazonaws.services.lambda.crac.CheckpointException", error.get("errorType"), error.toString());
    }

    /**
     * Provisioned concurrency on the alias: its environments initialise ahead with the memory share (no burst)
     * and serve the alias's invokes with no Init Duration; a third concurrent invoke is an on-demand cold start.
     */
    @Test
    void provisionedEnvironmentsServeTheAliasAndTheOverflowStartsOnDemand() throws Exception {
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        var config = client.getProvisionedConcurrencyConfig(r -> r.functionName("ProvisionedFunction").qualifier("live"));
        while (!"READY".equals(config.statusAsString()) && System.nanoTime() < giveUp) {
            Thread.sleep(200);
            config = client.getProvisionedConcurrencyConfig(r -> r.functionName("ProvisionedFunction").qualifier("live"));
        }
        assertEquals("READY", config.statusAsString());
        assertEquals(2, config.allocatedProvisionedConcurrentExecutions());

        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<InvokeResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callers.submit(() -> client.invoke(r -> r.functionName("ProvisionedFunction").qualifier("live")
                        .logType(software.amazon.awssdk.services.lambda.model.LogType.TAIL)
                        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("3000")))));
            }
            java.util.List<String> kinds = new java.util.ArrayList<>();
            for (var call : calls) {
                InvokeResponse response = call.get();
                Map<String, Object> seen = JSON.std.mapFrom(response.payload().asByteArray());
                ReportLine report = LocalLambdaClients.report(response);
                kinds.add(seen.get("initializationType") + (report.cold() ? " cold" : " ready"));
                if ("provisioned-concurrency".equals(seen.get("initializationType"))) {
                    assertNull(seen.get("tieredStopAtLevel"), "no C1-only default outside on-demand starts");
                }
                if ("provisioned-concurrency".equals(seen.get("initializationType")) && lambda.throttled()) {
                    assertEquals(seen.get("cpuLimit"), seen.get("initCpuLimit"), "a provisioned init gets the memory share, no burst");
                }
            }
            java.util.Collections.sort(kinds);
            assertEquals(java.util.List.of("on-demand cold", "provisioned-concurrency ready", "provisioned-concurrency ready"), kinds);
        } finally {
            callers.shutdownNow();
        }
    }

    /** The per-function bound counts environments that can serve at once: idle ones of older versions make room. */
    @Test
    void idleEnvironmentsOfOtherVersionsMakeRoomAtTheBound() throws IOException {
        try (LocalLambda bounded = LocalLambda.start(LocalLambda.options(TestArtifacts.FAULTS_TEMPLATE, TestArtifacts.faultsBuild())
                .withPort(0).withLogSink(LocalLambdaClients.QUIET).withMaxEnvironmentsPerFunction(2)
                .withQueueTimeout(java.time.Duration.ofSeconds(20)).withOnlyFunctions(java.util.Set.of("SleepingFunction")));
             LambdaClient local = LocalLambdaClients.create(bounded.endpoint())) {
            for (int i = 0; i < 4; i++) {
                String description = "version " + i;
                local.updateFunctionConfiguration(r -> r.functionName("SleepingFunction").description(description));
                String version = local.publishVersion(r -> r.functionName("SleepingFunction")).version();
                InvokeResponse response = local.invoke(r -> r.functionName("SleepingFunction").qualifier(version)
                        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("1")));
                assertNull(response.functionError(), response.payload().asUtf8String());
            }
            assertTrue(bounded.liveEnvironments() <= 2, "never more than the bound: " + bounded.liveEnvironments());
        }
    }
}
