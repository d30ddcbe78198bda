package dev.coldbrew.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.lambda.function.CpuModel;
import dev.coldbrew.lambda.report.ReportLine;
import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.services.LocalServices;
import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code make bench-local}: the emulator measured through its own Lambda API, in one run: warm round trip of
 * the no-op function, cold start of each reference function at 1769 MB, and the CPU-bound function's
 * duration at 512, 1769 and 3008 MB with the 512/1769 ratio Lambda's model predicts (1769/512 = 3.46).
 */
public final class LocalLambdaBenchmark {
    private static final int CPU_ROUNDS = 60_000;
    private static final int CPU_ENVIRONMENTS = 3;
    // Enough calls for C2 to finish with the handler (OSR, then the normal compile) before anything is measured.
    private static final int CPU_WARM_UPS = 10;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    /** The registry's functions (functions.mk): logical ID to module. */
    private final Map<String, Path> functions;

    private LocalLambdaBenchmark(URI endpoint, Map<String, Path> functions) {
        this.endpoint = endpoint;
        this.functions = functions;
    }

    /** One invoke as the client saw it, with the REPORT figures. */
    private record Sample(double roundTripMs, double durationMs, Double initMs, double restoreMs, boolean failed, String payload) {
    }

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> platformLog = Collections.synchronizedList(new ArrayList<>());
        LocalLambda.Options options = LocalLambda.options(root.resolve("template.yaml"), root.resolve("target/lambda"))
                .withPort(0).withLogSink(platformLog::add)
                // The benchmark sets provisioned concurrency itself; the template's would hold quota the
                // 3008 MB figure needs on a small host.
                .withTemplateProvisionedConcurrency(false);
        try (LocalServices services = LocalServices.start(options, null);
             LocalLambda lambda = LocalLambda.start(services.applyTo(options))) {
            System.out.println("Local Lambda benchmark (" + samples + " samples per figure), CPU limits: " + lambda.limits());
            lambda.jvms().forEach((function, jvm) -> System.out.println("  " + function + ": " + jvm));
            new LocalLambdaBenchmark(lambda.endpoint(), FunctionModules.of(root)).run(samples, lambda.throttled());
        }
    }

    private void run(int samples, boolean throttled) throws Exception {
        String mark = throttled ? "" : "  [unthrottled: CPU not limited by memory size]";

        invoke("NoOpFunction", "{}");
        List<Double> roundTrips = new ArrayList<>();
        for (int i = 0; i < 20 * samples; i++) {
            roundTrips.add(invoke("NoOpFunction", "{\"label\":\"warm\"}").roundTripMs());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Warm round trip, no-op (512 MB), %d invokes: p50 %.2f ms, p90 %.2f ms%s%n",
                roundTrips.size(), percentile(roundTrips, 50), percentile(roundTrips, 90), mark);

        System.out.println();
        System.out.println("Cold start at 1769 MB (median of " + samples + "; init = JVM start to first event, first = first invoke):");
        System.out.printf(Locale.ROOT, "  %-24s %12s %12s %14s%n", "function", "init ms", "first ms", "round trip ms");
        for (String function : functions.keySet()) {
            setMemory(function, 1769);
            String event = exemplar(function);
            List<Double> init = new ArrayList<>();
            List<Double> first = new ArrayList<>();
            List<Double> trip = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                forceCold(function, i);
                Sample cold = invoke(function, event);
                if (cold.failed() || cold.initMs() == null) {
                    throw new IllegalStateException(function + " cold invoke failed or was warm: " + cold.payload());
                }
                init.add(cold.initMs());
                first.add(cold.durationMs());
                trip.add(cold.roundTripMs());
            }
            System.out.printf(Locale.ROOT, "  %-24s %12.1f %12.1f %14.1f%s%n", function, median(init), median(first), median(trip), mark);
        }

        initAcrossMemory(samples, mark);
        snapStartAgainstPlainInit(samples, mark);
        provisionedInitAcrossMemory(mark);

        System.out.println();
        System.out.println("CPU-bound, " + CPU_ROUNDS + " rounds on one thread, warm (median of " + samples + " calls in each of "
                + CPU_ENVIRONMENTS + " fresh environments, after " + CPU_WARM_UPS + " warm-ups in each):");
        Map<Integer, Double> durations = new LinkedHashMap<>();
        for (int memory : List.of(512, 1769, 3008)) {
            setMemory("CpuBoundFunction", memory);
            String event = "{\"rounds\":" + CPU_ROUNDS + "}";
            List<Double> measured = new ArrayList<>();
            // C2 does not compile the loop identically in every JVM (runs of one environment can be 25 % apart
            // from another's), so the figure pools several environments rather than trusting one.
            for (int environment = 0; environment < CPU_ENVIRONMENTS; environment++) {
                forceCold("CpuBoundFunction", memory * 10 + environment);
                for (int i = 0; i < CPU_WARM_UPS; i++) {
                    invoke("CpuBoundFunction", event);
                }
                for (int i = 0; i < samples; i++) {
                    measured.add(invoke("CpuBoundFunction", event).durationMs());
                }
            }
            durations.put(memory, median(measured));
            System.out.printf(Locale.ROOT, "  %5d MB  %9.1f ms  (Lambda: %.2f vCPU)%s%n", memory, median(measured),
                    CpuModel.lambdaVcpus(memory), mark);
        }
        setMemory("CpuBoundFunction", 1769);
        double ratio = durations.get(512) / durations.get(1769);
        double model = CpuModel.lambdaVcpus(1769) / CpuModel.lambdaVcpus(512);
        System.out.printf(Locale.ROOT, "  ratio 512/1769 MB: %.2f (Lambda's model: %.2f, off by %+.0f %%); 1769/3008 MB: %.2f (above 1 vCPU a single-threaded handler gains only what the JVM's own JIT and GC threads free up)%s%n",
                ratio, model, (ratio / model - 1) * 100, durations.get(1769) / durations.get(3008), mark);
    }

    /**
     * On-demand cold starts of the no-op and DynamoDB-serial functions at 128-1769 MB, sizes interleaved in
     * each round: Init Duration should be flat (the init burst), the first invoke should not (the share).
     */
    private void initAcrossMemory(int samples, String mark) throws Exception {
        List<Integer> sizes = List.of(128, 512, 1024, 1769);
        System.out.println();
        System.out.println("On-demand cold start by memory size (median of " + samples + "; Lambda: init flat, first invoke ~1/memory):");
        System.out.printf(Locale.ROOT, "  %-24s %6s %12s %14s %12s%n", "function", "MB", "init ms", "init / 1769", "first ms");
        for (String function : List.of("NoOpFunction", "DynamoDbSerialFunction")) {
            String event = exemplar(function);
            // Unprimed, like the public hello worlds this is compared with: priming would move the first
            // invoke's work into INIT and flatten the figure the CPU model is checked against.
            setVariable(function, "COLDBREW_INIT_PRIMING", "off");
            Map<Integer, List<Double>> init = new LinkedHashMap<>();
            Map<Integer, List<Double>> first = new LinkedHashMap<>();
            for (int round = 0; round < samples; round++) {
                for (int memory : sizes) {
                    setMemory(function, memory);
                    Sample cold = invoke(function, event);
                    if (cold.failed() || cold.initMs() == null) {
                        throw new IllegalStateException(function + " cold invoke at " + memory + " MB failed or was warm: " + cold.payload());
                    }
                    init.computeIfAbsent(memory, m -> new ArrayList<>()).add(cold.initMs());
                    first.computeIfAbsent(memory, m -> new ArrayList<>()).add(cold.durationMs());
                }
            }
            double reference = median(init.get(1769));
            for (int memory : sizes) {
                System.out.printf(Locale.ROOT, "  %-24s %6d %12.1f %14.2f %12.1f%s%n", function, memory, median(init.get(memory)),
                        median(init.get(memory)) / reference, median(first.get(memory)), mark);
            }
            System.out.printf(Locale.ROOT, "  %-24s first invoke 128 / 1024 MB: %.2f (lambda-perf, java21 hello world: 96 / 6.7 ms = 14.3)%n",
                    function, median(first.get(128)) / median(first.get(1024)));
            setMemory(function, 1769);
            setVariable(function, "COLDBREW_INIT_PRIMING", null);
        }
    }

    /**
     * Each SnapStart function of the template, at its own memory size: a restore of a primed environment
     * (a freshly published version) against a plain cold start of $LATEST, interleaved. What priming buys is the
     * first invoke's Duration; the restore here leaves out the snapshot load Lambda adds.
     */
    private void snapStartAgainstPlainInit(int samples, String mark) throws Exception {
        System.out.println();
        System.out.println("SnapStart restore against a plain init (median of " + samples + "; no snapshot is loaded here, so the restore is the runtime's path and hooks only):");
        System.out.printf(Locale.ROOT, "  %-24s %12s %12s %12s %12s%n", "function", "init ms", "first ms", "restore ms", "first ms");
        for (String function : functions.keySet()) {
            Map<String, Object> configuration = configuration(function, null);
            if (!(configuration.get("SnapStart") instanceof Map<?, ?> snapStart) || !"PublishedVersions".equals(snapStart.get("ApplyOn"))) {
                continue;
            }
            String event = exemplar(function);
            List<Double> init = new ArrayList<>(), plainFirst = new ArrayList<>(), restore = new ArrayList<>(), restoredFirst = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                forceCold(function, 1000 + i);
                Sample plain = invoke(function, event);
                init.add(plain.initMs() == null ? Double.NaN : plain.initMs());
                plainFirst.add(plain.durationMs());
                String version = publish(function);
                Sample restored = invoke(function + ":" + version, event);
                restore.add(restored.restoreMs());
                restoredFirst.add(restored.durationMs());
            }
            System.out.printf(Locale.ROOT, "  %-24s %12.1f %12.1f %12.1f %12.1f%s%n", function, median(init), median(plainFirst),
                    median(restore), median(restoredFirst), mark);
        }
    }

    /** Provisioned-concurrency init has no burst: time from PutProvisionedConcurrencyConfig to READY, 128 vs 1769 MB. */
    private void provisionedInitAcrossMemory(String mark) throws Exception {
        System.out.println();
        System.out.println("Provisioned-concurrency init, no-op, one environment (Put to READY; Lambda: no burst, so it scales with memory):");
        Map<Integer, Double> ready = new LinkedHashMap<>();
        for (int memory : List.of(128, 1769)) {
            setMemory("NoOpFunction", memory);
            String version = publish("NoOpFunction");
            URI config = endpoint.resolve("/2019-09-30/functions/NoOpFunction/provisioned-concurrency?Qualifier=" + version);
            long start = System.nanoTime();
            send(HttpRequest.newBuilder(config).PUT(HttpRequest.BodyPublishers.ofString("{\"ProvisionedConcurrentExecutions\":1}")).build());
            while (!"READY".equals(JSON.std.mapFrom(send(HttpRequest.newBuilder(config).GET().build()).body()).get("Status"))) {
                Thread.sleep(20);
            }
            ready.put(memory, (System.nanoTime() - start) / 1e6);
            send(HttpRequest.newBuilder(config).DELETE().build());
            System.out.printf(Locale.ROOT, "  %5d MB  %9.1f ms%s%n", memory, ready.get(memory), mark);
        }
        System.out.printf(Locale.ROOT, "  ratio 128 / 1769 MB: %.2f (memory ratio 13.8)%n", ready.get(128) / ready.get(1769));
        setMemory("NoOpFunction", 512);
    }

    private String publish(String function) throws IOException, InterruptedException {
        forceCold(function, (int) (System.nanoTime() % 1_000_000));
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/" + function + "/versions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        return String.valueOf(JSON.std.mapFrom(response.body()).get("Version"));
    }

    private Map<String, Object> configuration(String function, String qualifier) throws IOException, InterruptedException {
        String query = qualifier == null ? "" : "?Qualifier=" + qualifier;
        return JSON.std.mapFrom(send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/" + function + "/configuration" + query))
                .GET().build()).body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private Sample invoke(String function, String event) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/" + function + "/invocations"))
                .header("X-Amz-Log-Type", "Tail")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double roundTrip = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(function + " invoke answered " + response.statusCode() + ": " + response.body());
        }
        String log = new String(Base64.getDecoder().decode(response.headers().firstValue("X-Amz-Log-Result").orElse("")), StandardCharsets.UTF_8);
        ReportLine report = ReportLine.find(log).orElseThrow(() -> new IllegalStateException(function + ": no REPORT line in " + log));
        return new Sample(roundTrip, report.durationMs(), report.initDurationMs() > 0 ? report.initDurationMs() : null,
                report.restoreDurationMs(),
                response.headers().firstValue("X-Amz-Function-Error").isPresent(), response.body());
    }

    private void setMemory(String function, int memory) throws IOException, InterruptedException {
        updateConfiguration(function, Map.of("MemorySize", memory));
    }

    /** A configuration change retires the environments, so the next invoke is cold (as on Lambda). */
    private void forceCold(String function, int sample) throws IOException, InterruptedException {
        setVariable(function, "COLD_START_FORCER", String.valueOf(sample));
    }

    /** Sets (or with null removes) one environment variable of the function, keeping the others. */
    private void setVariable(String function, String name, String value) throws IOException, InterruptedException {
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(
                endpoint.resolve("/2015-03-31/functions/" + function + "/configuration")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> configuration = JSON.std.mapFrom(current.body());
        Map<String, Object> variables = new LinkedHashMap<>();
        if (configuration.get("Environment") instanceof Map<?, ?> environment && environment.get("Variables") instanceof Map<?, ?> existing) {
            existing.forEach((key, existingValue) -> variables.put(String.valueOf(key), existingValue));
        }
        if (value == null) {
            variables.remove(name);
        } else {
            variables.put(name, value);
        }
        updateConfiguration(function, Map.of("Environment", Map.of("Variables", variables)));
    }

    private void updateConfiguration(String function, Map<String, Object> change) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/" + function + "/configuration"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.std.asBytes(change))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("UpdateFunctionConfiguration " + function + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String exemplar(String function) throws IOException {
        return Files.readString(functions.get(function).resolve("src/main/resources/exemplar/event.json"));
    }

    private static double median(List<Double> values) {
        return Percentiles.of(values, 50);
    }

    private static double percentile(List<Double> values, int percent) {
        return Percentiles.of(values, percent);
    }
}
