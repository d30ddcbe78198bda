package dev.coldbrew.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class KitTest {
    @TempDir
    Path root;

    @Test
    void aHandlerThatAnswersItsExemplarPasses() {
        ExemplarAssertions.assertAnswersItsExemplar(new UpperCaseHandler(false));
    }

    @Test
    void aWrongAnswerFailsWithBothTrees() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ExemplarAssertions.assertAnswersItsExemplar(new UpperCaseHandler(true)));
        assertTrue(e.getMessage().contains("COLD BREW") && e.getMessage().contains("cold brew"), e.getMessage());
    }

    @Test
    void localInvokeRunsTheHandlerWithATestContextThatKeepsTheLog() throws IOException {
        assertEquals("{\"length\":2,\"upper\":\"AB\"}", LocalInvoke.invoke(new UpperCaseHandler(false), "{\"text\":\"ab\"}"));
        TestContext context = TestContext.create().withFunction("upper", 512).withTimeoutMillis(3000);
        new UpperCaseHandler(false).handleRequest(new java.io.ByteArrayInputStream("{\"text\":\"abc\"}".getBytes()),
                new java.io.ByteArrayOutputStream(), context);
        assertEquals("upper-casing 3 characters\n", context.logged());
        assertEquals(512, context.getMemoryLimitInMB());
        assertTrue(context.getRemainingTimeInMillis() <= 3000 && context.getRemainingTimeInMillis() > 0);
    }

    @Test
    void theRegistryListsFunctionsInOrderWithTheirModules() throws IOException {
        Files.writeString(root.resolve("functions.mk"), """
                REFERENCE_FUNCTIONS := BFunction AFunction
                module_AFunction := functions/a
                module_BFunction := functions/b
                """);
        Map<String, Path> modules = FunctionModules.of(root);
        assertEquals(List.of("BFunction", "AFunction"), List.copyOf(modules.keySet()));
        assertEquals(root.resolve("functions/a"), modules.get("AFunction"));
    }

    @Test
    void aGeneratedProjectKeepsItsRegistryInTheMakefile() throws IOException {
        Files.writeString(root.resolve("Makefile"), "FUNCTIONS := HelloFunction\nmodule_HelloFunction := hello\n\nbuild:\n");
        assertEquals(Map.of("HelloFunction", root.resolve("hello")), FunctionModules.of(root));
    }

    @Test
    void aFunctionWithoutAModuleLineIsNamed() throws IOException {
        Files.writeString(root.resolve("functions.mk"), "REFERENCE_FUNCTIONS := AFunction BFunction\nmodule_AFunction := a\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionModules.of(root));
        assertTrue(e.getMessage().contains("module_BFunction"), e.getMessage());
    }

    @Test
    void artifactsAreLaidOutAsMakeBuildDoes() throws IOException {
        Files.writeString(root.resolve("functions.mk"), "REFERENCE_FUNCTIONS := AFunction\nmodule_AFunction := a\n");
        Files.createDirectories(root.resolve("a/target"));
        Files.createDirectories(root.resolve("shared-layer/target/layer-lib"));
        Files.writeString(root.resolve("a/target/a-1.jar"), "function");
        Files.writeString(root.resolve("a/target/a-1-tests.jar"), "tests");
        Files.writeString(root.resolve("shared-layer/target/runtime-1.jar"), "layer");
        Files.writeString(root.resolve("shared-layer/target/layer-lib/sdk-1.jar"), "sdk");
        Path out = LambdaArtifacts.layOut(root.resolve("out"), root);
        assertTrue(Files.isRegularFile(out.resolve("AFunction/lib/a-1.jar")));
        assertTrue(Files.notExists(out.resolve("AFunction/lib/a-1-tests.jar")), "test jars never reach Lambda");
        assertTrue(Files.isRegularFile(out.resolve("SharedLayer/java/lib/runtime-1.jar")));
        assertTrue(Files.isRegularFile(out.resolve("SharedLayer/java/lib/sdk-1.jar")));
    }
}
