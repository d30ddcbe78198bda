package dev.coldbrew.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class SpecsTest {
    @Test
    void assignmentsSplitAtCommasAndKeepListValuesTogether() throws MojoFailureException {
        assertEquals(Map.of("Stage", "dev", "Subnets", "a,b", "Url", "http://x/?q=1"),
                Specs.assignments("coldbrew.parameterOverrides", "Stage=dev, Subnets=a,b,Url=http://x/?q=1"));
        assertEquals(Map.of(), Specs.assignments("coldbrew.env", null));
    }

    @Test
    void anAssignmentWithoutItsNameNamesTheProperty() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Specs.assignments("coldbrew.env", "FOO"));
        assertTrue(e.getMessage().startsWith("coldbrew.env=FOO: 'FOO' is not NAME=VALUE"), e.getMessage());
        assertThrows(MojoFailureException.class, () -> Specs.assignments("coldbrew.env", "=x"));
    }

    @Test
    void seedsAreLogicalIdsAndPaths() throws MojoFailureException {
        assertEquals(Map.of("AppTable", "seed.json", "Other", "data/other.json"),
                Specs.seeds("coldbrew.seed", "AppTable=seed.json,Other=data/other.json"));
        for (String bad : List.of("AppTable", "AppTable=", "=seed.json", "App-Table=seed.json")) {
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> Specs.seeds("coldbrew.seed", bad));
            assertTrue(e.getMessage().contains("is not LogicalId=path.json"), e.getMessage());
        }
    }

    @Test
    void wordsAreSplitAsAShellWould() throws MojoFailureException {
        assertEquals(List.of("--only-cold-starts", "--payload", "{\"a\": 1}", "--traffic", "steady=20/s, peak", "x y", "a\"b", "c\\d"),
                Specs.words("coldbrew.args", " --only-cold-starts --payload '{\"a\": 1}'  --traffic \"steady=20/s, peak\" x\\ y \"a\\\"b\" \"c\\\\d\" "));
        assertEquals(List.of(""), Specs.words("coldbrew.args", "''"));
        assertEquals(List.of(), Specs.words("coldbrew.args", "   "));
    }

    @Test
    void anUnclosedQuoteIsNamed() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> Specs.words("coldbrew.args", "--payload '{"));
        assertTrue(e.getMessage().contains("a ' is not closed"), e.getMessage());
    }
}
