package dev.coldbrew.tuner.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.runtime.testing.ProjectRoot;
import dev.coldbrew.templaterules.TemplateRules;
import dev.coldbrew.tuner.advice.StrategyEditor.Kind;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategyEditorTest {
    private static final Path ROOT = ProjectRoot.find();

    /** What a user adds when told that provisioned concurrency needs autoscaling (as DynamoDbSerialAutoscaling). */
    private static final String NO_OP_AUTOSCALING = """
              NoOpAutoscaling:
                Type: AWS::Serverless::Application
                DependsOn: NoOpFunctionAliaslive
                Properties:
                  Location: provisioned-concurrency/autoscaling.yaml
                  Parameters:
                    FunctionName: !Ref NoOpFunction
                    AliasName: live

            """;

    @TempDir
    Path dir;

    private static String original() throws Exception {
        return Files.readString(ROOT.resolve("template.yaml"));
    }

    private static StrategyEditor editor(String text) {
        return StrategyEditor.parse(Path.of("template.yaml"), text);
    }

    /** The template rules on this text, as a project of its own next to the repository's Makefile and functions.mk. */
    private List<String> violations(String template) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve("template.yaml"), template);
        for (String makefile : List.of("Makefile", "functions.mk")) {
            Files.copy(ROOT.resolve(makefile), project.resolve(makefile), StandardCopyOption.REPLACE_EXISTING);
        }
        return TemplateRules.check(project);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String template, String function) {
        Map<String, Object> parsed = (Map<String, Object>) CloudFormationYaml.read(new StringReader(template));
        Map<String, Object> resource = (Map<String, Object>) ((Map<String, Object>) parsed.get("Resources")).get(function);
        return (Map<String, Object>) resource.get("Properties");
    }

    /** Index of the resource's first line and one past its last (before the blank line or next resource). */
    private static int[] block(List<String> lines, String resource) {
        int start = lines.indexOf("  " + resource + ":");
        assertTrue(start >= 0, resource);
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isBlank() && lines.get(end).startsWith("    ")) {
            end++;
        }
        return new int[] {start, end};
    }

    /** Asserts that the lines before and after the resource's block are the same in both texts. */
    private static void assertOnlyBlockChanged(String before, String after, String resource) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[] blockA = block(a, resource);
        int[] blockB = block(b, resource);
        assertEquals(a.subList(0, blockA[0]), b.subList(0, blockB[0]), "lines above " + resource);
        assertEquals(a.subList(blockA[1], a.size()), b.subList(blockB[1], b.size()), "lines below " + resource);
    }

    private static List<Integer> differingLines(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        assertEquals(a.size(), b.size());
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing.add(i);
            }
        }
        return differing;
    }

    @Test
    void provisioningAFunctionWithoutAutoscalingIsRefusedWithWhatToAdd() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(original()).apply("NoOpFunction", Kind.PROVISIONED, 3));
        assertTrue(e.getMessage().contains("NoOpFunction has no provisioned-concurrency autoscaling"), e.getMessage());
        assertTrue(e.getMessage().contains("provisioned-concurrency/autoscaling.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("DependsOn: NoOpFunctionAliaslive"), e.getMessage());
    }

    @Test
    void noOpToProvisionedTouchesOnlyItsOwnLines() throws Exception {
        String prepared = original().replace("  ReferenceTable:\n", NO_OP_AUTOSCALING + "  ReferenceTable:\n");
        String edited = editor(prepared).apply("NoOpFunction", Kind.PROVISIONED, 3);

        assertTrue(edited.contains("""
                      MemorySize: 512
                      ProvisionedConcurrencyConfig:
                        ProvisionedConcurrentExecutions: 3
                    Metadata:
                """), edited);
        assertOnlyBlockChanged(prepared, edited, "NoOpFunction");
        Map<String, Object> properties = properties(edited, "NoOpFunction");
        assertNull(properties.get("SnapStart"));
        assertEquals(Map.of("ProvisionedConcurrentExecutions", 3), properties.get("ProvisionedConcurrencyConfig"));
        assertEquals(List.of(), violations(edited));
        assertEquals(edited, editor(edited).apply("NoOpFunction", Kind.PROVISIONED, 3), "idempotent");
    }

    @Test
    void aReferencedCountSetsOnlyTheParameterDefault() throws Exception {
        String edited = editor(original()).apply("DynamoDbSerialFunction", Kind.PROVISIONED, 4);
        List<Integer> differing = differingLines(original(), edited);
        assertEquals(1, differing.size(), "exactly one line");
        List<String> lines = edited.lines().toList();
        assertEquals("    Default: 4", lines.get(differing.get(0)));
        assertEquals("  ProvisionedMinCapacity:", lines.get(differing.get(0) - 2));
        assertTrue(edited.contains("ProvisionedConcurrentExecutions: !Ref ProvisionedMinCapacity"));
        assertEquals(List.of(), violations(edited));
    }

    @Test
    void autoscalingBlocksSnapStartAndOnDemand() throws Exception {
        for (Kind kind : List.of(Kind.SNAP_START, Kind.ON_DEMAND)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> editor(original()).apply("DynamoDbSerialFunction", kind, 0));
            assertTrue(e.getMessage().contains(
                    "DynamoDbSerialFunction has provisioned-concurrency autoscaling in resource DynamoDbSerialAutoscaling"), e.getMessage());
            assertTrue(e.getMessage().contains("Remove DynamoDbSerialAutoscaling from the template first"), e.getMessage());
        }
    }

    @Test
    void cpuBoundToSnapStartAndBack() throws Exception {
        String original = original();
        assertNull(properties(original, "CpuBoundFunction").get("SnapStart"), "the template starts it on demand");
        String snapStart = editor(original).apply("CpuBoundFunction", Kind.SNAP_START, 0);
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), properties(snapStart, "CpuBoundFunction").get("SnapStart"));
        assertTrue(snapStart.contains("""
                      MemorySize: 1769
                      SnapStart:
                        ApplyOn: PublishedVersions
                      Timeout: 60
                """), "right after MemorySize");
        assertOnlyBlockChanged(original, snapStart, "CpuBoundFunction");
        // Exactly two lines more, right after the function's MemorySize; without them the text is the original.
        List<String> lines = new ArrayList<>(snapStart.lines().toList());
        int memory = lines.indexOf("      MemorySize: 1769");
        assertEquals(List.of("      SnapStart:", "        ApplyOn: PublishedVersions"), List.copyOf(lines.subList(memory + 1, memory + 3)));
        lines.subList(memory + 1, memory + 3).clear();
        assertEquals(original.lines().toList(), lines);
        assertEquals(List.of(), violations(snapStart));

        String back = editor(snapStart).apply("CpuBoundFunction", Kind.ON_DEMAND, 0);
        assertEquals(original, back, "on demand again: the original text");
        assertEquals(List.of(), violations(back));
    }

    @Test
    void theStrategyAFunctionHasLeavesTheTextAsItIs() throws Exception {
        String original = original();
        assertEquals(original, editor(original).apply("NoOpFunction", Kind.SNAP_START, 0));
        assertEquals(original, editor(original).apply("DynamoDbSerialFunction", Kind.PROVISIONED, 1));
    }

    @Test
    void writeReplacesTheFileKeepingItsPermissions() throws Exception {
        Path template = Files.copy(ROOT.resolve("template.yaml"), dir.resolve("template.yaml"));
        boolean posix = template.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.setPosixFilePermissions(template, PosixFilePermissions.fromString("rw-r-----"));
        }
        String expected = StrategyEditor.load(template).apply("CpuBoundFunction", Kind.ON_DEMAND, 0);

        StrategyEditor.load(template).write("CpuBoundFunction", Kind.ON_DEMAND, 0);

        assertEquals(expected, Files.readString(template));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(template), files.toList(), "no temporary file left");
        }
        if (posix) {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(template)));
        }
    }

    @Test
    void unknownFunctionsAndOtherResourcesAreNamedWithTheFunctions() throws Exception {
        String functions = "NoOpFunction, CpuBoundFunction, NetworkBoundFunction, DynamoDbSerialFunction, DynamoDbSerialImageFunction";
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> editor(original()).apply("NopeFunction", Kind.SNAP_START, 0));
        assertTrue(unknown.getMessage().contains("has no resource NopeFunction; its functions: " + functions), unknown.getMessage());

        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> editor(original()).apply("ReferenceTable", Kind.ON_DEMAND, 0));
        assertTrue(table.getMessage().contains("ReferenceTable"), table.getMessage());
        assertTrue(table.getMessage().contains("is an AWS::DynamoDB::Table, not an AWS::Serverless::Function; its functions: " + functions),
                table.getMessage());
    }

    @Test
    void fewerThanOneEnvironmentIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(original()).apply("DynamoDbSerialFunction", Kind.PROVISIONED, 0));
        assertTrue(e.getMessage().contains("needs at least 1 environment, not 0"), e.getMessage());
    }

    @Test
    void containerImagesGetNoSnapStart() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(original()).apply("DynamoDbSerialImageFunction", Kind.SNAP_START, 0));
        assertTrue(e.getMessage().contains("DynamoDbSerialImageFunction is a container image"), e.getMessage());
    }

    @Test
    void unreadableOrNonYamlTemplatesAreRefused() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StrategyEditor.load(dir.resolve("missing.yaml")));
        assertTrue(missing.getMessage().startsWith("Cannot read template"), missing.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "Resources: [unclosed\n");
        IllegalArgumentException notYaml = assertThrows(IllegalArgumentException.class, () -> StrategyEditor.load(broken));
        assertTrue(notYaml.getMessage().contains("is not valid YAML"), notYaml.getMessage());
    }

    private static final String INLINE = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java21
            Resources:
              NoAlias:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.A::handleRequest
              Steady:   # keeps a floor
                Type: AWS::Serverless::Function
                Properties:
                    Handler: a.B::handleRequest
                    AutoPublishAlias: live
                    # Provisioned: the steady load.
                    # Two lines of reasons.
                    ProvisionedConcurrencyConfig:
                      ProvisionedConcurrentExecutions: 2

                    Layers:
                    - !Ref Layer
                    - !Ref Other
              SteadyScaling:
                Type: AWS::ApplicationAutoScaling::ScalableTarget
                DependsOn: [SteadyAliaslive]
              Bare:
                Type: AWS::Serverless::Function
                Metadata:
                  BuildMethod: makefile
            """;

    @Test
    void provisionedConcurrencyNeedsAnAlias() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(INLINE).apply("NoAlias", Kind.PROVISIONED, 2));
        assertTrue(e.getMessage().contains("NoAlias has no AutoPublishAlias"), e.getMessage());
    }

    @Test
    void aLiteralCountIsReplacedInPlace() {
        String edited = editor(INLINE).apply("Steady", Kind.PROVISIONED, 5);
        assertEquals(INLINE.replace("ProvisionedConcurrentExecutions: 2", "ProvisionedConcurrentExecutions: 5"), edited);
    }

    @Test
    void removalTakesTheCommentsAboveAndKeepsTheRest() {
        String withoutScaling = INLINE.replace("""
                  SteadyScaling:
                    Type: AWS::ApplicationAutoScaling::ScalableTarget
                    DependsOn: [SteadyAliaslive]
                """, "");
        assertNotEquals(INLINE, withoutScaling);
        String edited = editor(withoutScaling).apply("Steady", Kind.ON_DEMAND, 0);
        assertEquals(withoutScaling.replace("""
                        # Provisioned: the steady load.
                        # Two lines of reasons.
                        ProvisionedConcurrencyConfig:
                          ProvisionedConcurrentExecutions: 2
                """, ""), edited);

        // Without MemorySize the block goes last, after a sequence written at the key's own column, indented as its siblings.
        String snapStart = editor(withoutScaling).apply("Steady", Kind.SNAP_START, 0);
        assertTrue(snapStart.contains("""
                        AutoPublishAlias: live

                        Layers:
                        - !Ref Layer
                        - !Ref Other
                        SnapStart:
                          ApplyOn: PublishedVersions
                  Bare:
                """), snapStart);
        assertFalse(snapStart.contains("Provisioned"));
    }

    @Test
    void aScalableTargetWaitingForTheAliasCountsAsAutoscaling() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(INLINE).apply("Steady", Kind.ON_DEMAND, 0));
        assertTrue(e.getMessage().contains("autoscaling in resource SteadyScaling"), e.getMessage());
    }

    @Test
    void aFunctionWithoutPropertiesGetsThem() {
        String edited = editor(INLINE).apply("Bare", Kind.SNAP_START, 0);
        assertEquals(INLINE + """
                    Properties:
                      SnapStart:
                        ApplyOn: PublishedVersions
                """, edited);
    }

    @Test
    void snapStartFromGlobalsIsLeftToTheUser() {
        String template = INLINE.replace("    Runtime: java21\n", "    Runtime: java21\n    SnapStart:\n      ApplyOn: PublishedVersions\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> editor(template).apply("NoAlias", Kind.ON_DEMAND, 0));
        assertTrue(e.getMessage().contains("Globals.Function sets SnapStart for every function"), e.getMessage());
        assertTrue(e.getMessage().contains("Move SnapStart from Globals into the functions"), e.getMessage());
    }
}
