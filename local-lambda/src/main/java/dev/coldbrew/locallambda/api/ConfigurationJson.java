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
        json.put("Runtime", c.runtime());
        json.put("Role", "arn:aws:iam::" + arns.accountId() + ":role/" + c.logicalId() + "Role");
        json.put("Handler", c.handler());
        json.put("CodeSize", c.codeSize());
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
        json.put("PackageType", "Zip");
        json.put("Architectures", List.of(c.architecture()));
        json.put("EphemeralStorage", Map.of("Size", 512));
        json.put("SnapStart", Map.of("ApplyOn", c.snapStartApplyOn(),
                "OptimizationStatus", "PublishedVersions".equals(c.snapStartApplyOn()) && !c.version().equals(FunctionConfiguration.LATEST) ? "On" : "Off"));
        json.put("LoggingConfig", Map.of("LogFormat", "Text", "LogGroup", "/aws/lambda/" + c.functionName()));
        return json;
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
