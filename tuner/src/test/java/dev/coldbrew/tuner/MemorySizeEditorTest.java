package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemorySizeEditorTest {
    @TempDir
    static Path dir;

    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              DownstreamUrl: {Type: String}
            Globals:
              Function:
                Runtime: java21
                Handler: a.Default::handleRequest
                MemorySize: 1024   # default for all
                Timeout: 10
            Resources:
              # The CPU workload
              CpuFn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handleRequest
                  MemorySize:   1769  # tuned by hand
                  Environment:
                    Variables:
                      TABLE: !Ref Table
              PlainFn:
                Type: AWS::Serverless::Function
                Properties:
                  # comment before the first property
                  Handler: a.C::handleRequest
              BareFn:
                Type: AWS::Serverless::Function
                Metadata:
                  BuildMethod: makefile
              Table:
                Type: AWS::DynamoDB::Table
            """;

    /** A function's memory size as the template now says it (read by lambda-model, as the emulator reads it). */
    private static int memory(String template, String logicalId) throws Exception {
        Path file = Files.writeString(dir.resolve("t.yaml"), template);
        return SamTemplate.load(file, dir, Map.of("DownstreamUrl", "http://127.0.0.1:9"), new Arns("us-east-1", Arns.LOCAL_ACCOUNT))
                .functions().stream().map(SamTemplate.TemplateFunction::configuration)
                .filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow().memorySize();
    }

    @Test
    void theTestTemplateHasOwnAndGlobalMemory() throws Exception {
        assertEquals(1769, memory(TEMPLATE, "CpuFn"));
        assertEquals(1024, memory(TEMPLATE, "PlainFn"));
    }

    @Test
    void replacesOnlyTheValueKeepingCommentsAndSpacing() throws Exception {
        String edited = MemorySizeEditor.parse(Path.of("t.yaml"), TEMPLATE).withMemory("CpuFn", 512);
        assertEquals(TEMPLATE.replace("MemorySize:   1769  # tuned by hand", "MemorySize:   512  # tuned by hand"), edited);
        assertEquals(512, memory(edited, "CpuFn"));
    }

    @Test
    void addsMemorySizeToAFunctionThatInheritsFromGlobals() throws Exception {
        String edited = MemorySizeEditor.parse(Path.of("t.yaml"), TEMPLATE).withMemory("PlainFn", 256);
        assertTrue(edited.contains("""
                    Properties:
                      MemorySize: 256
                      # comment before the first property
                      Handler: a.C::handleRequest
                """));
        assertEquals(256, memory(edited, "PlainFn"));
        assertEquals(1024, memory(edited, "BareFn"), "Globals untouched");
        assertTrue(edited.contains("MemorySize: 1024   # default for all"));
    }

    @Test
    void addsPropertiesWhenTheFunctionHasNone() throws Exception {
        String edited = MemorySizeEditor.parse(Path.of("t.yaml"), TEMPLATE).withMemory("BareFn", 2048);
        assertEquals(2048, memory(edited, "BareFn"));
        assertTrue(edited.contains("""
                  BareFn:
                    Properties:
                      MemorySize: 2048
                    Type: AWS::Serverless::Function
                """));
    }

    @Test
    void unknownFunctionOrNotAFunctionIsRejected() {
        MemorySizeEditor t = MemorySizeEditor.parse(Path.of("t.yaml"), TEMPLATE);
        assertThrows(IllegalArgumentException.class, () -> t.withMemory("Nope", 512));
        assertThrows(IllegalArgumentException.class, () -> t.withMemory("Table", 512));
    }

    @Test
    void theRepositoryTemplateKeepsEveryOtherLine(@TempDir Path dir) throws Exception {
        Path original = ProjectRoot.find().resolve("template.yaml");
        Path copy = Files.copy(original, dir.resolve("template.yaml"));
        MemorySizeEditor.load(copy).applyMemory("CpuBoundFunction", 1024);
        List<String> before = Files.readAllLines(original);
        List<String> after = Files.readAllLines(copy);
        assertEquals(before.size(), after.size());
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                changed++;
                assertEquals("      MemorySize: 1024", after.get(i));
            }
        }
        assertEquals(1, changed);
        assertEquals(1024, memory(Files.readString(copy), "CpuBoundFunction"));
    }
}
