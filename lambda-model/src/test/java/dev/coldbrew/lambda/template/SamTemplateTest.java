package dev.coldbrew.lambda.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
    private static final Arns ARNS = new Arns("eu-west-1", Arns.LOCAL_ACCOUNT);
    private static final Path PROJECT_TEMPLATE = dev.coldbrew.runtime.testing.ProjectRoot.find().resolve("template.yaml");

    @TempDir
    Path build;

    private FunctionConfiguration function(SamTemplate template, String logicalId) {
        return template.functions().stream().map(SamTemplate.TemplateFunction::configuration)
                .filter(c -> c.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    @Test
    void projectTemplateResolvesGlobalsParametersAndReferences() {
        SamTemplate template = SamTemplate.load(PROJECT_TEMPLATE, build, Map.of("DownstreamUrl", "http://127.0.0.1:9999"), ARNS);
        FunctionConfiguration noOp = function(template, "NoOpFunction");
        assertEquals("java25", noOp.runtime(), "Runtime: !Ref JavaRuntime takes the parameter's default");
        assertEquals(512, noOp.memorySize());
        assertEquals(10, noOp.timeout(), "Timeout from Globals");
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", noOp.environment().get("JAVA_TOOL_OPTIONS"));
        assertEquals(List.of("arn:aws:lambda:eu-west-1:123456789012:layer:local-coldbrew-runtime:1"),
                noOp.layers().stream().map(FunctionConfiguration.Layer::arn).toList(), "!Sub ${AWS::StackName} in LayerName");
        assertEquals(build.resolve("SharedLayer"), noOp.layers().get(0).directory());
        assertEquals(build.resolve("NoOpFunction"), noOp.codeDirectory());

        FunctionConfiguration network = function(template, "NetworkBoundFunction");
        assertEquals("http://127.0.0.1:9999", network.environment().get("DOWNSTREAM_URL"), "parameter override");
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1", network.environment().get("JAVA_TOOL_OPTIONS"),
                "Globals variables merge with the function's own");
        assertEquals("ReferenceTable", function(template, "DynamoDbSerialFunction").environment().get("TABLE_NAME"));
        SamTemplate.Table table = template.dynamoDbTables().get(0);
        assertEquals(List.of("ReferenceTable", "ReferenceTable"), List.of(table.logicalId(), table.name()));
        assertEquals(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")), table.keySchema());
        assertEquals(List.of(Map.of("AttributeName", "pk", "AttributeType", "S")), table.attributeDefinitions());
        assertTrue(template.functions().stream().allMatch(f -> "live".equals(f.autoPublishAlias())));
    }

    @Test
    void unknownParameterOverrideIsRejected() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> SamTemplate.load(PROJECT_TEMPLATE, build, Map.of("NoSuchParameter", "x"), ARNS));
        assertTrue(e.getMessage().contains("NoSuchParameter"), e.getMessage());
    }

    @Test
    void missingRequiredParameterIsNamedWhenUsed() {
        SamTemplate template = SamTemplate.load(PROJECT_TEMPLATE, build, Map.of(), ARNS);
        TemplateException e = assertThrows(TemplateException.class, template::functions);
        assertTrue(e.getMessage().contains("DownstreamUrl"), e.getMessage());
    }

    @Test
    void shortAndLongFormIntrinsicsEvaluate() throws IOException {
        Path file = build.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  Stage: {Type: String, Default: prod}
                  Sizes: {Type: CommaDelimitedList, Default: "256,2048"}
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  NotProd: !Not [!Condition IsProd]
                Mappings:
                  Memory: {prod: {size: 3008}}
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${AWS::StackName}-${Stage}-items"
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: !Join ["-", [orders, !Ref Stage]]
                      Runtime: java21
                      Handler: example.Handler
                      MemorySize: !FindInMap [Memory, !Ref Stage, size]
                      Timeout: !If [IsProd, 30, 3]
                      Environment:
                        Variables:
                          TABLE: !Ref Table
                          TABLE_ARN: {"Fn::GetAtt": [Table, Arn]}
                          SMALL: !Select [0, !Ref Sizes]
                          LITERAL: !Sub "${!NotAVariable}"
                          DEBUG: !If [NotProd, "true", !Ref AWS::NoValue]
                          SELF: !Sub "${Fn.Arn}"
                  Skipped:
                    Type: AWS::Serverless::Function
                    Condition: NotProd
                    Properties: {Runtime: java21, Handler: x.Y}
                """);
        SamTemplate template = SamTemplate.load(file, build, Map.of(), ARNS);
        assertEquals(1, template.functions().size(), "a resource whose Condition is false does not exist");
        FunctionConfiguration fn = template.functions().get(0).configuration();
        assertEquals("orders-prod", fn.functionName());
        assertEquals(3008, fn.memorySize());
        assertEquals(30, fn.timeout());
        assertEquals("local-prod-items", fn.environment().get("TABLE"));
        assertEquals("arn:aws:dynamodb:eu-west-1:123456789012:table/local-prod-items", fn.environment().get("TABLE_ARN"));
        assertEquals("256", fn.environment().get("SMALL"));
        assertEquals("${NotAVariable}", fn.environment().get("LITERAL"));
        assertNull(fn.environment().get("DEBUG"), "AWS::NoValue removes the variable");
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:orders-prod", fn.environment().get("SELF"));
    }

    @Test
    void samDefaultsApplyWhenNothingIsSet() throws IOException {
        Path file = build.resolve("minimal.yaml");
        Files.writeString(file, """
                Resources:
                  Minimal:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle}
                """);
        FunctionConfiguration minimal = SamTemplate.load(file, build, Map.of(), ARNS).functions().get(0).configuration();
        assertEquals(128, minimal.memorySize());
        assertEquals(3, minimal.timeout());
        assertEquals("x86_64", minimal.architecture());
    }

    @Test
    void environmentReferencesNameTheResourcesBehindVariables() throws IOException {
        Path file = build.resolve("references.yaml");
        Files.writeString(file, """
                Parameters:
                  Stage: {Type: String, Default: prod}
                Globals:
                  Function:
                    Environment:
                      Variables: {TABLE_NAME: !Ref AppTable}
                Resources:
                  AppTable:
                    Type: AWS::DynamoDB::Table
                  AppBucket:
                    Type: AWS::S3::Bucket
                  AppQueue:
                    Type: AWS::SQS::Queue
                  Other:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B::handle
                      Environment:
                        Variables:
                          BUCKET: !Ref AppBucket
                          QUEUE_ARN: !GetAtt AppQueue.Arn
                          PREFIX: !Sub "${Stage}/${AppBucket}/${!Literal}"
                          CALLS: !Ref Other
                          STAGE: !Ref Stage
                """);
        List<SamTemplate.EnvironmentReference> references = SamTemplate.load(file, build, Map.of(), ARNS).environmentReferences();
        assertEquals(List.of(
                        "Other TABLE_NAME=AppTable -> AppTable AWS::DynamoDB::Table",
                        "Fn TABLE_NAME=AppTable -> AppTable AWS::DynamoDB::Table",
                        "Fn BUCKET=appbucket -> AppBucket AWS::S3::Bucket",
                        "Fn QUEUE_ARN=arn:aws:local:eu-west-1:123456789012:AppQueue/Arn -> AppQueue AWS::SQS::Queue",
                        "Fn PREFIX=prod/appbucket/${Literal} -> AppBucket AWS::S3::Bucket"),
                references.stream().map(r -> r.function() + " " + r.variable() + "=" + r.value() + " -> " + r.resource()
                        + " " + r.resourceType()).toList(),
                "functions and parameters are not resources to stand in for; a Sub's ${!Literal} is no reference");
    }

    @Test
    void nonJavaFunctionsAreSkippedWithAReason() throws IOException {
        Path file = build.resolve("mixed.yaml");
        Files.writeString(file, """
                Resources:
                  JavaFn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle}
                  PythonFn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: app.handler}
                """);
        SamTemplate template = SamTemplate.load(file, build, Map.of(), ARNS);
        assertEquals(List.of("JavaFn"), template.functions().stream().map(f -> f.configuration().logicalId()).toList());
        assertEquals(List.of("PythonFn uses Runtime python3.12; only Java runtimes run locally."), template.skippedFunctions());
    }

    @Test
    void aSymlinkedBuildDirectoryIsMeasuredThroughTheLink() throws IOException {
        Path file = build.resolve("linked.yaml");
        Files.writeString(file, """
                Resources:
                  Real:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle}
                  Linked:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle}
                """);
        Files.createDirectories(build.resolve("Real/lib"));
        Files.write(build.resolve("Real/lib/function.jar"), new byte[1234]);
        Files.createSymbolicLink(build.resolve("Linked"), build.resolve("Real"));
        List<FunctionConfiguration> functions = SamTemplate.load(file, build, Map.of(), ARNS).functions().stream()
                .map(SamTemplate.TemplateFunction::configuration).toList();
        FunctionConfiguration real = functions.get(0);
        FunctionConfiguration linked = functions.get(1);
        assertEquals(1234, real.codeSize());
        assertEquals(real.codeSize(), linked.codeSize());
        assertEquals(real.codeSha256(), linked.codeSha256());
    }

    @Test
    void anImageFunctionRunsFromItsTarballAndIsSkippedWithoutIt() throws IOException {
        Path file = build.resolve("images.yaml");
        Files.writeString(file, """
                Resources:
                  Built:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/built:latest
                      MemorySize: 1024
                      ImageConfig:
                        EntryPoint: [/opt/entry.sh, --fast]
                        Command: [example.Handler::handleRequest]
                        WorkingDirectory: /var/task
                  Plain:
                    Type: AWS::Serverless::Function
                    Properties: {PackageType: Image, ImageUri: plain:latest}
                  NotBuilt:
                    Type: AWS::Serverless::Function
                    Properties: {PackageType: Image, ImageUri: not-built:latest}
                """);
        byte[] tarball = "not parsed here".getBytes();
        Files.createDirectories(build.resolve("Built"));
        Files.write(build.resolve("Built/image.tar"), tarball);
        Files.createDirectories(build.resolve("Plain"));
        Files.write(build.resolve("Plain/image.tar"), new byte[7]);

        SamTemplate template = SamTemplate.load(file, build, Map.of(), ARNS);
        assertEquals(List.of("Built", "Plain"), template.functionIds());
        assertEquals(List.of("NotBuilt is a container image function and has no " + build.resolve("NotBuilt/image.tar")
                + "; run `make images`."), template.skippedFunctions());
        FunctionConfiguration built = function(template, "Built");
        assertTrue(built.isImage());
        assertEquals("", built.runtime());
        assertEquals("", built.handler());
        assertEquals(1024, built.memorySize());
        assertEquals(build.resolve("Built/image.tar"), built.imageArchive());
        assertEquals(new FunctionConfiguration.ImageConfig(List.of("/opt/entry.sh", "--fast"),
                List.of("example.Handler::handleRequest"), "/var/task"), built.imageConfig());
        assertEquals(tarball.length, built.codeSize());
        assertEquals(java.util.HexFormat.of().formatHex(sha256(tarball)), built.codeSha256(), "the tarball's digest, in hex");
        assertTrue(function(template, "Plain").imageConfig().isEmpty(), "no ImageConfig: the image decides");
    }

    @Test
    void globalRuntimeAndHandlerFailAnImageFunctionAsSamDoesUnlessItIgnoresThem() throws IOException {
        Path file = build.resolve("globals.yaml");
        String template = """
                Globals:
                  Function: {Runtime: java21, Handler: a.B::handle, Timeout: 20}
                Resources:
                  Img:
                    Type: AWS::Serverless::Function
                    %s
                    Properties: {PackageType: Image, ImageUri: img:latest}
                """;
        Files.createDirectories(build.resolve("Img"));
        Files.write(build.resolve("Img/image.tar"), new byte[1]);
        Files.writeString(file, template.formatted(""));
        TemplateException e = assertThrows(TemplateException.class,
                () -> SamTemplate.load(file, build, Map.of(), ARNS).functions());
        assertTrue(e.getMessage().startsWith("Img: Runtime, Handler cannot be present when PackageType is Image"), e.getMessage());

        Files.writeString(file, template.formatted("IgnoreGlobals: [Runtime, Handler]"));
        FunctionConfiguration img = SamTemplate.load(file, build, Map.of(), ARNS).functions().get(0).configuration();
        assertEquals(20, img.timeout(), "the other globals still apply");
        assertTrue(img.isImage());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
