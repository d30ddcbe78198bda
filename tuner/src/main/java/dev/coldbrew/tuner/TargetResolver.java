package dev.coldbrew.tuner;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Decides what a run tunes: locally the template's functions named with --function (all by default); on AWS
 * the functions of --stack or those named. Each comes with the events to send it: --payload's, or else the
 * exemplar event packaged with the function.
 */
final class TargetResolver {
    private final List<String> asked;
    /** The template's function logical IDs (lambda-model's reading of it); null when there is no template. */
    private final List<String> templateFunctions;
    private final Path buildDir;
    private final Optional<List<byte[]>> payload;
    private final int calls;

    /** {@code templateFunctions} may be null on AWS; {@code calls} is how many events each function needs. */
    TargetResolver(List<String> asked, List<String> templateFunctions, Path buildDir, Optional<List<byte[]>> payload, int calls) {
        this.asked = asked;
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
            targets.add(new FunctionTarget(id, id, id, events(id, id)));
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
            if (asked.isEmpty() || asked.contains(display) || asked.contains(d.functionName())) {
                targets.add(new FunctionTarget(display, d.functionName(), d.logicalId(), events(display, d.logicalId())));
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
            targets.add(new FunctionTarget(name, name, logicalId, events(name, logicalId)));
        }
        return targets;
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
