package dev.coldbrew.tuner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import dev.coldbrew.locallambda.environment.ImageArchive;
import dev.coldbrew.runtime.Exemplar;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

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

    /** A function as named on the command line: its unqualified name or ARN, and the qualifier after it (null: $LATEST). */
    record Named(String function, String qualifier) {
    }

    /**
     * Takes a name, {@code name:qualifier}, a partial ARN ({@code account:function:name[:qualifier]}) or a full
     * ARN ({@code arn:aws:lambda:region:account:function:name[:qualifier]}) apart, as the Lambda API reads them;
     * {@code $LATEST} is no qualifier.
     */
    static Named parse(String asked) {
        return parse(asked, "--function");
    }

    /** As {@link #parse(String)}, naming {@code option} in the error. */
    static Named parse(String asked, String option) {
        String[] parts = asked.split(":", -1);
        int unqualified = isArn(asked) ? 7 : parts.length >= 3 && parts[1].equals("function") ? 3 : 1;
        boolean function = !isArn(asked) || parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function");
        if (!function || parts.length < unqualified || parts.length > unqualified + 1
                || Arrays.stream(parts, 0, unqualified).anyMatch(String::isBlank)) {
            throw new UsageException("Cannot read " + option + " '" + asked + "': give NAME, NAME:ALIAS, NAME:VERSION or a function ARN.");
        }
        String base = String.join(":", Arrays.copyOf(parts, unqualified));
        if (parts.length == unqualified || parts[unqualified].equals("$LATEST")) {
            return new Named(base, null);
        }
        String qualifier = parts[unqualified];
        if (!qualifier.matches("[0-9]{1,10}|[A-Za-z0-9_-]{1,128}")) {
            throw new UsageException("Bad qualifier '" + qualifier + "' in " + option + " '" + asked
                    + "': an alias name (letters, digits, - and _) or a version number.");
        }
        return new Named(base, qualifier);
    }

    /** The function's plain name, from a name or an (unqualified) ARN. */
    static String plainName(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        int function = Arrays.asList(parts).indexOf("function");
        return function >= 0 && function + 1 < parts.length ? parts[function + 1] : parts[0];
    }

    /**
     * The settings in which a published version differs from $LATEST, memory and the version's own fields aside:
     * what the code runs with. Tuning a qualifier measures versions published from $LATEST, which run what the
     * qualifier runs only when this is empty; environment values are compared, never shown.
     */
    static List<String> differences(GetFunctionConfigurationResponse latest, GetFunctionConfigurationResponse version) {
        Map<String, Function<GetFunctionConfigurationResponse, Object>> settings = new LinkedHashMap<>();
        settings.put("code (CodeSha256)", GetFunctionConfigurationResponse::codeSha256);
        settings.put("PackageType", GetFunctionConfigurationResponse::packageTypeAsString);
        settings.put("Runtime", GetFunctionConfigurationResponse::runtimeAsString);
        settings.put("Handler", GetFunctionConfigurationResponse::handler);
        settings.put("Architectures", GetFunctionConfigurationResponse::architecturesAsStrings);
        settings.put("Layers", c -> c.layers().stream().map(l -> l.arn()).toList());
        settings.put("Environment", c -> c.environment() == null || c.environment().variables() == null
                ? Map.of() : c.environment().variables());
        settings.put("Timeout", GetFunctionConfigurationResponse::timeout);
        settings.put("EphemeralStorage", c -> c.ephemeralStorage() == null ? null : c.ephemeralStorage().size());
        settings.put("SnapStart", c -> c.snapStart() == null ? null : c.snapStart().applyOnAsString());
        List<String> differing = new ArrayList<>();
        settings.forEach((name, setting) -> {
            if (!Objects.equals(setting.apply(latest), setting.apply(version))) {
                differing.add(name);
            }
        });
        return differing;
    }

    /**
     * Checks a --pre-invoke or --post-invoke function before anything changes: it must exist, and must not be the
     * $LATEST of a function being tuned, whose configuration the run changes (a published version or alias of it
     * is fine: those never change).
     */
    static void checkProcessor(LambdaClient lambda, String option, String processor, List<FunctionTarget> tuned) {
        if (processor == null) {
            return;
        }
        String name;
        try {
            name = lambda.getFunctionConfiguration(r -> r.functionName(processor)).functionName();
        } catch (ResourceNotFoundException e) {
            throw new UsageException(option + " " + processor + ": function not found.");
        }
        if (parse(processor).qualifier() == null && tuned.stream().anyMatch(t -> plainName(t.functionName()).equals(name))) {
            throw new UsageException(option + " " + processor + " is being tuned, so its $LATEST changes during the run; "
                    + "name a published version or alias of it (" + name + ":live) or another function.");
        }
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
