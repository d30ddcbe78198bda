package dev.coldbrew.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The template's functions behind the Lambda API on 127.0.0.1 (the AWS SDK's and CLI's {@code --endpoint-url}), each
 * invoke run by the real Lambda runtime client in a JVM of its own with the CPU share of its memory size, until
 * Ctrl-C. DynamoDB tables of the template run in DynamoDB Local, created with their key schema and seeded from
 * {@code coldbrew.seed}; for any other resource the functions refer to (an S3 bucket, a queue, ...) the goal says at
 * start which endpoint variable points them at one of your own ({@code -Dcoldbrew.env=AWS_ENDPOINT_URL_S3=...}).
 * Needs the build output: run {@code make build} first.
 */
@Mojo(name = "local", aggregator = true, requiresDependencyResolution = ResolutionScope.NONE,
        threadSafe = true)
public class LocalMojo extends ColdbrewMojo {
    /** Port of the Lambda API on 127.0.0.1. */
    @Parameter(property = "coldbrew.port", defaultValue = "3001")
    int port;

    @Override
    public void execute() throws MojoFailureException {
        requireJava21();
        requireTemplate();
        Arguments line = new Arguments(args);
        addTemplateOptions(line);
        line.option("--port", Integer.toString(port), "-p");
        line.flag("--local-services");
        addLocalOptions(line);
        run(Tool.LOCAL_LAMBDA, line);
    }
}
