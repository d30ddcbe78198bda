package dev.coldbrew.maven;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every coldbrew goal reads: a SAM template, the artifacts its {@code BuildMethod: makefile} targets
 * assembled under {@code target/lambda/<LogicalId>/}, and how the template's local services are set up. A goal
 * turns its parameters into the command line of a coldbrew tool and runs that tool in Maven's JVM; nothing of the
 * tools' own work is done here.
 */
abstract class ColdbrewMojo extends AbstractMojo {
    /** Where the plugin's parameters are listed, for messages about bad input. */
    static final String DESCRIBE = "mvn help:describe -Dplugin=dev.coldbrew:coldbrew-maven-plugin -Ddetail";

    /** The SAM template whose functions the goal runs. */
    @Parameter(property = "coldbrew.template", defaultValue = "${project.basedir}/template.yaml")
    File template;

    /**
     * The build output, one directory per logical ID ({@code LogicalId/lib/*.jar} for a function,
     * {@code LogicalId/java/lib/*.jar} for a layer), as SAM's makefile builds lay it out ({@code make build}).
     */
    @Parameter(property = "coldbrew.buildDir", defaultValue = "${project.basedir}/target/lambda")
    File buildDir;

    /**
     * Template parameter values, {@code NAME=VALUE,NAME=VALUE}. A piece without {@code =} continues the value
     * before it, for list parameters ({@code Subnets=a,b}).
     */
    @Parameter(property = "coldbrew.parameterOverrides")
    String parameterOverrides;

    /**
     * Environment variables set in every execution environment of the local Lambda, {@code NAME=VALUE,...}; e.g.
     * {@code AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566} for a bucket that does not run locally (the goal names the
     * variable for each such resource at start).
     */
    @Parameter(property = "coldbrew.env")
    String env;

    /**
     * Items for DynamoDB tables of the template, {@code LogicalId=path.json,...}: a JSON array of items each, put
     * into the table when DynamoDB Local starts. Goes over the local-services file's {@code dynamodb.seed}.
     */
    @Parameter(property = "coldbrew.seed")
    String seed;

    /** How the local services are configured. Default: {@code local-services.yaml} beside the template, if there is one. */
    @Parameter(property = "coldbrew.localServicesFile")
    File localServicesFile;

    /**
     * More options for the tool the goal runs, verbatim, split into words as a shell would (quotes group words):
     * local-lambda's for coldbrew:local (e.g. {@code --no-throttle}), coldbrew-tune's for coldbrew:tune and
     * coldbrew:advise (e.g. {@code --only-cold-starts --search adaptive}).
     */
    @Parameter(property = "coldbrew.args")
    String args;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File projectBuildDirectory;

    /** This plugin's resolved dependencies: DynamoDB Local among them. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    /**
     * The tools are Java 21 code running in Maven's JVM; on an older one the goal says so instead of failing to load
     * them. Called before anything touches their classes.
     */
    static void requireJava21() throws MojoFailureException {
        int feature = Runtime.version().feature();
        if (feature < 21) {
            throw new MojoFailureException("The coldbrew goals run the local Lambda and the tuner in Maven's JVM, which"
                    + " needs Java 21 or newer; this Maven runs on Java " + feature + " (" + System.getProperty("java.home")
                    + "). Run Maven with JAVA_HOME set to a JDK 21 or newer.");
        }
    }

    /** Fails with a message a Maven user can act on when there is no template where the goal looks. */
    void requireTemplate() throws MojoFailureException {
        if (!template.isFile()) {
            throw new MojoFailureException("No SAM template at " + template + ". The coldbrew goals run the functions of a"
                    + " SAM template: run them in the project that has template.yaml, or name it with -Dcoldbrew.template=path.");
        }
    }

