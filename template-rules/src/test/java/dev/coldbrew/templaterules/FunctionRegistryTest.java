package dev.coldbrew.templaterules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** functions.mk, the one list of reference functions, agrees with the template and the Maven modules. */
class FunctionRegistryTest {
    private static final Path ROOT = ProjectRoot.find();

    @Test
    void everyTemplateFunctionIsRegisteredInTemplateOrder() {
        List<String> templateFunctions = SamTemplate.load(ROOT.resolve("template.yaml"), ROOT.resolve("target/lambda"), Map.of(),
                new Arns("us-east-1", Arns.LOCAL_ACCOUNT)).functionIds();
        assertEquals(templateFunctions, List.copyOf(FunctionModules.of(ROOT).keySet()));
    }

    @Test
    void everyRegisteredModuleIsAReactorModule() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("reference-functions/pom.xml")));
        while (m.find()) {
            modules.add(ROOT.resolve("reference-functions").resolve(m.group(1)).normalize().toString());
        }
        assertEquals(modules, FunctionModules.of(ROOT).values().stream().map(Path::toString).toList());
    }
}
