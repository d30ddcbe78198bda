package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.tuner.search.SizeEstimate;
import dev.coldbrew.tuner.search.TrimmedMeanInterval;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.runtime.testing.LambdaArtifacts;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The tuner against the embedded emulator: real function JVMs under cgroup CPU limits, real REPORT lines,
 * the real SDK client. Every test checks that the function is left exactly as it was found.
 */
class LocalTuningTest {
    static final Path TEMPLATE = ProjectRoot.find().resolve("template.yaml");
    static Path BUILD;
    static EmbeddedLocal local;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        BUILD = LambdaArtifacts.layOut(Path.of("target/test-lambda").toAbsolutePath(), ProjectRoot.find());
        local = EmbeddedLocal.start(TEMPLATE, BUILD, Map.of());
        lambda = LambdaClients.local(local.endpoint());
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (local != null) {
            local.close();
        }
    }

    /** What the tuner must leave as it found it. */
    record Snapshot(int memory, int timeout, Map<String, String> environment, Set<String> versions, Set<String> aliases) {
        static Snapshot of(String function) {
            GetFunctionConfigurationResponse c = lambda.getFunctionConfiguration(r -> r.functionName(function));
            Set<String> versions = new TreeSet<>();
            lambda.listVersionsByFunctionPaginator(r -> r.functionName(function)).versions()
                    .forEach(v -> versions.add(v.version()));
            Set<String> aliases = new TreeSet<>();
            lambda.listAliasesPaginator(r -> r.functionName(function)).aliases()
                    .forEach(a -> aliases.add(a.name() + "->" + a.functionVersion()));
            return new Snapshot(c.memorySize(), c.timeout(),
                    c.environment() == null ? Map.of() : Map.copyOf(c.environment().variables()), versions, aliases);
        }
    }

    private static TuningPlan plan(List<Integer> powers, int num, Strategy strategy) {
        return TuningPlan.builder().powers(powers).num(num).strategy(strategy).build();
    }

    private static FunctionTarget target(String id, String event, int num) {
        return new FunctionTarget(id, id, id, Payloads.expand(event, num));
    }

    private static FunctionReport tune(FunctionTarget target, TuningPlan plan) {
        return new Tuner(lambda, plan, null, null, 1, Progress.Style.NONE, null).run(List.of(target)).get(0);
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--endpoint", local.endpoint().toString(), "--template", TEMPLATE.toString(),
                "--build-dir", BUILD.toString(), "--no-progress"));
        return TuneCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), argv.toArray(String[]::new));
    }

    @Test
    void strategiesPickRightOnKnownWorkloads() {
        assumeTrue(local.throttled(), "CPU shape needs cgroup limits: " + local.limits());
        Snapshot noOpBefore = Snapshot.of("NoOpFunction");
        Snapshot cpuBefore = Snapshot.of("CpuBoundFunction");

        // No work to speed up: the smallest memory is the cheapest. Ten calls, so the 20 % trim drops both the
        // cold start and the first warm call's one-off class loading, which at 128 MB's CPU share can take
        // tens of milliseconds and is noise, not the workload.
        FunctionReport noOp = tune(target("NoOpFunction", "{\"label\":\"t\"}", 10), plan(List.of(128, 1024, 3008), 10, new Strategy.Cost()));
        assertEquals(128, noOp.winner(new Strategy.Cost()).orElseThrow().power(), noOp.results().toString());

        // Single-threaded CPU work: several times faster up to one vCPU (1769 MB); beyond it no faster for the
        // handler thread (the JIT may use the spare CPU early on), so the extra memory mostly costs money.
        FunctionReport cpu = tune(target("CpuBoundFunction", "{\"rounds\":15000,\"threads\":1}", 8),
                plan(List.of(256, 1024, 1769, 3008), 8, new Strategy.Speed()));
        Map<Integer, PowerResult> byPower = new HashMap<>();
        cpu.results().forEach(r -> byPower.put(r.power(), r));
        assertTrue(cpu.results().stream().noneMatch(PowerResult::failed), cpu.results().toString());
        PowerResult fastest = cpu.winner(new Strategy.Speed()).orElseThrow();
        assertTrue(fastest.power() >= 1769, "speed: " + fastest);
        assertTrue(byPower.get(256).duration() > 3 * fastest.duration(), "256 MB is several times slower: " + byPower);
        assertTrue(cpu.winner(new Strategy.Cost()).orElseThrow().power() < 3008, "cost: " + byPower);
        assertTrue(byPower.get(3008).cost() > byPower.get(1024).cost() * 1.3, "3008 MB costs more than 1024 MB: " + byPower);
        // Balanced: an even weight never takes the several-times-slower size; leaning to cost avoids the
        // dearest size, leaning to speed takes one of the fast ones.
        assertTrue(cpu.winner(new Strategy.Balanced(0.5)).orElseThrow().power() > 256, "balanced 0.5: " + byPower);
        assertTrue(cpu.winner(new Strategy.Balanced(0.9)).orElseThrow().power() < 3008, "balanced 0.9: " + byPower);
        assertTrue(cpu.winner(new Strategy.Balanced(0.1)).orElseThrow().power() >= 1024, "balanced 0.1: " + byPower);

        assertEquals(noOpBefore, Snapshot.of("NoOpFunction"));
        assertEquals(cpuBefore, Snapshot.of("CpuBoundFunction"));
    }

    @Test
    void functionErrorIsReportedAndEverythingRestored(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("CpuBoundFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "CpuBoundFunction", "--payload", "{\"rounds\":-1}",
                "--power", "256,512", "--num", "2", "--output-dir", out.toString());
        assertEquals(1, code, stderr.toString());
        assertTrue(stdout.toString().contains("InvalidEventException: Invalid event for Request: rounds must be between"), stdout.toString());
        Map<String, Object> fn = firstFunction(out);
        List<?> stats = (List<?>) fn.get("stats");
        assertEquals(2, stats.size());
        assertTrue(stats.stream().allMatch(s -> String.valueOf(((Map<?, ?>) s).get("failure")).contains("rounds must be")), stats.toString());
        assertFalse(fn.containsKey("power"), "no winner when every value failed");
        assertEquals(before, Snapshot.of("CpuBoundFunction"));
    }

    @Test
    void timeoutAtLowMemorySkipsThatValueAndRestores() {
        assumeTrue(local.throttled(), "a timeout at low memory needs cgroup limits: " + local.limits());
        lambda.updateFunctionConfiguration(r -> r.functionName("CpuBoundFunction").timeout(2));
        try {
            Snapshot before = Snapshot.of("CpuBoundFunction");
            // ~0.3 s at one vCPU: about 4 s at 128 MB (over the 2 s timeout), well within it at 1769 MB.
            FunctionReport r = tune(target("CpuBoundFunction", "{\"rounds\":60000,\"threads\":1}", 2),
                    plan(List.of(128, 1769), 2, new Strategy.Cost()));
            PowerResult low = r.results().get(0), high = r.results().get(1);
            assertTrue(low.failed(), r.results().toString());
            assertTrue(low.failure().toLowerCase().contains("timed out"), low.failure());
            assertFalse(high.failed(), high.toString());
            assertEquals(1769, r.winner(new Strategy.Cost()).orElseThrow().power());
            assertEquals(before, Snapshot.of("CpuBoundFunction"));
        } finally {
            lambda.updateFunctionConfiguration(r -> r.functionName("CpuBoundFunction").timeout(60));
        }
    }

    @Test
    void sigintMidRunRestoresEverything(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("NoOpFunction");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TuneCommand.class.getName(), "--endpoint", local.endpoint().toString(),
                "--template", TEMPLATE.toString(), "--build-dir", BUILD.toString(), "--no-progress",
                "--function", "NoOpFunction", "--power", "512,1024,2048", "--num", "500",
                "--sleep-between-runs", "20", "--output-dir", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction")).memorySize() != 512
                    || lambda.listAliases(r -> r.functionName("NoOpFunction")).aliases().stream()
                    .noneMatch(a -> a.name().startsWith(TuningSession.ALIAS_PREFIX))) {
                assertTrue(System.nanoTime() < deadline, "the tuner never got going: " + Files.readString(out.resolve("child.log")));
                Thread.sleep(200);
            }
            Thread.sleep(1500); // mid-run: invoking the alias
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "tuner did not stop after SIGINT");
            assertEquals(130, child.exitValue(), Files.readString(out.resolve("child.log")));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    @Test
    void sigintStopsTheEmbeddedEmulatorAndEveryProcessItStarted(@TempDir Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TuneCommand.class.getName(), "--template", TEMPLATE.toString(), "--build-dir", BUILD.toString(),
                "--no-progress", "--function", "NoOpFunction", "--power", "512", "--num", "100000",
                "--sleep-between-runs", "20", "--output-dir", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("child.log").toFile()).start();
        try {
            // DynamoDB Local plus at least one execution environment: the run is under way.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (child.descendants().count() < 2) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, Files.readString(out.resolve("child.log")));
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            List<ProcessHandle> started = child.descendants().toList();
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "tuner did not stop after SIGINT");
            assertEquals(130, child.exitValue(), Files.readString(out.resolve("child.log")));
            for (ProcessHandle p : started) {
                p.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(p.isAlive(), "left running: " + p.info().commandLine().orElse(Long.toString(p.pid())));
            }
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    @Test
    void reportsContainWhatTheyClaim(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("NoOpFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "NoOpFunction", "--power", "256,1024", "--num", "3",
                "--strategy", "cost", "--output-dir", out.toString());
        assertEquals(0, code, stderr.toString());
        assertTrue(stdout.toString().contains("NoOpFunction"), stdout.toString());
        assertTrue(stdout.toString().contains("  cold starts: " + ColdStartKind.ON_DEMAND.describe())
                || stdout.toString().contains("  cold starts: " + ColdStartKind.SNAPSTART.describe()), stdout.toString());

        Map<String, Object> fn = firstFunction(out);
        assertEquals("NoOpFunction", fn.get("function"));
        List<Map<String, Object>> stats = new ArrayList<>();
        for (Object s : (List<?>) fn.get("stats")) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) s;
            stats.add(m);
        }
        assertEquals(List.of(256, 1024), stats.stream().map(s -> ((Number) s.get("power")).intValue()).toList());
        for (Map<String, Object> s : stats) {
            assertFalse(s.containsKey("failure"), stats.toString());
            assertFalse(s.containsKey("averagePrice") || s.containsKey("value"), "Power Tuning's names only with --include-output-results");
            assertEquals(3, ((Number) s.get("invocations")).intValue());
            assertTrue(((Number) s.get("duration")).doubleValue() > 0);
            assertTrue(((Number) s.get("cost")).doubleValue() > 0);
            for (String key : List.of("p50", "p90", "p99", "warm", "cold", "maxMemoryUsed", "costPerMillion", "billedDuration")) {
                assertTrue(s.containsKey(key), key);
            }
            Map<?, ?> cold = (Map<?, ?>) s.get("cold");
            assertEquals(1, ((Number) cold.get("count")).intValue(), "the first call on a new version: " + cold);
            for (String key : List.of("kind", "initOrRestoreP50", "initOrRestoreP90", "firstInvokeP50", "coldStartP50")) {
                assertTrue(cold.containsKey(key), key);
            }
        }
        // The winner fields are the cheapest value's own figures.
        Map<String, Object> cheapest = stats.stream()
                .min((a, b) -> Double.compare(((Number) a.get("cost")).doubleValue(), ((Number) b.get("cost")).doubleValue()))
                .orElseThrow();
        assertEquals(cheapest.get("power"), fn.get("power"));
        assertEquals(((Number) cheapest.get("cost")).doubleValue(), ((Number) fn.get("cost")).doubleValue());
        assertEquals(((Number) cheapest.get("duration")).doubleValue(), ((Number) fn.get("duration")).doubleValue());
        assertEquals(Set.of("cost", "speed", "balanced"), ((Map<?, ?>) fn.get("winners")).keySet());

        String url = (String) fn.get("visualization");
        assertTrue(url.startsWith(Visualization.BASE_URL + "#"), url);
        ByteBuffer powers = ByteBuffer.wrap(Base64.getDecoder().decode(url.substring(url.indexOf('#') + 1).split(";")[0]))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(256, powers.getShort());
        assertEquals(1024, powers.getShort());

        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h2 id=\"NoOpFunction\">"));
        assertEquals(3, html.split("<svg ", -1).length - 1, "a duration chart, a cost chart and a cold-start chart");
        assertTrue(html.contains(">256</td>") && html.contains(">1024</td>"));
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\""), "self-contained");
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    @Test
    void parallelInvocationsEachGetAnEnvironment() {
        Snapshot before = Snapshot.of("NoOpFunction");
        TuningPlan parallel = TuningPlan.builder().powers(List.of(1024)).num(3).parallel(true).strategy(new Strategy.Cost()).build();
        FunctionReport r = tune(target("NoOpFunction", "{\"label\":\"p\"}", 3), parallel);
        PowerResult only = r.results().get(0);
        assertFalse(only.failed(), only.toString());
        assertEquals(3, only.invocations());
        assertEquals(3, only.coldCount(), "three calls at once on a new version: three cold environments");
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    @Test
    void onlyColdStartsMakesEveryCallCold() {
        Snapshot before = Snapshot.of("NoOpFunction");
        TuningPlan cold = TuningPlan.builder().powers(List.of(1024)).num(3).onlyColdStarts(true).strategy(new Strategy.Cost()).build();
        PowerResult only = tune(target("NoOpFunction", "{\"label\":\"c\"}", 3), cold).results().get(0);
        assertFalse(only.failed(), only.toString());
        assertEquals(3, only.coldCount(), only.toString());
        assertEquals(0, only.warmCount());
        assertTrue(only.duration() >= only.initDuration(), "the cold start is in the measured duration: " + only);
        // On-demand, or SnapStart where the emulator restores published versions; one kind either way.
        assertTrue(only.coldStartKind() == ColdStartKind.ON_DEMAND || only.coldStartKind() == ColdStartKind.SNAPSTART,
                only.toString());
        assertTrue(only.coldStartP50() >= only.firstInvokeP50() && only.firstInvokeP50() > 0, only.toString());
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    @Test
    void applyWritesOnlyTheWinnersMemorySize(@TempDir Path dir) throws Exception {
        Path copy = Files.copy(TEMPLATE, dir.resolve("template.yaml"));
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = TuneCommand.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "--endpoint", local.endpoint().toString(), "--template", copy.toString(), "--build-dir", BUILD.toString(),
                "--no-progress", "--function", "NoOpFunction", "--power", "128,2048", "--num", "2",
                "--strategy", "cost", "--apply", "--output-dir", dir.resolve("out").toString());
        assertEquals(0, code, stderr.toString());
        int winner = ((Number) firstFunction(dir.resolve("out")).get("power")).intValue();
        List<String> before = Files.readAllLines(TEMPLATE), after = Files.readAllLines(copy);
        assertEquals(before.size(), after.size());
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed.add(before.get(i).strip() + " -> " + after.get(i).strip());
            }
        }
        int applied = SamTemplate.load(copy, BUILD, Map.of("DownstreamUrl", "http://127.0.0.1:9"), new Arns("us-east-1", Arns.LOCAL_ACCOUNT))
                .functions().stream().filter(f -> f.configuration().logicalId().equals("NoOpFunction")).findFirst().orElseThrow()
                .configuration().memorySize();
        assertEquals(winner, applied);
        assertTrue(changed.size() == 1 && changed.stream().allMatch(c -> c.equals("MemorySize: 512 -> MemorySize: " + winner)), changed.toString());
        assertTrue(stdout.toString().contains("Applied: NoOpFunction MemorySize " + winner), stdout.toString());
    }

    @Test
    void autoOptimizeMovesTheAliasToANewVersionWithTheWinningMemory() {
        int original = lambda.getFunctionConfiguration(r -> r.functionName("CpuBoundFunction")).memorySize();
        try {
            String version = AutoOptimizer.apply(lambda, "CpuBoundFunction", 1536, "live");
            GetAliasResponse live = lambda.getAlias(r -> r.functionName("CpuBoundFunction").name("live"));
            assertEquals(version, live.functionVersion());
            assertEquals(1536, lambda.getFunctionConfiguration(r -> r.functionName("CpuBoundFunction").qualifier("live")).memorySize());
            assertEquals(1536, lambda.getFunctionConfiguration(r -> r.functionName("CpuBoundFunction")).memorySize());
        } finally {
            lambda.updateFunctionConfiguration(r -> r.functionName("CpuBoundFunction").memorySize(original));
        }
    }

    @Test
    void unknownFunctionIsBadInputAndTouchesNothing() {
        Snapshot before = Snapshot.of("NoOpFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        assertEquals(2, cli(stdout, stderr, "--function", "NoOp"));
        assertTrue(stderr.toString().contains("Unknown function 'NoOp'"), stderr.toString());
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    /**
     * The advice against the emulator: three real on-demand cold starts on $LATEST (the no-op has SnapStart, which
     * never applies to $LATEST) and warm calls at the configured memory, then a simulated sparse day; the function is
     * left as it was, and report.json holds the advice with SnapStart's figures marked as estimates.
     */
    @Test
    @SuppressWarnings("unchecked")
    void adviseMeasuresOnDemandColdStartsAndLeavesTheFunctionAsItWas(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("NoOpFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "NoOpFunction", "--power", "512", "--num", "2",
                "--advise", "--traffic", "steady=4/h", "--p99-slo", "100", "--output-dir", out.toString());
        assertEquals(0, code, stderr.toString());
        assertEquals(before, Snapshot.of("NoOpFunction"));
        assertTrue(stdout.toString().contains("NoOpFunction at " + before.memory() + " MB, traffic steady 4/h"), stdout.toString());

        Map<String, Object> report = JSON.std.mapFrom(Files.readString(out.resolve("report.json")));
        Map<String, Object> advice = (Map<String, Object>) ((List<?>) report.get("advice")).get(0);
        Map<String, Object> figures = (Map<String, Object>) advice.get("figures");
        double init = ((Number) figures.get("initMs")).doubleValue();
        assertTrue(init > 20, "an on-demand INIT was measured, not a restore: " + figures);
        assertEquals(true, figures.get("snapStartRestoreEstimated"));
        // The no-op has SnapStart in the template: the first invoke after a restore was measured by the tuning run.
        assertEquals(false, figures.get("snapStartFirstInvokeEstimated"));
        List<Map<String, Object>> strategies = (List<Map<String, Object>>) advice.get("strategies");
        assertEquals(List.of("on-demand", "SnapStart", "provisioned 1"),
                strategies.stream().map(m -> (String) m.get("strategy")).toList().subList(0, 3));
        // A few calls an hour: every on-demand call waits for its INIT, so only provisioned concurrency meets 100 ms.
        assertTrue(((Number) strategies.get(0).get("p99Ms")).doubleValue() > 100, strategies.toString());
        assertEquals(true, advice.get("sloMet"));
        assertTrue(((String) advice.get("recommended")).startsWith("provisioned"), advice.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("Cold-start strategy advice"));
    }

    // Power Tuning parity: allowedExceptions, qualified functions, pre/post processors, disablePayloadLogs,
    // includeOutputResults.

    /** CpuBound rejects a negative round count with an InvalidEventException, after which Lambda still writes REPORT. */
    @Test
    void anAllowedErrorTypeIsMeasuredAndAnyOtherStillFailsTheValue() {
        Snapshot before = Snapshot.of("CpuBoundFunction");
        FunctionTarget invalid = target("CpuBoundFunction", "{\"rounds\":-1}", 3);
        TuningPlan.Builder plan = TuningPlan.builder().powers(List.of(512)).num(3).strategy(new Strategy.Cost());

        PowerResult allowed = tune(invalid, plan.allowedExceptions(List.of("InvalidEventException")).build()).results().get(0);
        assertFalse(allowed.failed(), allowed.toString());
        assertEquals(3, allowed.invocations());
        assertEquals(3, allowed.allowedErrors());
        assertEquals(0, allowed.errors());
        assertTrue(allowed.duration() > 0 && allowed.cost() > 0, "the REPORT figures count: " + allowed);

        PowerResult other = tune(invalid, plan.allowedExceptions(List.of("NotFoundException")).build()).results().get(0);
        assertTrue(other.failed(), other.toString());
        assertEquals(1, other.invocations(), "the value stops at its first failing call, as without the option");
        assertTrue(other.failure().contains("InvalidEventException"), other.failure());

        PowerResult none = tune(invalid, plan.allowedExceptions(List.of()).build()).results().get(0);
        assertTrue(none.failed() && none.failure().contains("rounds must be"), none.toString());
        assertEquals(before, Snapshot.of("CpuBoundFunction"));
    }

    /** The options on the command line, and Power Tuning's stats names in report.json with --include-output-results. */
    @Test
    @SuppressWarnings("unchecked")
    void allowedExceptionsAndOutputResultsFromTheCommandLine(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("CpuBoundFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "CpuBoundFunction", "--payload", "{\"rounds\":-1}", "--power", "256,512",
                "--num", "2", "--allowed-exceptions", "NotFoundException,InvalidEventException", "--include-output-results",
                "--output-dir", out.toString());
        assertEquals(0, code, stderr.toString());
        assertTrue(stdout.toString().contains("  allowed errors, measured: 256 MB 2, 512 MB 2"), stdout.toString());
        Map<String, Object> report = JSON.std.mapFrom(Files.readString(out.resolve("report.json")));
        assertEquals(List.of("NotFoundException", "InvalidEventException"), report.get("allowedExceptions"));
        assertEquals(true, report.get("includeOutputResults"));
        for (Object entry : (List<?>) firstFunction(out).get("stats")) {
            Map<String, Object> s = (Map<String, Object>) entry;
            assertEquals(2, ((Number) s.get("allowedErrors")).intValue(), s.toString());
            assertEquals(s.get("power"), s.get("value"));
            assertEquals(((Number) s.get("cost")).doubleValue(), ((Number) s.get("averagePrice")).doubleValue());
            assertEquals(((Number) s.get("duration")).doubleValue(), ((Number) s.get("averageDuration")).doubleValue(), 0.01);
        }
        assertEquals(before, Snapshot.of("CpuBoundFunction"));
    }

    /**
     * An alias is tuned for what it runs: $LATEST's code (the same), measured on the tuner's own versions, reported
     * against the alias's version and memory; $LATEST gets its own memory back.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aQualifiedFunctionIsReportedAgainstTheVersionItNames(@TempDir Path out) throws Exception {
        GetFunctionConfigurationResponse live = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction").qualifier("live"));
        int latestMemory = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction")).memorySize();
        lambda.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(live.memorySize() + 128));
        try {
            Snapshot before = Snapshot.of("NoOpFunction");
            StringWriter stdout = new StringWriter(), stderr = new StringWriter();
            int code = cli(stdout, stderr, "--function", "NoOpFunction:live", "--power", "256,1024", "--num", "2",
                    "--payload", "{\"label\":\"q\"}", "--output-dir", out.toString());
            assertEquals(0, code, stderr.toString());
            assertTrue(stdout.toString().contains("NoOpFunction:live (") && stdout.toString().contains("configured " + live.memorySize() + " MB"),
                    stdout.toString());
            Map<String, Object> fn = firstFunction(out);
            assertEquals("NoOpFunction:live", fn.get("function"));
            assertEquals("NoOpFunction", fn.get("functionName"));
            assertEquals("live", fn.get("qualifier"));
            assertEquals(live.version(), fn.get("version"));
            assertEquals(live.memorySize(), ((Number) fn.get("originalMemory")).intValue());
            assertEquals(2, ((List<?>) fn.get("stats")).stream().filter(s -> !((Map<String, Object>) s).containsKey("failure")).count());
            assertEquals(before, Snapshot.of("NoOpFunction"), "$LATEST keeps its own memory, the alias its version");
        } finally {
            lambda.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(latestMemory));
        }
    }

    /** A qualifier whose version runs with other settings than $LATEST would tune other code: refused, nothing touched. */
    @Test
    void aQualifierThatIsNotLatestApartFromMemoryIsRefused() {
        GetFunctionConfigurationResponse latest = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction"));
        Map<String, String> environment = latest.environment() == null ? Map.of() : latest.environment().variables();
        Map<String, String> changed = new HashMap<>(environment);
        changed.put("FEATURE_FLAG", "secret-value");
        lambda.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").environment(e -> e.variables(changed)));
        try {
            Snapshot before = Snapshot.of("NoOpFunction");
            StringWriter stdout = new StringWriter(), stderr = new StringWriter();
            assertEquals(2, cli(stdout, stderr, "--function", "NoOpFunction:live", "--power", "256", "--num", "1"));
            String version = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction").qualifier("live")).version();
            assertTrue(stderr.toString().contains("NoOpFunction:live runs version " + version + ", whose Environment differs from $LATEST's")
                    && stderr.toString().contains("drop ':live'"), stderr.toString());
            assertFalse(stderr.toString().contains("secret-value"), "variable values are never shown: " + stderr);
            assertEquals(before, Snapshot.of("NoOpFunction"));
        } finally {
            lambda.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").environment(e -> e.variables(environment)));
        }
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        assertEquals(2, cli(stdout, stderr, "--function", "NoOpFunction:nope"));
        assertTrue(stderr.toString().contains("No alias nope of NoOpFunction"), stderr.toString());
        stderr = new StringWriter();
        assertEquals(2, cli(stdout, stderr, "--function", "NoOpFunction:999"));
        assertTrue(stderr.toString().contains("No version 999 of NoOpFunction"), stderr.toString());
    }

    /** --auto-optimize moves the alias a function was named with, not --alias's default. */
    @Test
    void autoOptimizeMovesTheAliasTheFunctionWasNamedWith() {
        GetFunctionConfigurationResponse live = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction").qualifier("live"));
        int latestMemory = lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction")).memorySize();
        lambda.createAlias(r -> r.functionName("NoOpFunction").name("blue").functionVersion(live.version()));
        String moved = null;
        try {
            FunctionTarget blue = new FunctionTarget("NoOpFunction:blue", "NoOpFunction", "NoOpFunction", List.of(),
                    new FunctionTarget.Qualifier("blue", live.version(), live.memorySize()));
            PowerResult winner = PowerResult.builder(1024).invocations(2).duration(5).cost(1e-8)
                    .interval(new SizeEstimate(1024, new TrimmedMeanInterval(5, 5, 5, 2), new TrimmedMeanInterval(1e-8, 1e-8, 1e-8, 2)))
                    .build();
            FunctionReport report = new FunctionReport(blue, Pricing.of(Pricing.Architecture.X86_64, null), live.memorySize(),
                    List.of(winner), null, List.of());
            StringWriter stdout = new StringWriter();
            new Winners(List.of(report), new Strategy.Cost(), new PrintWriter(stdout, true), new PrintWriter(new StringWriter(), true))
                    .deploy(lambda, new OutputOptions()::alias);
            moved = lambda.getAlias(r -> r.functionName("NoOpFunction").name("blue")).functionVersion();
            String version = moved;
            assertEquals(1024, lambda.getFunctionConfiguration(r -> r.functionName("NoOpFunction").qualifier(version)).memorySize());
            assertEquals(live.version(), lambda.getAlias(r -> r.functionName("NoOpFunction").name("live")).functionVersion(), "live untouched");
            assertTrue(stdout.toString().contains("alias blue -> version " + moved), stdout.toString());
        } finally {
            lambda.deleteAlias(r -> r.functionName("NoOpFunction").name("blue"));
            if (moved != null && !moved.equals(live.version())) {
                String version = moved;
                lambda.deleteFunction(r -> r.functionName("NoOpFunction").qualifier(version));
            }
            lambda.updateFunctionConfiguration(r -> r.functionName("NoOpFunction").memorySize(latestMemory));
        }
    }

    /** One Invoke through the emulator as the tuner made it, and what came back. */
    record Recorded(String function, String qualifier, String payload, String output) {
    }

    /** The emulator's client, recording every Invoke; every other call passes through. */
    private static LambdaClient recording(List<Recorded> invokes) {
        return (LambdaClient) Proxy.newProxyInstance(LambdaClient.class.getClassLoader(), new Class<?>[] {LambdaClient.class},
                (proxy, method, args) -> {
                    if (method.isDefault() && args != null && args.length == 1 && args[0] instanceof Consumer<?>) {
                        // invoke(Consumer) builds the request and calls invoke(InvokeRequest) on the proxy.
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    Object result;
                    try {
                        result = method.invoke(lambda, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof InvokeResponse response && args[0] instanceof InvokeRequest request) {
                        invokes.add(new Recorded(request.functionName(), request.qualifier(), request.payload().asUtf8String(),
                                response.payload() == null ? "" : response.payload().asUtf8String()));
                    }
                    return result;
                });
    }

    private static FunctionReport tune(LambdaClient client, FunctionTarget target, TuningPlan plan) {
        return new Tuner(client, plan, null, null, 1, Progress.Style.NONE, null).run(List.of(target)).get(0);
    }

    /**
     * The pre-invoke function gets each event and its output is what the measured call gets. The reference functions
     * reject any field they do not know, so the no-op rejects CpuBound's output; allowing that error lets the value
     * count, and shows the processors stay out of the figures: two measured calls, not four.
     */
    @Test
    void preInvokeOutputReplacesThePayloadAndIsNotMeasured() {
        Snapshot noOp = Snapshot.of("NoOpFunction"), cpu = Snapshot.of("CpuBoundFunction");
        List<Recorded> invokes = Collections.synchronizedList(new ArrayList<>());
        TuningPlan plan = TuningPlan.builder().powers(List.of(512)).num(2).strategy(new Strategy.Cost())
                .preInvoke("CpuBoundFunction").allowedExceptions(List.of("InvalidEventException")).build();
        PowerResult r = tune(recording(invokes), target("NoOpFunction", "{\"rounds\":1}", 2), plan).results().get(0);
        assertFalse(r.failed(), r.toString());
        assertEquals(2, r.invocations());
        assertEquals(4, invokes.size(), invokes.toString());
        for (int i = 0; i < 4; i += 2) {
            Recorded pre = invokes.get(i), measured = invokes.get(i + 1);
            assertEquals("CpuBoundFunction", pre.function());
            assertEquals(null, pre.qualifier(), "a processor is called as named ($LATEST)");
            assertEquals("{\"rounds\":1}", pre.payload());
            assertTrue(pre.output().contains("\"checksum\""), pre.output());
            assertEquals("NoOpFunction", measured.function());
            assertEquals(TuningSession.ALIAS_PREFIX + "512", measured.qualifier());
            assertEquals(pre.output(), measured.payload(), "the pre-invoke output replaced the event");
        }
        assertEquals(noOp, Snapshot.of("NoOpFunction"));
        assertEquals(cpu, Snapshot.of("CpuBoundFunction"), "a processor is never changed");
    }

    /** The post-invoke function gets the measured call's output; when it fails, that value fails and the run goes on. */
    @Test
    void postInvokeGetsTheOutputAndItsFailureFailsOnlyThatValue() {
        Snapshot noOp = Snapshot.of("NoOpFunction"), cpu = Snapshot.of("CpuBoundFunction");
        List<Recorded> invokes = Collections.synchronizedList(new ArrayList<>());
        TuningPlan plan = TuningPlan.builder().powers(List.of(256, 512)).num(2).strategy(new Strategy.Cost())
                .postInvoke("CpuBoundFunction").build();
        FunctionReport report = tune(recording(invokes), target("NoOpFunction", "{\"label\":\"post\"}", 2), plan);
        assertEquals(null, report.failure(), "a processor failure never aborts the run");
        assertEquals(List.of(256, 512), report.results().stream().map(PowerResult::power).toList());
        for (PowerResult r : report.results()) {
            assertTrue(r.failed() && r.failure().startsWith("post-invoke CpuBoundFunction failed: ")
                    && r.failure().contains("InvalidEventException"), r.toString());
        }
        assertEquals(4, invokes.size(), "each value stops at its first failure: " + invokes);
        Recorded measured = invokes.get(0), post = invokes.get(1);
        assertEquals("NoOpFunction", measured.function());
        assertEquals("{\"label\":\"post\"}", measured.payload());
        assertEquals("CpuBoundFunction", post.function());
        assertEquals(measured.output(), post.payload(), "the post-invoke function got the measured call's output");
        assertTrue(post.payload().contains("\"status\":\"ok\""), post.payload());
        assertEquals(noOp, Snapshot.of("NoOpFunction"));
        assertEquals(cpu, Snapshot.of("CpuBoundFunction"));
    }

    /** A failing pre-invoke function fails the value before the function is called. */
    @Test
    void preInvokeFailureFailsTheValueWithoutCallingTheFunction() {
        List<Recorded> invokes = Collections.synchronizedList(new ArrayList<>());
        TuningPlan plan = TuningPlan.builder().powers(List.of(512)).num(2).strategy(new Strategy.Cost())
                .preInvoke("CpuBoundFunction").build();
        PowerResult r = tune(recording(invokes), target("NoOpFunction", "{\"label\":\"pre\"}", 2), plan).results().get(0);
        assertTrue(r.failed() && r.failure().startsWith("pre-invoke CpuBoundFunction failed: ")
                && r.failure().contains("InvalidEventException"), r.toString());
        assertEquals(0, r.invocations());
        assertTrue(invokes.stream().noneMatch(i -> i.function().equals("NoOpFunction")), invokes.toString());
    }

    /** Processors are checked before anything changes: they must exist and must not be a $LATEST being tuned. */
    @Test
    void processorsAreCheckedFirst() {
        Snapshot before = Snapshot.of("NoOpFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        assertEquals(2, cli(stdout, stderr, "--function", "NoOpFunction", "--pre-invoke", "NoSuchProcessor"));
        assertTrue(stderr.toString().contains("--pre-invoke NoSuchProcessor: function not found."), stderr.toString());
        stderr = new StringWriter();
        assertEquals(2, cli(stdout, stderr, "--function", "NoOpFunction", "--post-invoke", "NoOpFunction"));
        assertTrue(stderr.toString().contains("--post-invoke NoOpFunction is being tuned"), stderr.toString());
        assertEquals(before, Snapshot.of("NoOpFunction"));
    }

    /**
     * DynamoDB-serial's validation error quotes the customerId it got: with --disable-payload-logs that message, and
     * so the payload, appears nowhere; also when the function quoting it is the pre-invoke one.
     */
    @Test
    void disablePayloadLogsKeepsThePayloadOutOfEveryOutput(@TempDir Path dir) throws Exception {
        String secret = "sk_live_SECRET";
        String payload = "{\"customerId\":\"" + secret + "!\"}";
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        assertEquals(1, cli(stdout, stderr, "--function", "DynamoDbSerialFunction", "--payload", payload, "--power", "512",
                "--num", "1", "--output-dir", dir.resolve("shown").toString()));
        assertTrue(stdout.toString().contains(secret), "without the option the function's message quotes it: " + stdout);

        for (List<String> args : List.of(List.of("--function", "DynamoDbSerialFunction"),
                List.of("--function", "NoOpFunction", "--pre-invoke", "DynamoDbSerialFunction"))) {
            Path out = dir.resolve("hidden" + args.size());
            stdout = new StringWriter();
            stderr = new StringWriter();
            List<String> argv = new ArrayList<>(args);
            argv.addAll(List.of("--payload", payload, "--power", "512", "--num", "1", "--disable-payload-logs",
                    "--output-dir", out.toString()));
            assertEquals(1, cli(stdout, stderr, argv.toArray(String[]::new)), stderr.toString());
            String all = stdout + "\n" + stderr + "\n" + Files.readString(out.resolve("report.json")) + "\n"
                    + Files.readString(out.resolve("report.html"));
            assertFalse(all.contains(secret), all);
            assertTrue(stdout.toString().contains("InvalidEventException (message withheld: --disable-payload-logs)"), stdout.toString());
        }
    }

    /**
     * The adaptive search on the emulator: it measures a few sizes of the range, not every grid point, every
     * strategy's winner says clear or tied, and the function is left as it was.
     */
    @Test
    void adaptiveSearchMeasuresFewSizesAndSaysHowSureItIs(@TempDir Path out) throws Exception {
        Snapshot before = Snapshot.of("NoOpFunction");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "NoOpFunction", "--search", "adaptive", "--power", "128-2048:128",
                "--step", "128", "--num", "5", "--strategy", "cost", "--output-dir", out.toString());
        assertEquals(0, code, stderr.toString());
        assertEquals(before, Snapshot.of("NoOpFunction"));
        Map<String, Object> fn = firstFunction(out);
        List<?> stats = (List<?>) fn.get("stats");
        assertTrue(stats.size() >= 2 && stats.size() < 16, "measured sizes of the 16-point grid: " + stats.size());
        for (Object s : stats) {
            int power = ((Number) ((Map<?, ?>) s).get("power")).intValue();
            assertTrue(power >= 128 && power <= 2048 && power % 128 == 0, "on the grid: " + power);
            assertTrue(((Map<?, ?>) s).containsKey("costInterval"), s.toString());
        }
        Map<?, ?> winners = (Map<?, ?>) fn.get("winners");
        for (String strategy : List.of("cost", "speed", "balanced")) {
            String verdict = (String) ((Map<?, ?>) winners.get(strategy)).get("verdict");
            assertTrue(verdict.equals("clear") || verdict.matches("tied with \\d+(, \\d+)* MB( \\(the (cheapest|fastest)\\))?"), strategy + ": " + verdict);
        }
        assertTrue(stdout.toString().lines().anyMatch(l -> l.contains("cost     ->") && (l.endsWith("clear") || l.contains("tied with"))),
                stdout.toString());
    }

    /** --num auto gives a size more calls only while it is still a contender. */
    @Test
    void numAutoAddsCallsOnlyToContenders(@TempDir Path out) throws Exception {
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = cli(stdout, stderr, "--function", "NoOpFunction", "--power", "128,3008", "--num", "auto",
                "--strategy", "cost", "--output-dir", out.toString());
        assertEquals(0, code, stderr.toString());
        List<?> stats = (List<?>) firstFunction(out).get("stats");
        // 3008 MB costs over 20 times 128 MB for the same few milliseconds: it is never a contender.
        Map<?, ?> large = (Map<?, ?>) stats.get(1);
        assertEquals(3008, ((Number) large.get("power")).intValue());
        assertEquals(TuningPlan.AUTO_INITIAL_CALLS, ((Number) large.get("invocations")).intValue());
        assertTrue(((String) ((Map<?, ?>) ((Map<?, ?>) firstFunction(out).get("winners")).get("cost")).get("verdict")).equals("clear"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstFunction(Path out) throws Exception {
        Map<String, Object> report = JSON.std.mapFrom(Files.readString(out.resolve("report.json")));
        return (Map<String, Object>) ((List<?>) report.get("functions")).get(0);
    }

    /** Output to a file or a CI log is not a terminal: a plain line per memory size, never a redrawn bar. */
    @Test
    void progressInALogIsALinePerMemorySize(@TempDir Path dir) {
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int code = TuneCommand.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "--endpoint", local.endpoint().toString(), "--template", TEMPLATE.toString(), "--build-dir", BUILD.toString(),
                "--function", "NoOpFunction", "--power", "256,1024", "--num", "2", "--output-dir", dir.toString());
        assertEquals(0, code, stderr.toString());
        assertFalse(stderr.toString().contains("\r"), "no carriage returns: " + stderr);
        List<String> progress = stderr.toString().lines().filter(line -> line.contains("NoOpFunction at ")).toList();
        assertEquals(List.of("[1/2", "[2/2"), progress.stream().map(line -> line.strip().substring(0, 4)).toList(), stderr.toString());
        assertTrue(progress.get(0).contains("NoOpFunction at 256 MB: 2 calls"), progress.toString());
        assertTrue(progress.get(1).contains("NoOpFunction at 1024 MB: 2 calls"), progress.toString());
    }
}
