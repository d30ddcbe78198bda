package dev.coldbrew.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cold start of each reference function as a plain JVM process (no Lambda runtime client): one fresh JVM per
 * sample runs {@code LocalInvoke} on the function's exemplar against DynamoDB Local and the local HTTP
 * endpoint. Variants (HTTP client, tiered compilation) run interleaved in the same loop, so they share the
 * machine's conditions and the printed ratios compare like with like.
 *
 * <p>Needs {@code make build} output under target/lambda. Usage: {@code ColdStartBench [samples]}.
 */
public final class ColdStartBench {
    private static final Pattern TIMES = Pattern.compile("init_ms=([0-9.]+) invoke_ms=([0-9.]+)");
    private static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private static final String FULL_TIERING = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";

    record Variant(String label, String function, String handler, String javaToolOptions, boolean crt) {
    }

    record Sample(double wallMs, double initMs, double invokeMs) {
    }

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path root = LocalPaths.repositoryRoot();
        Path lambda = root.resolve("target/lambda");
        if (!Files.isDirectory(lambda.resolve("SharedLayer"))) {
            System.err.println("No Lambda artifacts under " + lambda + "; run `make build` first.");
            System.exit(2);
        }
        List<Variant> variants = List.of(
                new Variant("no-op            C1", "NoOpFunction", "dev.coldbrew.functions.noop.NoOpHandler", C1_ONLY, false),
                new Variant("no-op            C1+C2", "NoOpFunction", "dev.coldbrew.functions.noop.NoOpHandler", FULL_TIERING, false),
                new Variant("cpu-bound        C1", "CpuBoundFunction", "dev.coldbrew.functions.cpu.CpuBoundHandler", C1_ONLY, false),
                new Variant("cpu-bound        C1+C2", "CpuBoundFunction", "dev.coldbrew.functions.cpu.CpuBoundHandler", FULL_TIERING, false),
                new Variant("network-bound    C1", "NetworkBoundFunction", "dev.coldbrew.functions.network.NetworkBoundHandler", C1_ONLY, false),
                new Variant("dynamodb-serial  C1 urlconnection", "DynamoDbSerialFunction", "dev.coldbrew.functions.dynamodb.DynamoDbSerialHandler", C1_ONLY, false),
                new Variant("dynamodb-serial  C1 crt", "DynamoDbSerialFunction", "dev.coldbrew.functions.dynamodb.DynamoDbSerialHandler", C1_ONLY, true));

        Map<Variant, List<Sample>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(); LocalHttpEndpoint http = LocalHttpEndpoint.start()) {
            dynamo.createReferenceTable("coldbrew-reference");
            Map<String, String> env = new HashMap<>(Map.of(
                    "AWS_REGION", DynamoDbLocal.REGION.id(),
                    "AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY,
                    "AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString(),
                    "TABLE_NAME", "coldbrew-reference",
                    "DOWNSTREAM_URL", http.baseUri().toString()));
            for (int round = 0; round <= samples; round++) {
                for (Variant variant : variants) {
                    Sample sample = run(root, lambda, variant, env);
                    if (round > 0) { // round 0 warms the OS page cache only
                        results.get(variant).add(sample);
                    }
                }
                System.err.printf("round %d/%d done%n", round, samples);
            }
        }
        print(results, samples);
    }

    private static Sample run(Path root, Path lambda, Variant variant, Map<String, String> env) throws IOException, InterruptedException {
        List<String> classpath = new ArrayList<>(jars(lambda.resolve(variant.function()).resolve("lib")));
        classpath.addAll(jars(lambda.resolve("SharedLayer/java/lib")));
        if (variant.crt()) {
            classpath.addAll(jars(root.resolve("local-services/target/crt-lib")));
        }
        ProcessBuilder builder = new ProcessBuilder(DynamoDbLocal.javaExecutable(), "-cp", String.join(File.pathSeparator, classpath),
                "dev.coldbrew.runtime.LocalInvoke", variant.handler());
        builder.environment().putAll(env);
        builder.environment().put("JAVA_TOOL_OPTIONS", variant.javaToolOptions());
        builder.environment().put("COLDBREW_HTTP_CLIENT", variant.crt() ? "crt" : "urlconnection");
        long start = System.nanoTime();
        Process process = builder.start();
        // Time to the response (what a caller waits for), not to JVM exit: some HTTP clients exit slowly.
        String response = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        double wallMs = (System.nanoTime() - start) / 1e6;
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher times = TIMES.matcher(stderr);
        if (exit != 0 || !times.find()) {
            throw new IllegalStateException(variant.label() + " failed (exit " + exit + "): " + response + "\n" + stderr);
        }
        return new Sample(wallMs, Double.parseDouble(times.group(1)), Double.parseDouble(times.group(2)));
    }

    private static List<String> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
    }

    private static void print(Map<Variant, List<Sample>> results, int samples) {
        System.out.printf("%nCold start as a local JVM process, median of %d samples (ms)%n", samples);
        System.out.printf("%-36s %12s %10s %12s%n", "function / variant", "to response", "init", "1st invoke");
        results.forEach((variant, list) -> System.out.printf("%-36s %12.0f %10.1f %12.1f%n", variant.label(),
                median(list, Sample::wallMs), median(list, Sample::initMs), median(list, Sample::invokeMs)));
        List<Variant> variants = new ArrayList<>(results.keySet());
        System.out.println();
        ratio(results, variants.get(2), variants.get(3), "cpu-bound first invoke, C1 / C1+C2", Sample::invokeMs);
        ratio(results, variants.get(0), variants.get(1), "no-op start to response, C1 / C1+C2", Sample::wallMs);
        ratio(results, variants.get(6), variants.get(5), "dynamodb-serial start to response, CRT / URLConnection", Sample::wallMs);
    }

    private static void ratio(Map<Variant, List<Sample>> results, Variant a, Variant b, String label,
                              java.util.function.ToDoubleFunction<Sample> metric) {
        System.out.printf("%-48s %.2f%n", label, median(results.get(a), metric) / median(results.get(b), metric));
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric) {
        double[] values = samples.stream().mapToDouble(metric).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
