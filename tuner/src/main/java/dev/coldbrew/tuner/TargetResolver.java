package dev.coldbrew.tuner;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Decides what a run tunes: locally the template's functions named with --function (all by default); on AWS
 * the functions of --stack or those named. Each comes with the events to send it: --payload's, or else the
 * exemplar event packaged with the function. A function named with a qualifier ({@code name:alias}) is checked
 * against the API by {@link #resolveQualifiers} before anything changes.
 */
final class TargetResolver {
    private final List<String> asked;
    /** What was asked, taken apart, by unqualified name. */
    private final Map<String, FunctionResolver.Named> named = new LinkedHashMap<>();
    /** The template's function logical IDs (lambda-model's reading of it); null when there is no template. */
    private final List<String> templateFunctions;
    private final Path buildDir;
    private final Optional<List<byte[]>> payload;
    private final int calls;

    /** {@code templateFunctions} may be null on AWS; {@code calls} is how many events each function needs. */
    TargetResolver(List<String> asked, List<String> templateFunctions, Path buildDir, Optional<List<byte[]>> payload, int calls) {
        for (String name : asked) {
            FunctionResolver.Named n = FunctionResolver.parse(name);
            FunctionResolver.Named before = named.put(n.function(), n);
            if (before != null) {
                // Two qualifiers of one function would both change its $LATEST at once.
                throw new UsageException("--function names " + n.function() + " twice; tune one qualifier of it at a time.");
            }
        }
        this.asked = List.copyOf(named.keySet());
        this.templateFunctions = templateFunctions;
        this.buildDir = buildDir;
        this.payload = payload;
        this.calls = calls;
    }

    /** The template's logical IDs to tune: those asked for, or all of them. */
    List<String> templateIds() {
        if (asked.isEmpty()) {
            return templateFunctions;
        }
        for (String id : asked) {
            if (!templateFunctions.contains(id)) {
                throw new UsageException("Unknown function '" + id + "'; the template has " + String.join(", ", templateFunctions) + ".");
            }
        }
        return asked;
    }

    /** The template's functions {@code ids} on a local emulator, where the logical ID is the function name. */
    List<FunctionTarget> local(List<String> ids) {
        List<FunctionTarget> targets = new ArrayList<>();
        for (String id : ids) {
            targets.add(target(id, id, id, id));
        }
        return targets;
    }

    /** The deployed functions of {@code stack} (those asked for, or all), or without a stack those named. */
    List<FunctionTarget> deployed(LambdaClient lambda, String stack) {
        return stack != null ? ofStack(lambda, stack) : named(lambda);
    }

    private List<FunctionTarget> ofStack(LambdaClient lambda, String stack) {
        List<FunctionResolver.Deployed> deployed = FunctionResolver.stackFunctions(lambda, stack);
        if (deployed.isEmpty()) {
            throw new UsageException("No Lambda function carries the tag " + FunctionResolver.STACK_TAG + "=" + stack
                    + " in this account and region; is the stack deployed here?");
        }
        List<FunctionTarget> targets = new ArrayList<>();
        for (FunctionResolver.Deployed d : deployed) {
            String display = d.logicalId() != null ? d.logicalId() : d.functionName();
            String askedAs = asked.contains(display) ? display : d.functionName();
            if (asked.isEmpty() || asked.contains(askedAs)) {
                targets.add(target(askedAs, display, d.functionName(), d.logicalId()));
            }
        }
        if (targets.isEmpty()) {
            throw new UsageException("Stack " + stack + " has none of " + asked + ".");
        }
        return targets;
    }

    private List<FunctionTarget> named(LambdaClient lambda) {
        if (asked.isEmpty()) {
            throw new UsageException("On AWS name the function(s) with --function NAME|ARN, or give --stack.");
        }
        List<FunctionTarget> targets = new ArrayList<>();
        for (String name : asked) {
            String logicalId = templateFunctions != null && templateFunctions.contains(name) ? name : null;
            try {
                lambda.getFunctionConfiguration(r -> r.functionName(name));
            } catch (ResourceNotFoundException e) {
                throw new UsageException("Function not found on AWS: " + name);
            }
            targets.add(target(name, name, name, logicalId));
        }
        return targets;
    }

    /** The target for the function asked as {@code askedAs}, with the qualifier it was asked with. */
    private FunctionTarget target(String askedAs, String display, String functionName, String logicalId) {
        FunctionResolver.Named n = named.get(askedAs);
        if (n == null || n.qualifier() == null) {
            return new FunctionTarget(display, functionName, logicalId, events(display, logicalId));
        }
        String qualified = display + ":" + n.qualifier();
        return new FunctionTarget(qualified, functionName, logicalId, events(qualified, logicalId),
                new FunctionTarget.Qualifier(n.qualifier(), null, null));
    }

    /**
     * Resolves each qualifier: the version it runs (an alias must route to one version) and that version's memory.
     * The run tunes $LATEST's code, publishing its own versions from it, so the qualifier's version must be $LATEST
     * apart from memory; otherwise the answer would be about other code, and bad input.
     */
    static List<FunctionTarget> resolveQualifiers(LambdaClient lambda, List<FunctionTarget> targets) {
        List<FunctionTarget> resolved = new ArrayList<>();
        for (FunctionTarget t : targets) {
            FunctionTarget.Qualifier q = t.qualifier();
            if (q == null) {
                resolved.add(t);
                continue;
            }
            GetFunctionConfigurationResponse version;
            try {
                version = lambda.getFunctionConfiguration(r -> r.functionName(t.functionName()).qualifier(q.name()));
                if (q.alias()) {
                    AliasRoutingConfiguration routing = lambda.getAlias(r -> r.functionName(t.functionName()).name(q.name())).routingConfig();
                    if (routing != null && !routing.additionalVersionWeights().isEmpty()) {
                        throw new UsageException(t.displayName() + " splits traffic between versions " + version.version() + " and "
                                + String.join(", ", routing.additionalVersionWeights().keySet()) + "; tune one of them by its number.");
                    }
                }
            } catch (ResourceNotFoundException e) {
                throw new UsageException("No " + (q.alias() ? "alias " : "version ") + q.name() + " of " + t.functionName()
                        + " (--function " + t.displayName() + ").");
            }
            GetFunctionConfigurationResponse latest = lambda.getFunctionConfiguration(r -> r.functionName(t.functionName()));
            List<String> differing = FunctionResolver.differences(latest, version);
            if (!differing.isEmpty()) {
                throw new UsageException(t.displayName() + " runs version " + version.version() + ", whose "
                        + String.join(", ", differing) + " differ" + (differing.size() == 1 ? "s" : "") + " from $LATEST's. "
                        + "coldbrew measures versions it publishes from $LATEST: deploy that version's code and configuration "
                        + "to $LATEST first, or tune $LATEST (drop ':" + q.name() + "').");
            }
            resolved.add(t.resolved(version.version(), version.memorySize()));
        }
        return resolved;
    }

    private List<byte[]> events(String display, String logicalId) {
        if (payload.isPresent()) {
            return payload.get();
        }
        byte[] exemplar = FunctionResolver.exemplarEvent(buildDir, logicalId).orElseThrow(() -> new UsageException(
                "No payload for " + display + ": no exemplar event in " + buildDir.resolve(String.valueOf(logicalId))
                        + "/lib or its " + FunctionConfiguration.IMAGE_ARCHIVE + " (run make build, or make images) and no --payload given."));
        return Payloads.expand(new String(exemplar, StandardCharsets.UTF_8), calls);
    }
}
