package dev.coldbrew.tuner.advice;

import static dev.coldbrew.tuner.TemplateNodes.child;
import static dev.coldbrew.tuner.TemplateNodes.entry;
import static dev.coldbrew.tuner.TemplateNodes.mapping;
import static dev.coldbrew.tuner.TemplateNodes.scalar;

import dev.coldbrew.tuner.TemplateNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes the cold-start strategy an advisor chose into one function of a SAM template ({@code --apply}),
 * touching only the lines of that function's strategy: its {@code SnapStart} and
 * {@code ProvisionedConcurrencyConfig} entries, or the {@code Default} of the parameter its provisioned
 * concurrency reads. As in {@link dev.coldbrew.tuner.MemorySizeEditor}, the template is composed into
 * SnakeYAML nodes only to find where things are; the edit splices the text, so comments, order and layout
 * of everything else stay byte for byte.
 *
 * <p>Where a correct edit would mean changing more than the function, it refuses with a message saying what
 * to change by hand instead of guessing: an autoscaling application that targets the function blocks
 * SnapStart and on-demand (it would keep registering provisioned concurrency the function no longer has;
 * removing a resource of the user's is not this editor's call), provisioned concurrency without such an
 * application is refused (the template rules want autoscaling that waits for the alias, and its capacities
 * are the user's to choose), and so is anything Globals decides for every function.
 */
public final class StrategyEditor {
    /** The cold-start strategies a function can have; SnapStart and provisioned concurrency exclude each other. */
    public enum Kind { ON_DEMAND, SNAP_START, PROVISIONED }

    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final String APPLICATION_TYPE = "AWS::Serverless::Application";
    private static final String SCALABLE_TARGET_TYPE = "AWS::ApplicationAutoScaling::ScalableTarget";
    private static final String SNAP_START = "SnapStart";
    private static final String APPLY_ON = "ApplyOn";
    private static final String PUBLISHED_VERSIONS = "PublishedVersions";
    private static final String PROVISIONED_CONFIG = "ProvisionedConcurrencyConfig";
    private static final String EXECUTIONS = "ProvisionedConcurrentExecutions";
    private static final String ALIAS = "AutoPublishAlias";
    private static final String AUTOSCALING_TEMPLATE = "provisioned-concurrency/autoscaling.yaml";

    private final TemplateNodes nodes;
    private final Path file;
    private final String text;
    private final MappingNode root;
    private final String newline;

    private StrategyEditor(TemplateNodes nodes) {
        this.nodes = nodes;
        this.file = nodes.file();
        this.text = nodes.text();
        this.root = nodes.root();
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    public static StrategyEditor load(Path template) {
        return new StrategyEditor(TemplateNodes.read(template));
    }

    static StrategyEditor parse(Path file, String text) {
        return new StrategyEditor(TemplateNodes.parse(file, text));
    }

    /**
     * The new template text with {@code function} set to this strategy; {@code provisioned} is the
     * ProvisionedConcurrentExecutions value (ignored unless {@link Kind#PROVISIONED}). The text comes back
     * unchanged when the function already has the strategy. Throws {@link IllegalArgumentException} when the
     * edit cannot be made on the function alone (see the class comment).
     */
    public String apply(String function, Kind kind, int provisioned) {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PROVISIONED && provisioned < 1) {
            throw new IllegalArgumentException("Provisioned concurrency for " + function
                    + " needs at least 1 environment, not " + provisioned + ".");
        }
        MappingNode resource = function(function);
        refuseStrategyFromGlobals(function, resource);
        Optional<MappingNode> properties = properties(function, resource);
        List<Splice> splices = new ArrayList<>();
        switch (kind) {
            case ON_DEMAND -> {
                refuseAutoscaling(function, resource, "the autoscaling would keep provisioning concurrency the function no longer declares");
                properties.ifPresent(p -> {
                    remove(p, SNAP_START, splices);
                    remove(p, PROVISIONED_CONFIG, splices);
                });
            }
            case SNAP_START -> {
                refuseAutoscaling(function, resource, "the template rules forbid SnapStart together with provisioned concurrency");
                if (properties.flatMap(p -> scalar(p, "PackageType")).map(ScalarNode::getValue).filter("Image"::equals).isPresent()) {
                    throw new IllegalArgumentException(function + " is a container image; SnapStart does not take images.");
                }
                properties.ifPresent(p -> remove(p, PROVISIONED_CONFIG, splices));
                setSnapStart(resource, properties, splices);
            }
            case PROVISIONED -> {
                requireAliasAndAutoscaling(function, resource);
                properties.ifPresent(p -> remove(p, SNAP_START, splices));
                setProvisioned(function, resource, properties, provisioned, splices);
            }
        }
        return splice(splices);
    }

    /**
     * Writes {@link #apply} to the file through a temporary file in the same directory, so a reader never sees
     * half a template. Nothing is written when the function already has the strategy. This editor keeps the text
     * it loaded: load again for a further edit.
     */
    public void write(String function, Kind kind, int provisioned) {
        String edited = apply(function, kind, provisioned);
        if (edited.equals(text)) {
            return;
        }
        try {
            Path target = file.toRealPath();
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, edited, StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException notPosix) {
                    // The temporary file keeps the directory's defaults.
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write template " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- what the template says

    private MappingNode function(String id) {
        MappingNode resources = mapping(root, "Resources").orElseThrow(() ->
                new IllegalArgumentException("Template " + file + " has no Resources."));
        Optional<MappingNode> resource = mapping(resources, id);
        String type = resource.flatMap(r -> scalar(r, "Type")).map(ScalarNode::getValue).orElse(null);
        if (resource.isPresent() && FUNCTION_TYPE.equals(type)) {
            return resource.get();
        }
        String functions = String.join(", ", functionIds(resources));
        String known = functions.isEmpty() ? "it has no " + FUNCTION_TYPE : "its functions: " + functions;
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("Template " + file + " has no resource " + id + "; " + known + ".");
        }
        throw new IllegalArgumentException("Resource " + id + " in " + file + " is " + (type == null ? "of no Type" : "an " + type)
                + ", not an " + FUNCTION_TYPE + "; " + known + ".");
    }

    private static List<String> functionIds(MappingNode resources) {
        return resources.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode && t.getValueNode() instanceof MappingNode r
                        && scalar(r, "Type").map(ScalarNode::getValue).filter(FUNCTION_TYPE::equals).isPresent())
                .map(t -> ((ScalarNode) t.getKeyNode()).getValue()).toList();
    }

    /** The function's Properties, which must be a block mapping: entries are edited line by line. */
    private Optional<MappingNode> properties(String function, MappingNode resource) {
        Optional<Node> node = child(resource, "Properties");
        if (node.isPresent() && !(node.get() instanceof MappingNode)) {
            throw new IllegalArgumentException("The Properties of " + function + " are not a mapping.");
        }
        Optional<MappingNode> properties = node.map(MappingNode.class::cast);
        if (resource.getFlowStyle() != DumperOptions.FlowStyle.BLOCK
                || properties.filter(p -> p.getFlowStyle() != DumperOptions.FlowStyle.BLOCK).isPresent()) {
            throw new IllegalArgumentException("Cannot edit " + function + " in flow style ({...}); write it and its Properties in block style.");
        }
        return properties;
    }

    /** SnapStart or provisioned concurrency in Globals reach every function; changing them is the user's decision. */
    private void refuseStrategyFromGlobals(String function, MappingNode resource) {
        Optional<MappingNode> globals = mapping(root, "Globals").flatMap(g -> mapping(g, "Function"));
        for (String key : List.of(SNAP_START, PROVISIONED_CONFIG)) {
            if (globals.flatMap(g -> child(g, key)).isPresent() && !ignoresGlobal(resource, key)) {
                throw new IllegalArgumentException("Globals.Function sets " + key + " for every function, " + function
                        + " included; this edit changes one function and leaves Globals alone. Move " + key
                        + " from Globals into the functions that should have it, then apply again.");
            }
        }
    }

    private static boolean ignoresGlobal(MappingNode resource, String key) {
        return child(resource, "IgnoreGlobals").map(StrategyEditor::scalars)
                .filter(ignored -> ignored.contains("*") || ignored.contains(key)).isPresent();
    }

    /** Autoscaling left behind would register provisioned concurrency the function no longer declares. */
    private void refuseAutoscaling(String function, MappingNode resource, String why) {
        List<String> autoscaling = autoscaling(function, alias(resource));
        if (!autoscaling.isEmpty()) {
            String ids = String.join(", ", autoscaling);
            throw new IllegalArgumentException(function + " has provisioned-concurrency autoscaling in resource " + ids
                    + " (" + why + "). Remove " + ids + " from the template first, then apply again.");
        }
    }

    private void requireAliasAndAutoscaling(String function, MappingNode resource) {
        Optional<String> alias = alias(resource);
        if (alias.isEmpty()) {
            throw new IllegalArgumentException(function + " has no " + ALIAS + " (neither in its Properties nor in Globals.Function); "
                    + "provisioned concurrency needs one: Lambda provisions a version or alias, never $LATEST.");
        }
        if (autoscaling(function, alias).isEmpty()) {
            String aliasResource = function + "Alias" + alias.get();
            throw new IllegalArgumentException(function + " has no provisioned-concurrency autoscaling, which the template rules "
                    + "require with provisioned concurrency. Add an " + APPLICATION_TYPE + " with Location " + AUTOSCALING_TEMPLATE
                    + ", Parameters FunctionName: !Ref " + function + " and AliasName: " + alias.get() + ", and DependsOn: "
                    + aliasResource + " (as DynamoDbSerialAutoscaling in coldbrew's template.yaml), then apply again.");
        }
    }

    /** The function's alias name, its own or from Globals, when it is a plain value. */
    private Optional<String> alias(MappingNode resource) {
        Optional<Node> own = mapping(resource, "Properties").flatMap(p -> child(p, ALIAS));
        Optional<Node> alias = own.isPresent() || ignoresGlobal(resource, ALIAS) ? own
                : mapping(root, "Globals").flatMap(g -> mapping(g, "Function")).flatMap(g -> child(g, ALIAS));
        return alias.filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
                .filter(s -> !s.getTag().getValue().startsWith("!")).map(ScalarNode::getValue).filter(s -> !s.isBlank());
    }

    /**
     * The resources that scale the function's provisioned concurrency: a nested application whose FunctionName
     * refers to it, or (as the template rules count them) an application or scalable target that waits for its alias.
     */
    private List<String> autoscaling(String function, Optional<String> alias) {
        List<String> ids = new ArrayList<>();
        Optional<String> aliasResource = alias.map(a -> function + "Alias" + a);
        for (NodeTuple entry : mapping(root, "Resources").map(MappingNode::getValue).orElse(List.of())) {
            if (!(entry.getValueNode() instanceof MappingNode resource) || !(entry.getKeyNode() instanceof ScalarNode id)) {
                continue;
            }
            String type = scalar(resource, "Type").map(ScalarNode::getValue).orElse("");
            boolean namesFunction = APPLICATION_TYPE.equals(type) && mapping(resource, "Properties")
                    .flatMap(p -> mapping(p, "Parameters")).flatMap(p -> child(p, "FunctionName"))
                    .flatMap(StrategyEditor::ref).filter(function::equals).isPresent();
            boolean waitsForAlias = (APPLICATION_TYPE.equals(type) || SCALABLE_TARGET_TYPE.equals(type)) && aliasResource.isPresent()
                    && child(resource, "DependsOn").map(StrategyEditor::scalars).filter(d -> d.contains(aliasResource.get())).isPresent();
            if (namesFunction || waitsForAlias) {
                ids.add(id.getValue());
            }
        }
        return ids;
    }

    // ---- the edits

    private void setSnapStart(MappingNode resource, Optional<MappingNode> properties, List<Splice> splices) {
        Optional<NodeTuple> snapStart = properties.flatMap(p -> entry(p, SNAP_START));
        if (snapStart.isPresent()) {
            Optional<ScalarNode> applyOn = Optional.of(snapStart.get().getValueNode()).filter(MappingNode.class::isInstance)
                    .map(MappingNode.class::cast).flatMap(s -> scalar(s, APPLY_ON));
            if (applyOn.isPresent()) {
                if (!PUBLISHED_VERSIONS.equals(applyOn.get().getValue())) {
                    splices.add(replace(applyOn.get(), PUBLISHED_VERSIONS));
                }
                return;
            }
            splices.add(removal(snapStart.get()));
        }
        insert(resource, properties, List.of(SNAP_START + ":", "  " + APPLY_ON + ": " + PUBLISHED_VERSIONS), splices);
    }

    private void setProvisioned(String function, MappingNode resource, Optional<MappingNode> properties, int executions,
            List<Splice> splices) {
        Optional<NodeTuple> config = properties.flatMap(p -> entry(p, PROVISIONED_CONFIG));
        if (config.isEmpty()) {
            insert(resource, properties, List.of(PROVISIONED_CONFIG + ":", "  " + EXECUTIONS + ": " + executions), splices);
            return;
        }
        Node value = Optional.of(config.get().getValueNode()).filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                .flatMap(c -> child(c, EXECUTIONS)).orElseThrow(() -> new IllegalArgumentException("The " + PROVISIONED_CONFIG
                        + " of " + function + " has no " + EXECUTIONS + " to set; edit it by hand."));
        Optional<String> parameter = ref(value);
        if (parameter.isPresent()) {
            splices.add(setParameterDefault(function, parameter.get(), executions));
        } else if (value instanceof ScalarNode scalar && !scalar.getTag().getValue().startsWith("!")) {
            splices.add(replace(scalar, Integer.toString(executions)));
        } else {
            throw new IllegalArgumentException("The " + EXECUTIONS + " of " + function
                    + " is an expression this editor does not change; set it to " + executions + " by hand.");
        }
    }

    /**
     * A {@code !Ref}'d value is the parameter's Default: the reference stays, so whatever else reads the parameter
     * (the autoscaling's MinCapacity in coldbrew's template) moves with it. Another function's provisioned
     * concurrency reading the same parameter would move too, so that is refused.
     */
    private Splice setParameterDefault(String function, String name, int executions) {
        MappingNode parameter = mapping(root, "Parameters").flatMap(p -> mapping(p, name)).orElseThrow(() ->
                new IllegalArgumentException("The " + EXECUTIONS + " of " + function + " is !Ref " + name
                        + ", which is not a parameter of the template; set it to " + executions + " by hand."));
        MappingNode resources = mapping(root, "Resources").orElseThrow();
        for (String other : functionIds(resources)) {
            boolean shares = !other.equals(function) && mapping(resources, other).flatMap(r -> mapping(r, "Properties"))
                    .flatMap(p -> mapping(p, PROVISIONED_CONFIG)).flatMap(c -> child(c, EXECUTIONS))
                    .flatMap(StrategyEditor::ref).filter(name::equals).isPresent();
            if (shares) {
                throw new IllegalArgumentException("The provisioned concurrency of " + function + " is parameter " + name
                        + ", which " + other + " reads too; give " + function + " a parameter of its own, then apply again.");
            }
        }
        ScalarNode defaultValue = scalar(parameter, "Default").orElseThrow(() -> new IllegalArgumentException(
                "The provisioned concurrency of " + function + " is parameter " + name + ", which has no Default: "
                        + "set " + name + "=" + executions + " where the stack's parameters are given."));
        checkBound(name, parameter, "MinValue", executions);
        checkBound(name, parameter, "MaxValue", executions);
        return replace(defaultValue, Integer.toString(executions));
    }

    /** CloudFormation rejects a Default outside the parameter's bounds; better said now than at deploy. */
    private static void checkBound(String name, MappingNode parameter, String bound, int value) {
        Optional<Double> limit = scalar(parameter, bound).map(ScalarNode::getValue).flatMap(StrategyEditor::number);
        boolean outside = limit.isPresent() && (bound.equals("MinValue") ? value < limit.get() : value > limit.get());
        if (outside) {
            throw new IllegalArgumentException("Parameter " + name + " has " + bound + " " + scalar(parameter, bound).orElseThrow().getValue()
                    + "; " + value + " is outside it. Change the parameter's bounds first.");
        }
    }

    private static Optional<Double> number(String value) {
        try {
            return Optional.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes an entry of Properties with its nested lines and the comment lines directly above it. */
    private void remove(MappingNode properties, String key, List<Splice> splices) {
        entry(properties, key).ifPresent(e -> splices.add(removal(e)));
    }

    private Splice removal(NodeTuple entry) {
        return new Splice(entryStart(entry), entryEnd(entry), "");
    }

    /**
     * Adds lines (relative indentation inside) as a property of the function: right after MemorySize, where
     * a reader looks for sizing, else after the last property; a function without Properties gets them.
     */
    private void insert(MappingNode resource, Optional<MappingNode> properties, List<String> lines, List<Splice> splices) {
        int column;
        int at;
        List<String> block = new ArrayList<>();
        if (properties.isPresent()) {
            List<NodeTuple> entries = properties.get().getValue();
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("Empty Properties mapping at line " + (properties.get().getStartMark().getLine() + 1));
            }
            column = entries.get(0).getKeyNode().getStartMark().getColumn();
            at = entryEnd(entry(properties.get(), "MemorySize").orElse(entries.get(entries.size() - 1)));
            block.addAll(lines);
        } else {
            List<NodeTuple> entries = resource.getValue();
            column = entries.get(0).getKeyNode().getStartMark().getColumn();
            at = entryEnd(entries.get(entries.size() - 1));
            block.add("Properties:");
            lines.forEach(line -> block.add("  " + line));
        }
        StringBuilder inserted = new StringBuilder(at == text.length() && !text.endsWith("\n") ? newline : "");
        block.forEach(line -> inserted.append(" ".repeat(column)).append(line).append(newline));
        splices.add(new Splice(at, at, inserted.toString()));
    }

    private Splice replace(ScalarNode value, String replacement) {
        return new Splice(offset(value.getStartMark().getIndex()), offset(value.getEndMark().getIndex()), replacement);
    }

    private String splice(List<Splice> splices) {
        if (splices.isEmpty()) {
            return text;
        }
        // Back to front, so earlier offsets stay valid; at one offset a removal goes before an insertion there.
        List<Splice> ordered = splices.stream()
                .sorted(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::end).reversed()).toList();
        StringBuilder edited = new StringBuilder(text);
        int limit = text.length();
        for (Splice s : ordered) {
            if (s.end() > limit) {
                throw new IllegalStateException("Overlapping edits in " + file + " at offset " + s.start());
            }
            edited.replace(s.start(), s.end(), s.replacement());
            limit = s.start();
        }
        String result = edited.toString();
        try {
            TemplateNodes.compose(result);
        } catch (YAMLException e) {
            throw new IllegalStateException("The edit of " + file + " would not be YAML: " + e.getMessage(), e);
        }
        return result;
    }

    private record Splice(int start, int end, String replacement) {
    }

    // ---- where things are in the text

    /** The start of the entry's key line, or of the comment lines at its indentation directly above it. */
    private int entryStart(NodeTuple entry) {
        int column = entry.getKeyNode().getStartMark().getColumn();
        int start = lineStart(offset(entry.getKeyNode().getStartMark().getIndex()));
        while (start > 0) {
            int previous = lineStart(start - 1);
            String line = text.substring(previous, start);
            if (indent(line) != column || !line.strip().startsWith("#")) {
                break;
            }
            start = previous;
        }
        return start;
    }

    /**
     * Just past the entry's last line: the line of its last node (a block sequence may sit at the key's own
     * column), then every line deeper than the key; blank lines only when deeper lines follow them.
     */
    private int entryEnd(NodeTuple entry) {
        int column = entry.getKeyNode().getStartMark().getColumn();
        int end = lineEnd(offset(Math.max(entry.getKeyNode().getStartMark().getIndex(),
                lastNode(entry.getValueNode()).getStartMark().getIndex())));
        for (int scan = end; scan < text.length(); ) {
            int next = lineEnd(scan);
            String line = text.substring(scan, next);
            if (!line.isBlank()) {
                if (indent(line) <= column) {
                    break;
                }
                end = next;
            }
            scan = next;
        }
        return end;
    }

    private static Node lastNode(Node node) {
        if (node instanceof MappingNode m && !m.getValue().isEmpty()) {
            return lastNode(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && !s.getValue().isEmpty()) {
            return lastNode(s.getValue().get(s.getValue().size() - 1));
        }
        return node;
    }

    private int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    private int lineEnd(int offset) {
        int newlineAt = text.indexOf('\n', offset);
        return newlineAt < 0 ? text.length() : newlineAt + 1;
    }

    private static int indent(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }

    private int offset(int codePointIndex) {
        return nodes.offset(codePointIndex);
    }

    // ---- node helpers

    /** The logical ID a value refers to: {@code !Ref X} or {@code {Ref: X}}. */
    private static Optional<String> ref(Node node) {
        if (node instanceof ScalarNode s && s.getTag().getValue().equals("!Ref")) {
            return Optional.of(s.getValue());
        }
        if (node instanceof MappingNode m && m.getValue().size() == 1) {
            return scalar(m, "Ref").map(ScalarNode::getValue);
        }
        return Optional.empty();
    }

    /** A scalar or a sequence of scalars, as DependsOn and IgnoreGlobals take them. */
    private static List<String> scalars(Node node) {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (node instanceof SequenceNode s) {
            return s.getValue().stream().filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).toList();
        }
        return List.of();
    }
}
