package dev.coldbrew.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** coldbrew:tune and coldbrew:advise given bad input: the tuner's own message, as a failed build. */
class TuneMojoTest {
    @TempDir
    Path project;

    @BeforeEach
    void template() throws IOException {
        Files.writeString(project.resolve("template.yaml"), LocalMojoTest.TEMPLATE);
    }

    private <T extends TuneMojo> T configure(T mojo) {
        mojo.basedir = project.toFile();
        mojo.projectBuildDirectory = project.resolve("target").toFile();
        mojo.template = project.resolve("template.yaml").toFile();
        mojo.buildDir = project.resolve("target/lambda").toFile();
        mojo.outputDir = project.resolve("target/tuning").toFile();
        mojo.power = "512,1024";
        mojo.num = "2";
        mojo.strategy = "balanced";
        return mojo;
    }

    @Test
    void anUnknownStrategyIsTheTunersMessage() {
        TuneMojo mojo = configure(new TuneMojo());
        mojo.strategy = "fastest";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("Unknown strategy 'fastest'; use cost, speed or balanced.", e.getMessage());
    }

    @Test
    void noBuildOutputSaysToBuildFirst() {
        MojoFailureException e = assertThrows(MojoFailureException.class, configure(new TuneMojo())::execute);
        assertEquals("No build output at " + project.resolve("target/lambda") + "; run `make build` first.", e.getMessage());
    }

    @Test
    void anAdviceOptionTheTunerRefusesNamesIt() {
        AdviseMojo mojo = configure(new AdviseMojo());
        mojo.p99Slo = "soon";
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().startsWith("Invalid value for option '--p99-slo': 'soon' is not a double"), e.getMessage());
    }

    @Test
    void anOptionInArgsWinsOverThePluginsOwn() throws MojoFailureException {
        ColdbrewMojo.Arguments line = new ColdbrewMojo.Arguments("--num auto -p128,256 --apply");
        line.option("--num", "8", "-n").option("--power", "512", "-p").option("--strategy", "cost", "-s").flag("--apply");
        assertEquals(java.util.List.of("--strategy", "cost", "--num", "auto", "-p128,256", "--apply"), line.build());
    }
}
