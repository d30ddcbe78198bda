package dev.coldbrew.lambda.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** SAM's Globals rules, one test each, on the configuration the emulator builds from a template. */
class SamGlobalsTest {
    private static final Arns ARNS = new Arns("us-east-1", Arns.LOCAL_ACCOUNT);
    private static final String GLOBALS = """
            Conditions:
              Never: !Equals [a, b]
            Globals:
              Function:
                Runtime: java25
                Handler: app.Handler::handleRequest
                MemorySize: 1024
                Timeout: 30
                Layers: [!Ref Shared]
                Environment:
                  Variables: {FROM_GLOBALS: g, SHARED: global}
            Resources:
              Shared:
                Type: AWS::Serverless::LayerVersion
                Properties: {LayerName: shared}
              Extra:
                Type: AWS::Serverless::LayerVersion
                Properties: {LayerName: extra}
            """;

    @TempDir
    Path build;

    private SamTemplate template(String resources) throws IOException {
        Path file = build.resolve("template.yaml");
        Files.writeString(file, GLOBALS + resources.indent(2));
        return SamTemplate.load(file, build, Map.of(), ARNS);
    }

    private static FunctionConfiguration only(SamTemplate template) {
        return template.functions().get(0).configuration();
    }

    private static List<String> layerNames(FunctionConfiguration function) {
        return function.layers().stream().map(FunctionConfiguration.Layer::logicalId).toList();
    }

    @Test
    void aPlainLambdaFunctionGetsNoneOfTheGlobals() throws IOException {
        FunctionConfiguration plain = only(template("""
                Plain:
                  Type: AWS::Lambda::Function
                  Properties: {Runtime: java21, Handler: a.B::handle}
                """));
        assertEquals(128, plain.memorySize(), "Lambda's default, not Globals' 1024");
        assertEquals(3, plain.timeout());
        assertEquals(List.of(), plain.layers());
        assertEquals(Map.of(), plain.environment());
    }

    @Test
    void aServerlessFunctionInheritsWhatItDoesNotSet() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                """));
        assertEquals("java25", fn.runtime());
        assertEquals("app.Handler::handleRequest", fn.handler());
        assertEquals(1024, fn.memorySize());
        assertEquals(30, fn.timeout());
        assertEquals(List.of("Shared"), layerNames(fn));
    }

    @Test
    void aFunctionsScalarOverridesTheGlobal() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties: {MemorySize: 256, Runtime: java21}
                """));
        assertEquals(256, fn.memorySize());
        assertEquals("java21", fn.runtime());
        assertEquals(30, fn.timeout());
    }

    @Test
    void mapsMergeKeyByKeyWithTheFunctionWinning() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Environment:
                      Variables: {SHARED: local, OWN: o}
                """));
        assertEquals(Map.of("FROM_GLOBALS", "g", "SHARED", "local", "OWN", "o"), fn.environment());
    }

    @Test
    void listsConcatenateGlobalEntriesFirstKeepingDuplicates() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Layers: [!Ref Extra, !Ref Shared]
                """));
        assertEquals(List.of("Shared", "Extra", "Shared"), layerNames(fn));
    }

    @Test
    void anIntrinsicFunctionIsMergedLikeAScalar() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Environment:
                      Variables: !If [Never, {A: a}, {ONLY: intrinsic}]
                """));
        assertEquals(Map.of("ONLY", "intrinsic"), fn.environment(),
                "the !If replaces Globals' Variables instead of merging with them");
    }

    @Test
    void anIntrinsicListReplacesTheGlobalList() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  Properties:
                    Layers: !If [Never, [!Ref Extra], !Ref AWS::NoValue]
                """));
        assertEquals(List.of(), layerNames(fn), "not Shared followed by the !If's value");
    }

    @Test
    void aValueOfAnotherTypeReplacesTheGlobal() {
        SamGlobals globals = SamGlobals.parse(Map.of("Function", Map.of("CodeUri", "s3://bucket/key",
                "Tags", Map.of("team", "a"))));
        Map<String, Object> resource = Map.of("Type", "AWS::Serverless::Function");
        Map<String, Object> merged = globals.apply("Fn", resource, Map.of("CodeUri", Map.of("Bucket", "b", "Key", "k"),
                "Tags", List.of("not-a-map")));
        assertEquals(Map.of("Bucket", "b", "Key", "k"), merged.get("CodeUri"));
        assertEquals(List.of("not-a-map"), merged.get("Tags"));
    }

    @Test
    void ignoreGlobalsStarDropsEveryGlobal() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  IgnoreGlobals: "*"
                  Properties: {Runtime: java21, Handler: a.B::handle}
                """));
        assertEquals(128, fn.memorySize());
        assertEquals(List.of(), fn.layers());
    }

    @Test
    void ignoreGlobalsListDropsTheNamedOnes() throws IOException {
        FunctionConfiguration fn = only(template("""
                Fn:
                  Type: AWS::Serverless::Function
                  IgnoreGlobals: [Layers, MemorySize]
                """));
        assertEquals(128, fn.memorySize());
        assertEquals(List.of(), fn.layers());
        assertEquals(30, fn.timeout(), "what is not named still applies");
    }

    @Test
    void ignoringAPropertyThatIsNotGlobalFails() throws IOException {
        SamTemplate template = template("""
                Fn:
                  Type: AWS::Serverless::Function
                  IgnoreGlobals: [Tracing]
                """);
        TemplateException e = assertThrows(TemplateException.class, template::functions);
        assertTrue(e.getMessage().contains("Tracing"), e.getMessage());
    }

    @Test
    void aPropertySamDoesNotShareIsRejected() throws IOException {
        Path file = build.resolve("bad.yaml");
        Files.writeString(file, """
                Globals:
                  Function:
                    FunctionName: shared-name
                Resources: {}
                """);
        TemplateException e = assertThrows(TemplateException.class, () -> SamTemplate.load(file, build, Map.of(), ARNS));
        assertTrue(e.getMessage().contains("'FunctionName' is not a property SAM lets functions share"), e.getMessage());
    }

    @Test
    void anUnknownGlobalsSectionIsRejected() throws IOException {
        Path file = build.resolve("bad.yaml");
        Files.writeString(file, """
                Globals:
                  Functions: {Timeout: 5}
                Resources: {}
                """);
        TemplateException e = assertThrows(TemplateException.class, () -> SamTemplate.load(file, build, Map.of(), ARNS));
        assertTrue(e.getMessage().contains("'Functions' is not supported"), e.getMessage());
    }
}
