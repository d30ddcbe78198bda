package dev.coldbrew.bench;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.lambda.report.ReportLine;
import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.LocalLambdaClients;
import dev.coldbrew.locallambda.services.LocalServices;
import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.LambdaArtifacts;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PackageType;

/**
 * {@code make bench-ablation}: what each of coldbrew's patterns buys a cold start, from the naive function to
 * coldbrew's (ablation/template.yaml), beside the floors (a bare JVM launch, the no-op function). At each
 * memory size every variant is cold-started once per round, variants interleaved, so they share the machine's
 * conditions. Writes target/ablation/report.json and report.html. Usage: {@code AblationBench [samples]}.
 */
public final class AblationBench {
    private static final List<String> VARIANTS = List.of("Naive", "ThinOnLayer", "StreamHandler", "AwsClients",
            "TieredFlag", "InitPriming", "SnapStart", "ImageUntrained", "ImageAot", "NoOpFloor");
    private static final List<Integer> SIZES = List.of(1769, 512);
    private static final String EVENT = "{\"customerId\":\"c-100\"}";

    /** One cold start: init or restore, then the first invoke. */
    record Sample(double initMs, double restoreMs, double firstInvokeMs) {
        double coldStartMs() {
            return initMs + restoreMs + firstInvokeMs;
        }
    }

