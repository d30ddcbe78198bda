package dev.coldbrew.locallambda.template;

import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the short-form intrinsic tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If}, ...) into
 * {@link IntrinsicFunction} values, so the rest of the code sees one representation for both spellings.
 */
final class IntrinsicTagConstructor extends SafeConstructor {
    private static final List<String> FN_TAGS = List.of("Sub", "GetAtt", "Join", "Select", "Split", "If", "Equals",
            "Not", "And", "Or", "FindInMap", "Base64", "GetAZs", "ImportValue", "Cidr", "Length", "ToJsonString");

    IntrinsicTagConstructor() {
        super(new LoaderOptions());
        yamlConstructors.put(new Tag("!Ref"), new IntrinsicConstruct("Ref"));
        yamlConstructors.put(new Tag("!Condition"), new IntrinsicConstruct("Condition"));
        for (String tag : FN_TAGS) {
            yamlConstructors.put(new Tag("!" + tag), new IntrinsicConstruct("Fn::" + tag));
        }
    }

    private final class IntrinsicConstruct extends AbstractConstruct {
        private final String name;

        IntrinsicConstruct(String name) {
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
            return new IntrinsicFunction(name, argument);
        }
    }
}
