package dev.coldbrew.tuner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import dev.coldbrew.locallambda.environment.ImageArchive;
import dev.coldbrew.runtime.Exemplar;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Turns what the user named into functions the Lambda API knows, and finds each one's default payload: the
 * exemplar event inside its built artifact ({@code <build dir>/<LogicalId>/lib/*.jar}, or the jars under
 * {@code /var/task} of an image function's {@code <build dir>/<LogicalId>/image.tar}).
 */
final class FunctionResolver {
    static final String STACK_TAG = "aws:cloudformation:stack-name";
    static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";

    private FunctionResolver() {
    }

    /** A deployed function: its name and, when CloudFormation made it, its template logical ID. */
    record Deployed(String functionName, String logicalId) {
    }

    /**
     * The functions of a deployed stack, found through the tags CloudFormation puts on every function it
     * creates (ListFunctions, then ListTags), so no CloudFormation client is needed.
     */
    static List<Deployed> stackFunctions(LambdaClient lambda, String stackName) {
        List<Deployed> found = new ArrayList<>();
        for (FunctionConfiguration f : lambda.listFunctionsPaginator(r -> r.maxItems(50)).functions()) {
            Map<String, String> tags = lambda.listTags(r -> r.resource(f.functionArn())).tags();
            if (stackName.equals(tags.get(STACK_TAG))) {
                found.add(new Deployed(f.functionName(), tags.get(LOGICAL_ID_TAG)));
            }
        }
        return found;
    }

    /** The exemplar event packaged in the function's built jar or image, if there is one. */
    static Optional<byte[]> exemplarEvent(Path buildDir, String logicalId) {
        if (logicalId == null) {
            return Optional.empty();
        }
        Path image = buildDir.resolve(logicalId).resolve(dev.coldbrew.lambda.function.FunctionConfiguration.IMAGE_ARCHIVE);
        if (Files.isRegularFile(image)) {
            try {
                return ImageArchive.resourceInJars(image, "/var/task", Exemplar.EVENT_RESOURCE);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Path lib = buildDir.resolve(logicalId).resolve("lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry(Exemplar.EVENT_RESOURCE);
                    if (entry != null) {
                        return Optional.of(zip.getInputStream(entry).readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Splits "a,b" options into a de-duplicated ordered list. */
    static List<String> names(List<String> options) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String option : options) {
            for (String part : option.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    seen.put(part.strip(), true);
                }
            }
        }
        return List.copyOf(seen.keySet());
    }

    static boolean isArn(String name) {
        return name.startsWith("arn:");
    }

    /** The region inside a function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME), if it is one. */
    static Optional<String> arnRegion(String name) {
        String[] parts = name.split(":");
        return isArn(name) && parts.length >= 7 ? Optional.of(parts[3]) : Optional.empty();
    }
}
