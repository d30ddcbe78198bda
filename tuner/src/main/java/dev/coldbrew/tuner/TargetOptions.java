package dev.coldbrew.tuner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which functions to tune and where they run: the template's on a local emulator, or deployed ones on AWS. */
final class TargetOptions {
    static final String ENDPOINT_IS_LOCAL = "--endpoint is for a local emulator; leave it out to tune on AWS.";

    @ArgGroup(exclusive = true)
    Location location = new Location();

    @Option(names = {"-f", "--function"}, paramLabel = "ID",
            description = "Function(s) to tune: template logical IDs (local or with --stack), or names/ARNs on AWS. Default: all. "
                    + "NAME:ALIAS or NAME:VERSION (or a qualified ARN) tunes what that alias or version runs, which must be "
                    + "$LATEST's code and configuration apart from memory; --auto-optimize then moves that alias.")
    List<String> functions = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", description = "Pricing (and AWS) region. Default: the AWS region, or us-east-1 locally.")
    String region;

    @Option(names = "--template", paramLabel = "FILE", description = "SAM template. Default: ${DEFAULT-VALUE}.")
    Path template = Path.of("template.yaml");

    @Option(names = "--parameter-override", paramLabel = "NAME=VALUE",
            description = "Template parameter for the local emulator, repeatable (e.g. DynamoDbSerialImageUri=local includes the image function).")
    Map<String, String> parameterOverrides = new LinkedHashMap<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Environment variable for every execution environment of the local emulator, repeatable "
                    + "(e.g. AWS_ENDPOINT_URL_S3=URL for a bucket that does not run locally).")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--local-services-file", paramLabel = "FILE",
            description = "How the local emulator's services are configured. Default: local-services.yaml beside the template, if any.")
    Path localServicesFile;

    @Option(names = "--local-services-setting", paramLabel = "KEY=VALUE",
            description = "A setting over the local-services file's, repeatable: SECTION.NAME=VALUE, e.g. "
                    + "dynamodb.seed.AppTable=items.json (relative paths are relative to the file's directory).")
    Map<String, String> localServicesSettings = new LinkedHashMap<>();

    @Option(names = "--build-dir", paramLabel = "DIR", description = "Built Lambda artifacts, <dir>/<LogicalId>/lib/*.jar. Default: target/lambda beside the template.")
    Path buildDir;

    /** An emulator that is already running, or AWS. */
    @ConflictMessage(ENDPOINT_IS_LOCAL)
    static final class Location {
        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Lambda API of an emulator that is already running (e.g. http://127.0.0.1:3001).")
        String endpoint;

        @ArgGroup(exclusive = false)
        Aws aws = new Aws();
    }

    static final class Aws {
        @Option(names = "--stack", paramLabel = "NAME", description = "Tune the functions of this deployed stack on AWS.")
        String stack;

        @Option(names = "--aws", description = "Tune deployed functions named with --function on AWS (implied by --stack or an ARN).")
        boolean aws;
    }

    /** The names given with --function, split at commas and blanks, without repeats. */
    List<String> functionNames() {
        return FunctionResolver.names(functions);
    }

    boolean onAws() {
        return location.aws.aws || location.aws.stack != null || functionNames().stream().anyMatch(FunctionResolver::isArn);
    }

    /** An ARN names a deployed function, which an emulator's --endpoint cannot reach; a qualifier must read as one. */
    void validate() {
        if (onAws() && location.endpoint != null) {
            throw new UsageException(ENDPOINT_IS_LOCAL);
        }
        functionNames().forEach(FunctionResolver::parse);
    }

    /** The aliases named as qualifiers of --function (not version numbers), which --auto-optimize would move. */
    List<String> aliasQualifiers() {
        return functionNames().stream().map(FunctionResolver::parse).map(FunctionResolver.Named::qualifier)
                .filter(q -> q != null && !q.chars().allMatch(Character::isDigit)).distinct().toList();
    }

    /** The running emulator's Lambda API; null when there is none (AWS, or an embedded emulator). */
    String endpoint() {
        return location.endpoint;
    }

    String stack() {
        return location.aws.stack;
    }

    /** The region given with --region; null when none was. */
    String region() {
        return region;
    }

    /** --region, else the region inside a function ARN, else the AWS default (environment, profile). */
    String awsRegion() {
        return Optional.ofNullable(region)
                .or(() -> functionNames().stream().map(FunctionResolver::arnRegion).flatMap(Optional::stream).findFirst())
                .or(LambdaClients::defaultRegion)
                .orElseThrow(() -> new UsageException("No AWS region: set AWS_REGION, configure a profile region, or give --region."));
    }

    Path templateFile() {
        return template.toAbsolutePath().normalize();
    }

    /** Where the build puts each function's artifact; target/lambda beside the template unless given. */
    Path buildDir() {
        return buildDir != null ? buildDir.toAbsolutePath() : templateFile().getParent().resolve("target/lambda");
    }
}