    /** The options that set up the local Lambda and its services, shared by the emulator and the tuner. */
    void addLocalOptions(Arguments line) throws MojoFailureException {
        for (Map.Entry<String, String> override : Specs.assignments("coldbrew.env", env).entrySet()) {
            line.add("--env", override.getKey() + "=" + override.getValue());
        }
        if (localServicesFile != null) {
            line.add("--local-services-file", localServicesFile.getAbsolutePath());
        }
        for (Map.Entry<String, String> table : Specs.seeds("coldbrew.seed", seed).entrySet()) {
            Path items = projectPath(table.getValue());
            if (!Files.isRegularFile(items)) {
                throw new MojoFailureException("coldbrew.seed: " + items + " (for " + table.getKey() + ") does not exist.");
            }
            line.add("--local-services-setting", "dynamodb.seed." + table.getKey() + "=" + items);
        }
        // Last: the parameters above are checked before anything is written.
        if (pluginArtifacts != null && !pluginArtifacts.isEmpty()) {
            try {
                Path engine = DynamoDbEngine.prepare(pluginArtifacts, projectBuildDirectory.toPath().resolve("coldbrew/dynamodb-local"));
                line.add("--local-services-setting", "dynamodb.engine=" + engine);
            } catch (IOException e) {
                throw new MojoFailureException("Cannot lay out DynamoDB Local under " + projectBuildDirectory + ": " + e.getMessage(), e);
            }
        }
    }

    void addTemplateOptions(Arguments line) throws MojoFailureException {
        line.option("--template", template.getAbsolutePath());
        line.option("--build-dir", buildDir.getAbsolutePath());
        for (Map.Entry<String, String> override : Specs.assignments("coldbrew.parameterOverrides", parameterOverrides).entrySet()) {
            line.add("--parameter-override", override.getKey() + "=" + override.getValue());
        }
    }

    /** A path the user gave, relative to the project's directory rather than to wherever Maven was started. */
    Path projectPath(String path) {
        return basedir.toPath().resolve(path).toAbsolutePath().normalize();
    }

    /**
     * Runs the tool in this JVM with its output on the console (so -q leaves it visible) and turns a non-zero exit
     * code into a failed build whose message is the tool's own error lines: no stack trace, no message twice.
     */
    void run(Tool tool, Arguments line) throws MojoFailureException {
        List<String> arguments = line.build();
        getLog().debug(tool.command + " " + String.join(" ", arguments));
        ToolErrors errors = new ToolErrors(System.err, tool.errorPrefix, tool.helpHint);
        int exitCode;
        try (PrintWriter err = new PrintWriter(errors, true)) {
            exitCode = tool.execute(new PrintWriter(System.out, true), err, arguments.toArray(String[]::new));
        }
        if (exitCode != 0) {
            List<String> messages = errors.errors();
            String message = messages.isEmpty()
                    ? tool.command + " stopped with exit code " + exitCode + "; the output above says why."
                    : String.join(" ", messages);
            if (exitCode == 2 && message.contains("--")) {
                // Bad input in the tool's own terms: say how its options map to this plugin's parameters.
                message += " (The goal passes each coldbrew.* parameter as the " + tool.command + " option of that name,"
                        + " coldbrew.args verbatim; " + DESCRIBE + " lists them.)";
            }
            throw new MojoFailureException(message);
        }
    }

    /**
     * A tool's arguments: the options this plugin sets from its parameters, then {@code coldbrew.args}. An option
     * given in {@code coldbrew.args} wins: the plugin's own value for it is left out, as the tools take most options
     * once.
     */
    static final class Arguments {
        private final List<String> extra;
        private final List<String> options = new ArrayList<>();

        Arguments(String args) throws MojoFailureException {
            this.extra = Specs.words("coldbrew.args", args);
        }

        /** A single-valued option, unless coldbrew.args gives it (under any of its names). */
        Arguments option(String name, String value, String... aliases) {
            if (!given(name) && Arrays.stream(aliases).noneMatch(this::given)) {
                options.add(name);
                options.add(value);
            }
            return this;
        }

        /** A flag, unless coldbrew.args has it. */
        Arguments flag(String name) {
            if (!given(name)) {
                options.add(name);
            }
            return this;
        }

        /** A repeatable option, always added. */
        Arguments add(String name, String value) {
            options.add(name);
            options.add(value);
            return this;
        }

        boolean given(String name) {
            return extra.stream().anyMatch(word -> word.equals(name) || word.startsWith(name + "=")
                    || (name.length() == 2 && word.startsWith(name) && !word.startsWith("--")));
        }

        List<String> build() {
            List<String> all = new ArrayList<>(options);
            all.addAll(extra);
            return all;
        }
    }
}
