package dev.coldbrew.tuner;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A SAM template read as text and as SnakeYAML's node graph, for the targeted edits of {@code --apply}: the nodes
 * carry the character marks of every value and need no constructor for intrinsic tags such as {@code !Ref}.
 * Unreadable or non-YAML templates are refused with one line naming the file. The lookups both editors need live
 * here: a mapping's entries by key, and a node's mark (a code-point index) as an offset into {@code text}.
 */
public record TemplateNodes(Path file, String text, MappingNode root) {

    public static TemplateNodes read(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read template " + file + ": " + e.getMessage());
        }
    }

    public static TemplateNodes parse(Path file, String text) {
        Node node;
        try {
            node = compose(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Template " + file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new IllegalArgumentException("Template " + file + " is not a YAML mapping.");
        }
        return new TemplateNodes(file, text, mapping);
    }

    /** The node graph of a YAML text; throws {@link YAMLException} when it is not YAML. */
    public static Node compose(String text) {
        return new Yaml(new LoaderOptions()).compose(new StringReader(text));
    }

    /** Where a node's mark ({@code getIndex()}, counted in code points) lies in {@link #text}, counted in chars. */
    public int offset(int codePointIndex) {
        return text.offsetByCodePoints(0, codePointIndex);
    }

    /** The entry of {@code mapping} whose key is the scalar {@code key}. */
    public static Optional<NodeTuple> entry(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst();
    }

    public static Optional<Node> child(MappingNode mapping, String key) {
        return entry(mapping, key).map(NodeTuple::getValueNode);
    }

    public static Optional<MappingNode> mapping(MappingNode parent, String key) {
        return child(parent, key).filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
    }

    public static Optional<ScalarNode> scalar(MappingNode parent, String key) {
        return child(parent, key).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
    }
}