    private AblationBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path root = ProjectRoot.find();
        Path out = root.resolve("target/ablation");
        deleteRecursively(out.resolve("lambda"));
        Path build = layOut(root, out.resolve("lambda"));
        // Deploy sizes as the Lambda API reports them (CodeSize of each function and of its layer).
        Map<String, Long> sizes = new LinkedHashMap<>();
        long layerBytes = 0;
        List<Double> jvmLaunch = new ArrayList<>();
        Map<Integer, Map<String, List<Sample>>> results = new LinkedHashMap<>();
        LocalLambda.Options options = LocalLambda.options(root.resolve("ablation/template.yaml"), build).withPort(0)
                .withLogSink(LocalLambdaClients.QUIET);
        try (LocalServices services = LocalServices.start(options, null);
             LocalLambda lambda = LocalLambda.start(services.applyTo(options));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            for (String variant : VARIANTS) {
                var configuration = client.getFunction(r -> r.functionName(variant)).configuration();
                // Lambda reports no code size for an image; its tarball's size stands in (what a push uploads).
                sizes.put(variant, configuration.packageType() == PackageType.IMAGE
                        ? Files.size(build.resolve(variant).resolve(FunctionConfiguration.IMAGE_ARCHIVE)) : configuration.codeSize());
                if (!configuration.layers().isEmpty()) {
                    layerBytes = configuration.layers().get(0).codeSize();
                }
            }
            System.out.println("Cold-start ablation, " + samples + " cold starts per variant and size, CPU limits: " + lambda.limits());
            for (int memory : SIZES) {
                Map<String, List<Sample>> bySize = new LinkedHashMap<>();
                VARIANTS.forEach(v -> bySize.put(v, new ArrayList<>()));
                for (String variant : VARIANTS) {
                    client.updateFunctionConfiguration(r -> r.functionName(variant).memorySize(memory));
                }
                for (int round = 0; round <= samples; round++) {
                    for (String variant : VARIANTS) {
                        Sample sample = coldStart(client, variant, memory * 1000 + round);
                        if (round > 0) { // round 0 warms the page cache and the local services
                            bySize.get(variant).add(sample);
                        }
                    }
                    jvmLaunch.add(jvmLaunchMs());
                    System.err.printf("%d MB: round %d/%d done%n", memory, round, samples);
                }
                results.put(memory, bySize);
            }
        }
        double jvmFloor = Percentiles.of(jvmLaunch, 50);
        print(results, sizes, layerBytes, jvmFloor);
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.json"), JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT)
                .asString(json(results, sizes, layerBytes, jvmFloor, samples)));
        Files.writeString(out.resolve("report.html"), html(results, jvmFloor, samples));
        System.out.println();
        System.out.println("Reports: " + out.resolve("report.json") + " and " + out.resolve("report.html"));
    }

    /** A configuration change makes the next invoke cold; for SnapStart a new version is published and restored. */
    private static Sample coldStart(LambdaClient client, String variant, int marker) {
        Map<String, String> variables = new LinkedHashMap<>(client.getFunctionConfiguration(r -> r.functionName(variant))
                .environment().variables());
        variables.put("COLD_START", String.valueOf(marker));
        client.updateFunctionConfiguration(r -> r.functionName(variant).environment(e -> e.variables(variables)));
        String qualifier = variant.equals("SnapStart")
                ? client.publishVersion(r -> r.functionName(variant)).version() : null;
        InvokeResponse response = client.invoke(r -> r.functionName(variant).qualifier(qualifier).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(variant.equals("NoOpFloor") ? "{\"label\":\"ablation\"}" : EVENT)));
        if (response.functionError() != null) {
            throw new IllegalStateException(variant + " failed: " + response.payload().asUtf8String() + "\n" + LocalLambdaClients.log(response));
        }
        ReportLine report = LocalLambdaClients.report(response);
        if (!report.cold()) {
            throw new IllegalStateException(variant + " was not a cold start: " + report.text());
        }
        return new Sample(report.initDurationMs(), report.restoreDurationMs(), report.durationMs());
    }

    /** The launch floor: a fresh JVM of the same JDK, from process start to its first line of output. */
    private static double jvmLaunchMs() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-version").redirectErrorStream(true).start();
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        double ms = (System.nanoTime() - start) / 1e6;
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        process.waitFor();
        return ms;
    }

    /** Lays out what each variant deploys: the naive shaded jar alone, the others thin on the shared layer. */
    private static Path layOut(Path root, Path out) {
        Map<String, Path> functions = FunctionModules.of(root);
        Path dynamoDbSerial = functions.get("DynamoDbSerialFunction");
        Path layer = root.resolve("shared-layer/target");
        // The shared layer and every thin variant that is a whole module's jar, as make build lays them out.
        LambdaArtifacts.layOut(out, layer, layer.resolve("layer-lib"), Map.of("StreamHandler", root.resolve("ablation/stream"),
                "AwsClients", dynamoDbSerial, "TieredFlag", dynamoDbSerial, "InitPriming", dynamoDbSerial, "SnapStart", dynamoDbSerial,
                "NoOpFloor", functions.get("NoOpFunction")));
        // The naive module builds both the fat jar (-all) and the thin one.
        Path naive = root.resolve("ablation/naive/target");
        LambdaArtifacts.copyJars(naive, n -> n.endsWith("-all.jar"), out.resolve("Naive/lib"));
        LambdaArtifacts.copyJars(naive, n -> !n.endsWith("-all.jar"), out.resolve("ThinOnLayer/lib"));
        // The images make images built: the untrained one it kept, and the one with its AOT cache.
        copyImage(root.resolve("target/images/DynamoDbSerialImageFunction-untrained.tar"), out.resolve("ImageUntrained"));
        copyImage(root.resolve("target/lambda/DynamoDbSerialImageFunction/image.tar"), out.resolve("ImageAot"));
        return out;
    }

    private static void copyImage(Path tarball, Path functionDirectory) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("No image at " + tarball + "; run `make images` first.");
        }
        try {
            Files.createDirectories(functionDirectory);
            Files.copy(tarball, functionDirectory.resolve(FunctionConfiguration.IMAGE_ARCHIVE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric) {
        return Percentiles.of(samples.stream().map(metric::applyAsDouble).toList(), 50);
    }

    private static double coldStartPercentile(List<Sample> samples, int percentile) {
        return Percentiles.of(samples.stream().map(Sample::coldStartMs).toList(), percentile);
    }

    private static void print(Map<Integer, Map<String, List<Sample>>> results, Map<String, Long> sizes, long layerBytes,
                              double jvmFloor) {
        System.out.printf(Locale.ROOT, "%nBare JVM launch to first output (same JDK): %.1f ms (median)%n", jvmFloor);
        for (var size : results.entrySet()) {
            Map<String, List<Sample>> bySize = size.getValue();
            double naive = median(bySize.get("Naive"), Sample::coldStartMs);
            double floor = median(bySize.get("NoOpFloor"), Sample::coldStartMs);
            System.out.printf(Locale.ROOT, "%n%d MB (medians; SnapStart's restore excludes the snapshot load Lambda adds)%n", size.getKey());
            System.out.printf(Locale.ROOT, "  %-14s %12s %12s %12s %12s %9s %9s %12s%n", "variant", "init/restore", "first inv",
                    "cold start", "spread", "/ naive", "/ no-op", "function KB");
            for (var variant : bySize.entrySet()) {
                List<Sample> list = variant.getValue();
                double cold = median(list, Sample::coldStartMs);
                double spread = coldStartPercentile(list, 90) - coldStartPercentile(list, 10);
                System.out.printf(Locale.ROOT, "  %-14s %12.1f %12.1f %12.1f %12.1f %9.2f %9.2f %12.1f%n", variant.getKey(),
                        median(list, s -> s.initMs() + s.restoreMs()), median(list, Sample::firstInvokeMs), cold, spread,
                        cold / naive, cold / floor, sizes.get(variant.getKey()) / 1024.0);
            }
        }
        System.out.printf(Locale.ROOT, "  shared layer: %.1f KB%n", layerBytes / 1024.0);
    }

    private static Map<String, Object> json(Map<Integer, Map<String, List<Sample>>> results, Map<String, Long> sizes,
                                            long layerBytes, double jvmFloor, int samples) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("samples", samples);
        root.put("jvmLaunchMs", jvmFloor);
        root.put("layerBytes", layerBytes);
        root.put("note", "SnapStart restores on the local Lambda exclude the snapshot load Lambda adds");
        List<Object> bySize = new ArrayList<>();
        results.forEach((memory, variants) -> {
            List<Object> rows = new ArrayList<>();
            variants.forEach((variant, list) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", variant);
                row.put("initOrRestoreMs", median(list, s -> s.initMs() + s.restoreMs()));
                row.put("firstInvokeMs", median(list, Sample::firstInvokeMs));
                row.put("coldStartMs", median(list, Sample::coldStartMs));
                row.put("coldStartP10Ms", coldStartPercentile(list, 10));
                row.put("coldStartP90Ms", coldStartPercentile(list, 90));
                row.put("functionBytes", sizes.get(variant));
                rows.add(row);
            });
            bySize.add(Map.of("memoryMb", memory, "variants", rows));
        });
        root.put("sizes", bySize);
        return root;
    }

    /**
     * A self-contained page: per memory size, one stacked bar per variant (median init or restore, then median
     * first invoke) with a whisker from the 10th to the 90th percentile of the cold start.
     */
    private static String html(Map<Integer, Map<String, List<Sample>>> results, double jvmFloor, int samples) {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>coldbrew cold-start ablation</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:right}th:first-child,td:first-child{text-align:left}"
                + ".init{fill:#7b5ea7}.first{fill:#2a9d8f}.spread{stroke:#222;stroke-width:1.5}</style></head><body><h1>Cold-start ablation</h1>");
        page.append(String.format(Locale.ROOT, "<p>Medians of %d cold starts per variant and memory size, interleaved; whiskers span the 10th to 90th percentile. Bare JVM launch: %.1f ms. "
                + "SnapStart restores here exclude the snapshot load Lambda adds.</p>", samples, jvmFloor));
        results.forEach((memory, variants) -> {
            double max = variants.values().stream().mapToDouble(l -> coldStartPercentile(l, 90)).max().orElse(1);
            int rowHeight = 26;
            page.append("<h2>").append(memory).append(" MB</h2><svg width=\"900\" height=\"")
                    .append(variants.size() * rowHeight + 30).append("\" role=\"img\">");
            int y = 0;
            for (var variant : variants.entrySet()) {
                double init = median(variant.getValue(), s -> s.initMs() + s.restoreMs());
                double first = median(variant.getValue(), Sample::firstInvokeMs);
                double scale = 600 / max;
                page.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"13\">%s</text>", y + 17, variant.getKey()))
                        .append(String.format(Locale.ROOT, "<rect class=\"init\" x=\"130\" y=\"%d\" width=\"%.1f\" height=\"20\"><title>init/restore %.1f ms</title></rect>",
                                y + 3, init * scale, init))
                        .append(String.format(Locale.ROOT, "<rect class=\"first\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\"><title>first invoke %.1f ms</title></rect>",
                                130 + init * scale, y + 3, first * scale, first))
                        .append(whisker(coldStartPercentile(variant.getValue(), 10) * scale,
                                coldStartPercentile(variant.getValue(), 90) * scale, y + 13))
                        .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%.0f ms</text>",
                                136 + Math.max(init + first, coldStartPercentile(variant.getValue(), 90)) * scale, y + 17,
                                median(variant.getValue(), Sample::coldStartMs)));
                y += rowHeight;
            }
            page.append(String.format(Locale.ROOT, "<rect class=\"init\" x=\"130\" y=\"%d\" width=\"12\" height=\"12\"/><text x=\"146\" y=\"%d\" font-size=\"12\">init or restore</text>"
                    + "<rect class=\"first\" x=\"260\" y=\"%d\" width=\"12\" height=\"12\"/><text x=\"276\" y=\"%d\" font-size=\"12\">first invoke</text></svg>",
                    y + 8, y + 18, y + 8, y + 18));
        });
        return page.append("</body></html>").toString();
    }

    private static String whisker(double from, double to, int y) {
        return String.format(Locale.ROOT, "<path class=\"spread\" d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\"/>",
                130 + from, y, 130 + to, 130 + from, y - 5, y + 5, 130 + to, y - 5, y + 5);
    }
}
