package dev.coldbrew.lambda.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation/SAM YAML into maps and lists, with the short-form intrinsic tags ({@code !Ref X},
 * {@code !Sub ...}, {@code !GetAtt A.b}, ...) turned into their long form ({@code {Ref: X}},
 * {@code {Fn::Sub: ...}}, {@code {Fn::GetAtt: [A, b]}}), so code downstream sees one spelling. Every coldbrew
 * component that reads a template (the emulator, the template rules) uses this one reader.
 */
public final class CloudFormationYaml {
    private static final List<String> FN_TAGS = List.of("Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals",
            "Not", "And", "Or", "FindInMap", "Base64", "GetAZs", "ImportValue", "Cidr", "Length", "ToJsonString", "Transform");

    private CloudFormationYaml() {
    }

    /** The template file's root mapping. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path templateFile) {
        try (Reader reader = Files.newBufferedReader(templateFile)) {
            Object root = read(reader);
            if (!(root instanceof Map<?, ?>)) {
                throw new TemplateException("Template " + templateFile + " is not a YAML mapping.");
            }
            return (Map<String, Object>) root;
        } catch (IOException | YAMLException e) {
            throw new TemplateException("Cannot read template " + templateFile + ": " + e.getMessage(), e);
        }
    }

    public static Object read(Reader reader) {
        return new Yaml(new IntrinsicTags()).load(reader);
    }

    private static final class IntrinsicTags extends SafeConstructor {
        IntrinsicTags() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
            for (String tag : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + tag), new LongForm("Fn::" + tag));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String name;

            LongForm(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                // !GetAtt Resource.Attribute is shorthand for [Resource, Attribute].
                if (name.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    argument = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                return Collections.singletonMap(name, argument);
            }
        }
    }
}
