package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
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

    @Test
    void listsFunctionsWithOwnOrGlobalMemory() {
        Template t = Template.parse(Path.of("t.yaml"), TEMPLATE);
        assertEquals(List.of("CpuFn", "PlainFn", "BareFn"), List.copyOf(t.functions().keySet()));
        assertEquals(1769, t.functions().get("CpuFn"));
        assertEquals(1024, t.functions().get("PlainFn"));
    }

    @Test
    void replacesOnlyTheValueKeepingCommentsAndSpacing() {
        String edited = Template.parse(Path.of("t.yaml"), TEMPLATE).withMemory("CpuFn", 512);
        assertEquals(TEMPLATE.replace("MemorySize:   1769  # tuned by hand", "MemorySize:   512  # tuned by hand"), edited);
        assertEquals(512, Template.parse(Path.of("t.yaml"), edited).functions().get("CpuFn"));
    }

    @Test
    void addsMemorySizeToAFunctionThatInheritsFromGlobals() {
        String edited = Template.parse(Path.of("t.yaml"), TEMPLATE).withMemory("PlainFn", 256);
        assertTrue(edited.contains("""
                    Properties:
                      MemorySize: 256
                      # comment before the first property
                      Handler: a.C::handleRequest
                """));
        Template reread = Template.parse(Path.of("t.yaml"), edited);
        assertEquals(256, reread.functions().get("PlainFn"));
        assertEquals(1024, reread.functions().get("BareFn"), "Globals untouched");
        assertTrue(edited.contains("MemorySize: 1024   # default for all"));
    }

    @Test
    void addsPropertiesWhenTheFunctionHasNone() {
        String edited = Template.parse(Path.of("t.yaml"), TEMPLATE).withMemory("BareFn", 2048);
        assertEquals(2048, Template.parse(Path.of("t.yaml"), edited).functions().get("BareFn"));
        assertTrue(edited.contains("""
                  BareFn:
                    Properties:
                      MemorySize: 2048
                    Type: AWS::Serverless::Function
                """));
    }

    @Test
    void unknownFunctionOrNotAFunctionIsRejected() {
        Template t = Template.parse(Path.of("t.yaml"), TEMPLATE);
        assertThrows(IllegalArgumentException.class, () -> t.withMemory("Nope", 512));
        assertThrows(IllegalArgumentException.class, () -> t.withMemory("Table", 512));
    }

    @Test
    void theRepositoryTemplateKeepsEveryOtherLine(@TempDir Path dir) throws Exception {
        Path original = Path.of(System.getProperty("coldbrew.root", "..")).resolve("template.yaml");
        Path copy = Files.copy(original, dir.resolve("template.yaml"));
        Template.load(copy).applyMemory("CpuBoundFunction", 1024);
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
        assertEquals(1024, Template.load(copy).functions().get("CpuBoundFunction"));
    }
}
