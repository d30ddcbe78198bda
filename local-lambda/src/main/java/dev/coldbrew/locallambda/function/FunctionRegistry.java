package dev.coldbrew.locallambda.function;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.lambda.function.LambdaLimits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control plane's state: each function's {@code $LATEST}, its published versions and its aliases,
 * with Lambda's rules for resolving a name plus qualifier (version number, alias or {@code $LATEST}).
 * Thread-safe by synchronizing every method; the state is tiny.
 */
public final class FunctionRegistry {
    private final Arns arns;
    private final Map<String, FunctionState> functions = new LinkedHashMap<>();
    private final Map<String, String> namesByLogicalId = new LinkedHashMap<>();

    public FunctionRegistry(Arns arns) {
        this.arns = arns;
    }

    private static final class FunctionState {
        FunctionConfiguration latest;
        final TreeMap<Integer, FunctionConfiguration> versions = new TreeMap<>();
        final Map<String, AliasConfiguration> aliases = new LinkedHashMap<>();

        FunctionState(FunctionConfiguration latest) {
            this.latest = latest;
        }
    }

    public Arns arns() {
        return arns;
    }

    public synchronized void register(FunctionConfiguration latest) {
        functions.put(latest.functionName(), new FunctionState(latest));
        namesByLogicalId.put(latest.logicalId(), latest.functionName());
    }

    /** The configuration an invoke of {@code name} with {@code qualifier} runs; the alias, if one was named. */
    public record Resolved(FunctionConfiguration configuration, AliasConfiguration alias) {
        public String executedVersion() {
            return configuration.version();
        }
    }

    /**
     * Resolves a function name, partial ARN or full ARN (each possibly carrying {@code :qualifier}) plus an
     * optional separate qualifier.
     */
    public synchronized Resolved resolve(String nameOrArn, String qualifier) {
        FunctionName parsed = FunctionName.parse(nameOrArn);
        String effective = qualifier;
        if (parsed.qualifier() != null) {
            if (qualifier != null && !qualifier.equals(parsed.qualifier())) {
                throw LambdaApiException.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
            }
            effective = parsed.qualifier();
        }
        FunctionState state = state(parsed.name());
        if (effective == null || effective.isEmpty() || effective.equals(FunctionConfiguration.LATEST)) {
            return new Resolved(state.latest, null);
        }
        if (effective.chars().allMatch(Character::isDigit)) {
            FunctionConfiguration version = state.versions.get(Integer.parseInt(effective));
            if (version == null) {
                throw LambdaApiException.notFound("Function not found: " + arns.qualified(state.latest.functionName(), effective));
            }
            return new Resolved(version, null);
        }
        AliasConfiguration alias = state.aliases.get(effective);
        if (alias == null) {
            throw LambdaApiException.notFound("Function not found: " + arns.qualified(state.latest.functionName(), effective));
        }
        return new Resolved(state.versions.get(Integer.parseInt(alias.functionVersion())), alias);
    }

    public synchronized List<FunctionConfiguration> latestConfigurations() {
        return functions.values().stream().map(state -> state.latest).toList();
    }

    public synchronized List<FunctionConfiguration> versions(String name) {
        FunctionState state = state(FunctionName.parse(name).name());
        List<FunctionConfiguration> all = new ArrayList<>();
        all.add(state.latest);
        all.addAll(state.versions.values());
        return all;
    }

    /** Applies an update to $LATEST; returns the new configuration. */
    public synchronized FunctionConfiguration updateLatest(String name, Integer memorySize, Integer timeout,
                                                           Map<String, String> environment, String handler,
                                                           String description, String expectedRevisionId) {
        FunctionState state = state(FunctionName.parse(name).name());
        if (memorySize != null && !LambdaLimits.validMemory(memorySize)) {
            throw LambdaApiException.invalidParameter("'MemorySize' value failed to satisfy constraint: Member must have value "
                    + (memorySize < LambdaLimits.MIN_MEMORY_MB ? "greater than or equal to " + LambdaLimits.MIN_MEMORY_MB
                    : "less than or equal to " + LambdaLimits.MAX_MEMORY_MB) + ", was " + memorySize);
        }
        if (timeout != null && !LambdaLimits.validTimeout(timeout)) {
            throw LambdaApiException.invalidParameter("'Timeout' value failed to satisfy constraint: Member must have value between "
                    + LambdaLimits.MIN_TIMEOUT_SECONDS + " and "
                    + LambdaLimits.MAX_TIMEOUT_SECONDS + ", was " + timeout);
        }
        if (handler != null && state.latest.isImage()) {
            throw LambdaApiException.invalidParameter("Please don't provide Handler or Runtime or Layer when the intended "
                    + "function PackageType is Image.");
        }
        checkRevision(state.latest.revisionId(), expectedRevisionId);
        state.latest = state.latest.updated(memorySize, timeout, environment, handler, description);
        return state.latest;
    }

