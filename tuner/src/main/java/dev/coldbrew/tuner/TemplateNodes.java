package dev.coldbrew.tuner;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A SAM template read as text and as SnakeYAML's node graph, for the targeted edits of {@code --apply}: the nodes
 * carry the character marks of every value and need no constructor for intrinsic tags such as {@code !Ref}.
 * Unreadable or non-YAML templates are refused with one line naming the file.
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
}
