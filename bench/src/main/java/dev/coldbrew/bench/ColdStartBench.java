package dev.coldbrew.bench;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.services.LocalServices;
import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.LocalInvoke;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code make bench-coldstart}: cold start of each registered function as a plain JVM process (no Lambda
 * runtime client): one fresh JVM per sample runs {@link LocalInvoke} on the function's exemplar, with the
 * function's template environment and the stack's local services. Per function, three variants run
 * interleaved in the same loop (C1 only, C1+C2, and C1 with the AWS CRT HTTP client instead of
 * URLConnection), so they share the machine's conditions and the printed ratios compare like with like.
 *
 * <p>Needs {@code make build} output under target/lambda. Usage: {@code ColdStartBench [samples]}.
 */
public final class ColdStartBench {
    private static final Pattern TIMES = Pattern.compile("init_ms=([0-9.]+) invoke_ms=([0-9.]+)");

    enum Variant {
        C1("C1", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", false),
        FULL_TIERING("C1+C2", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4", false),
        CRT("C1 crt", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1", true);

        final String label;
        final String javaToolOptions;
        final boolean crt;

        Variant(String label, String javaToolOptions, boolean crt) {
            this.label = label;
            this.javaToolOptions = javaToolOptions;
            this.crt = crt;
        }
    }

    record Run(FunctionConfiguration function, Variant variant) {
    }

    record Sample(double wallMs, double initMs, double invokeMs) {
    }

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path root = ProjectRoot.find();
        Path lambda = root.resolve("target/lambda");
        if (!Files.isDirectory(lambda.resolve("SharedLayer"))) {
            System.err.println("No Lambda artifacts under " + lambda + "; run `make build` first.");
            System.exit(2);
        }
        LocalLambda.Options options = LocalLambda.options(root.resolve("template.yaml"), lambda);
        Map<Run, List<Sample>> results = new LinkedHashMap<>();
        try (LocalServices services = LocalServices.start(options, null)) {
            LocalLambda.Options wired = services.applyTo(options);
            SamTemplate template = SamTemplate.load(wired.template(), lambda, wired.parameterOverrides(),
                    new Arns(wired.region(), Arns.LOCAL_ACCOUNT));
            List<String> registered = List.copyOf(FunctionModules.of(root).keySet());
            for (SamTemplate.TemplateFunction function : template.functions()) {
                if (registered.contains(function.configuration().logicalId())) {
                    for (Variant variant : Variant.values()) {
                        results.put(new Run(function.configuration(), variant), new ArrayList<>());
                    }
                }
            }
            for (int round = 0; round <= samples; round++) {
                for (Run run : results.keySet()) {
                    Sample sample = run(root, run, wired);
                    if (round > 0) { // round 0 warms the OS page cache only
                        results.get(run).add(sample);
                    }
                }
                System.err.printf("round %d/%d done%n", round, samples);
            }
        }
        print(results, samples);
    }

    private static Sample run(Path root, Run run, LocalLambda.Options wired) throws IOException, InterruptedException {
        FunctionConfiguration function = run.function();
        List<String> classpath = new ArrayList<>(jars(function.codeDirectory().resolve("lib")));
        for (FunctionConfiguration.Layer layer : function.layers()) {
            classpath.addAll(jars(layer.directory().resolve("java/lib")));
        }
        classpath.add(ownJar(LocalInvoke.class));
        if (run.variant().crt) {
            classpath.addAll(jars(root.resolve("local-services/target/crt-lib")));
        }
        String handlerClass = function.handler().replaceFirst("::.*$", "");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classpath), LocalInvoke.class.getName(), handlerClass);
        builder.environment().putAll(function.environment());
        builder.environment().putAll(wired.environmentOverrides());
        builder.environment().put("AWS_REGION", wired.region());
        builder.environment().put("JAVA_TOOL_OPTIONS", run.variant().javaToolOptions);
        builder.environment().put("COLDBREW_HTTP_CLIENT", run.variant().crt ? "crt" : "urlconnection");
        long start = System.nanoTime();
        Process process = builder.start();
        // Time to the response (what a caller waits for), not to JVM exit: some HTTP clients exit slowly.
        String response = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        double wallMs = (System.nanoTime() - start) / 1e6;
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher times = TIMES.matcher(stderr);
        if (exit != 0 || !times.find()) {
            throw new IllegalStateException(function.logicalId() + " " + run.variant().label + " failed (exit " + exit + "): "
                    + response + "\n" + stderr);
        }
        return new Sample(wallMs, Double.parseDouble(times.group(1)), Double.parseDouble(times.group(2)));
    }

    /** The jar (or classes directory) a class was loaded from: the kit's LocalInvoke goes on the child's class path. */
    private static String ownJar(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        }
    }

    private static void print(Map<Run, List<Sample>> results, int samples) {
        System.out.printf("%nCold start as a local JVM process, median of %d samples (ms)%n", samples);
        System.out.printf("%-36s %12s %10s %12s%n", "function / variant", "to response", "init", "1st invoke");
        results.forEach((run, list) -> System.out.printf("%-36s %12.0f %10.1f %12.1f%n",
                run.function().logicalId() + " " + run.variant().label,
                median(list, Sample::wallMs), median(list, Sample::initMs), median(list, Sample::invokeMs)));
        System.out.println();
        System.out.printf("%-24s %28s %28s%n", "function", "1st invoke C1 / C1+C2", "to response CRT / URLConnection");
        Map<String, Map<Variant, List<Sample>>> byFunction = new LinkedHashMap<>();
        results.forEach((run, list) -> byFunction.computeIfAbsent(run.function().logicalId(), id -> new LinkedHashMap<>())
                .put(run.variant(), list));
        byFunction.forEach((id, variants) -> System.out.printf(Locale.ROOT, "%-24s %28.2f %28.2f%n", id,
                median(variants.get(Variant.C1), Sample::invokeMs) / median(variants.get(Variant.FULL_TIERING), Sample::invokeMs),
                median(variants.get(Variant.CRT), Sample::wallMs) / median(variants.get(Variant.C1), Sample::wallMs)));
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return Percentiles.of(samples.stream().map(metric::applyAsDouble).toList(), 50);
    }
}
