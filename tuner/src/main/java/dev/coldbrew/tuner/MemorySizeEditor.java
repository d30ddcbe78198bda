package dev.coldbrew.tuner;

import static dev.coldbrew.tuner.TemplateNodes.entry;
import static dev.coldbrew.tuner.TemplateNodes.mapping;
import static dev.coldbrew.tuner.TemplateNodes.scalar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A targeted edit of one function's MemorySize in a SAM template file ({@code --apply}). The template is
 * read as a SnakeYAML node graph (so intrinsic tags such as {@code !Ref} need no constructor) and the edit
 * replaces only the characters of that one value, found by the node's marks: comments, order and layout
 * stay. What the template means (its functions, their memory) is lambda-model's {@code SamTemplate}'s to say.
 */
public final class MemorySizeEditor {
    private static final List<String> FUNCTION_TYPES = List.of("AWS::Serverless::Function", "AWS::Lambda::Function");

    private final TemplateNodes template;
    private final Path file;
    private final String text;

    private MemorySizeEditor(TemplateNodes template) {
        this.template = template;
        this.file = template.file();
        this.text = template.text();
    }

    public static MemorySizeEditor load(Path file) {
        return new MemorySizeEditor(TemplateNodes.read(file));
    }

    static MemorySizeEditor parse(Path file, String text) {
        return new MemorySizeEditor(TemplateNodes.parse(file, text));
    }

    public Path file() {
        return file;
    }

    public String text() {
        return text;
    }

    /**
     * The template text with {@code logicalId}'s MemorySize set to {@code memoryMb}. A function without its
     * own MemorySize gets one under Properties, which overrides Globals for that function only.
     */
    public String withMemory(String logicalId, int memoryMb) {
        MappingNode resource = function(logicalId).orElseThrow(() -> new IllegalArgumentException(
                "Template " + file + " has no function " + logicalId + "."));
        Optional<MappingNode> properties = mapping(resource, "Properties");
        if (properties.isPresent()) {
            Optional<ScalarNode> memory = scalar(properties.get(), "MemorySize");
            if (memory.isPresent()) {
                return replace(memory.get(), Integer.toString(memoryMb));
            }
            return insertAfterLineOf(key(resource, "Properties"), firstKey(properties.get()).getStartMark().getColumn(),
                    "MemorySize: " + memoryMb);
        }
        int indent = firstKey(resource).getStartMark().getColumn();
        return insertBefore(firstKey(resource), "Properties:\n" + " ".repeat(indent + 2) + "MemorySize: " + memoryMb);
    }

    /** Whether the template has a function resource of this logical ID. */
    public boolean hasFunction(String logicalId) {
        return function(logicalId).isPresent();
    }

    private Optional<MappingNode> function(String logicalId) {
        return mapping(template.root(), "Resources").flatMap(r -> mapping(r, logicalId))
                .filter(r -> scalar(r, "Type").map(ScalarNode::getValue).filter(FUNCTION_TYPES::contains).isPresent());
    }

    /** Writes {@link #withMemory} back to the file. */
    public void applyMemory(String logicalId, int memoryMb) {
        try {
            Files.writeString(file, withMemory(logicalId, memoryMb), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write template " + file + ": " + e.getMessage(), e);
        }
    }

    private String replace(ScalarNode value, String replacement) {
        int start = offset(value.getStartMark().getIndex());
        int end = offset(value.getEndMark().getIndex());
        return text.substring(0, start) + replacement + text.substring(end);
    }

    /** Inserts a line (indented like {@code key}) before the line that holds {@code key}. */
    private String insertBefore(Node key, String line) {
        checkBlockStyle(key);
        int keyOffset = offset(key.getStartMark().getIndex());
        int lineStart = text.lastIndexOf('\n', keyOffset - 1) + 1;
        String indent = " ".repeat(key.getStartMark().getColumn());
        return text.substring(0, lineStart) + indent + line + "\n" + text.substring(lineStart);
    }

    /** Inserts an indented line right after the line that holds {@code key}. */
    private String insertAfterLineOf(Node key, int column, String line) {
        checkBlockStyle(key);
        int lineEnd = text.indexOf('\n', offset(key.getEndMark().getIndex()));
        int at = lineEnd < 0 ? text.length() : lineEnd + 1;
        String prefix = lineEnd < 0 ? "\n" : "";
        return text.substring(0, at) + prefix + " ".repeat(column) + line + "\n" + text.substring(at);
    }

    private void checkBlockStyle(Node key) {
        if (key.getStartMark().getColumn() == 0 || text.charAt(offset(key.getStartMark().getIndex()) - 1) != ' ') {
            throw new IllegalArgumentException("Template " + file + ": cannot add MemorySize to a flow-style mapping; "
                    + "write the function's Properties in block style.");
        }
    }

    private static Node key(MappingNode mapping, String key) {
        return entry(mapping, key).map(NodeTuple::getKeyNode).orElseThrow(() -> new IllegalArgumentException("No key " + key));
    }

    private int offset(int codePointIndex) {
        return template.offset(codePointIndex);
    }

    private static Node firstKey(MappingNode mapping) {
        if (mapping.getValue().isEmpty()) {
            throw new IllegalArgumentException("Empty mapping at line " + (mapping.getStartMark().getLine() + 1));
        }
        return mapping.getValue().get(0).getKeyNode();
    }
}
