package dev.coldbrew.locallambda.api;

import dev.coldbrew.locallambda.function.AliasConfiguration;
import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lambda's JSON shapes (FunctionConfiguration, AliasConfiguration) for the emulator's records. */
final class ConfigurationJson {
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final Arns arns;

    ConfigurationJson(Arns arns) {
        this.arns = arns;
    }

    /**
     * @param qualifiedArn whether FunctionArn carries the version, as GetFunctionConfiguration with a
     *                     qualifier and ListVersionsByFunction return it
     */
    Map<String, Object> function(FunctionConfiguration c, boolean qualifiedArn) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("FunctionName", c.functionName());
        json.put("FunctionArn", qualifiedArn ? arns.qualified(c.functionName(), c.version()) : arns.function(c.functionName()));
        if (!c.isImage()) {
            // An image function has neither: its image brings the runtime and names the handler.
            json.put("Runtime", c.runtime());
        }
        json.put("Role", "arn:aws:iam::" + arns.accountId() + ":role/" + c.logicalId() + "Role");
        if (!c.isImage()) {
            json.put("Handler", c.handler());
        }
        // Lambda reports no size for an image function's code (CodeSize 0).
        json.put("CodeSize", c.isImage() ? 0 : c.codeSize());
        json.put("Description", c.description());
        json.put("Timeout", c.timeout());
        json.put("MemorySize", c.memorySize());
        json.put("LastModified", LAST_MODIFIED.format(c.lastModified()));
        json.put("CodeSha256", c.codeSha256());
        json.put("Version", c.version());
        if (!c.environment().isEmpty()) {
            json.put("Environment", Map.of("Variables", c.environment()));
        }
        json.put("TracingConfig", Map.of("Mode", "PassThrough"));
        json.put("RevisionId", c.revisionId());
        if (!c.layers().isEmpty()) {
            json.put("Layers", c.layers().stream().map(layer -> Map.of("Arn", layer.arn(), "CodeSize", layer.codeSize())).toList());
        }
        json.put("State", "Active");
        json.put("LastUpdateStatus", "Successful");
        json.put("PackageType", c.packageType());
        if (c.isImage()) {
            json.put("ImageConfigResponse", imageConfigResponse(c.imageConfig()));
        }
        json.put("Architectures", List.of(c.architecture()));
        json.put("EphemeralStorage", Map.of("Size", 512));
        json.put("SnapStart", Map.of("ApplyOn", c.snapStartApplyOn(),
                "OptimizationStatus", "PublishedVersions".equals(c.snapStartApplyOn()) && !c.version().equals(FunctionConfiguration.LATEST) ? "On" : "Off"));
        json.put("LoggingConfig", Map.of("LogFormat", "Text", "LogGroup", "/aws/lambda/" + c.functionName()));
        return json;
    }

    /** The ImageConfig that overrides the image's settings, each value only when set; empty when none is. */
    private static Map<String, Object> imageConfigResponse(FunctionConfiguration.ImageConfig config) {
        Map<String, Object> image = new LinkedHashMap<>();
        if (!config.entryPoint().isEmpty()) {
            image.put("EntryPoint", config.entryPoint());
        }
        if (!config.command().isEmpty()) {
            image.put("Command", config.command());
        }
        if (!config.workingDirectory().isEmpty()) {
            image.put("WorkingDirectory", config.workingDirectory());
        }
        return image.isEmpty() ? Map.of() : Map.of("ImageConfig", image);
    }

    Map<String, Object> alias(String functionName, AliasConfiguration alias) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("AliasArn", arns.qualified(functionName, alias.name()));
        json.put("Name", alias.name());
        json.put("FunctionVersion", alias.functionVersion());
        json.put("Description", alias.description());
        json.put("RevisionId", alias.revisionId());
        return json;
    }
}