    /** Publishes $LATEST; an unchanged $LATEST returns the newest version instead of a duplicate, as Lambda does. */
    public synchronized FunctionConfiguration publishVersion(String name, String description, String expectedRevisionId,
                                                             String expectedCodeSha256) {
        FunctionState state = state(FunctionName.parse(name).name());
        checkRevision(state.latest.revisionId(), expectedRevisionId);
        if (expectedCodeSha256 != null && !expectedCodeSha256.equals(state.latest.codeSha256())) {
            throw LambdaApiException.invalidParameter("CodeSHA256 (" + expectedCodeSha256
                    + ") is different from current CodeSHA256 in $LATEST (" + state.latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.");
        }
        if (!state.versions.isEmpty() && state.versions.lastEntry().getValue().sameSettingsAs(state.latest)) {
            return state.versions.lastEntry().getValue();
        }
        int number = state.versions.isEmpty() ? 1 : state.versions.lastKey() + 1;
        FunctionConfiguration version = state.latest.asVersion(String.valueOf(number), description);
        state.versions.put(number, version);
        return version;
    }

    /** Deletes one version (with a qualifier) or, without one, the whole function. Returns what was removed. */
    public synchronized List<FunctionConfiguration> delete(String nameOrArn, String qualifier) {
        FunctionName parsed = FunctionName.parse(nameOrArn);
        String effective = qualifier != null ? qualifier : parsed.qualifier();
        FunctionState state = state(parsed.name());
        if (effective == null) {
            List<FunctionConfiguration> removed = new ArrayList<>(state.versions.values());
            removed.add(state.latest);
            functions.remove(state.latest.functionName());
            namesByLogicalId.values().remove(state.latest.functionName());
            return removed;
        }
        if (effective.equals(FunctionConfiguration.LATEST)) {
            throw LambdaApiException.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        if (!effective.chars().allMatch(Character::isDigit)) {
            throw LambdaApiException.invalidParameter("Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.");
        }
        int number = Integer.parseInt(effective);
        if (!state.versions.containsKey(number)) {
            throw LambdaApiException.notFound("Function not found: " + arns.qualified(state.latest.functionName(), effective));
        }
        for (AliasConfiguration alias : state.aliases.values()) {
            if (alias.functionVersion().equals(effective)) {
                throw LambdaApiException.conflict("Unable to delete version because the following aliases reference it: [" + alias.name() + "]");
            }
        }
        return List.of(state.versions.remove(number));
    }

    public synchronized AliasConfiguration createAlias(String name, String aliasName, String functionVersion, String description) {
        FunctionState state = state(FunctionName.parse(name).name());
        if (aliasName == null || aliasName.isEmpty() || aliasName.chars().allMatch(Character::isDigit) || aliasName.equals(FunctionConfiguration.LATEST)) {
            throw LambdaApiException.invalidParameter("Alias name must not be empty, a number or $LATEST: " + aliasName);
        }
        if (state.aliases.containsKey(aliasName)) {
            throw LambdaApiException.conflict("Alias already exists: " + arns.qualified(state.latest.functionName(), aliasName));
        }
        requirePublished(state, functionVersion);
        AliasConfiguration alias = new AliasConfiguration(aliasName, functionVersion, description);
        state.aliases.put(aliasName, alias);
        return alias;
    }

    public synchronized AliasConfiguration alias(String name, String aliasName) {
        FunctionState state = state(FunctionName.parse(name).name());
        AliasConfiguration alias = state.aliases.get(aliasName);
        if (alias == null) {
            throw LambdaApiException.notFound("Alias not found: " + arns.qualified(state.latest.functionName(), aliasName));
        }
        return alias;
    }

    public synchronized Collection<AliasConfiguration> aliases(String name) {
        return List.copyOf(state(FunctionName.parse(name).name()).aliases.values());
    }

    public synchronized AliasConfiguration updateAlias(String name, String aliasName, String functionVersion,
                                                       String description, String expectedRevisionId) {
        FunctionState state = state(FunctionName.parse(name).name());
        AliasConfiguration current = alias(name, aliasName);
        checkRevision(current.revisionId(), expectedRevisionId);
        String version = functionVersion != null ? functionVersion : current.functionVersion();
        requirePublished(state, version);
        AliasConfiguration updated = new AliasConfiguration(aliasName, version,
                description != null ? description : current.description());
        state.aliases.put(aliasName, updated);
        return updated;
    }

    public synchronized void deleteAlias(String name, String aliasName) {
        FunctionState state = state(FunctionName.parse(name).name());
        state.aliases.remove(aliasName);
    }

    private void requirePublished(FunctionState state, String functionVersion) {
        if (functionVersion == null || !functionVersion.chars().allMatch(Character::isDigit) || functionVersion.isEmpty()) {
            throw LambdaApiException.invalidParameter("An alias must point at a published version, not " + functionVersion + ".");
        }
        if (!state.versions.containsKey(Integer.parseInt(functionVersion))) {
            throw LambdaApiException.notFound("Function not found: " + arns.qualified(state.latest.functionName(), functionVersion));
        }
    }

    private static void checkRevision(String current, String expected) {
        if (expected != null && !expected.equals(current)) {
            throw new LambdaApiException("PreconditionFailedException", 412,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private FunctionState state(String name) {
        FunctionState state = functions.get(name);
        if (state == null && namesByLogicalId.containsKey(name)) {
            state = functions.get(namesByLogicalId.get(name));
        }
        if (state == null) {
            throw LambdaApiException.notFound("Function not found: " + arns.function(name));
        }
        return state;
    }
}
