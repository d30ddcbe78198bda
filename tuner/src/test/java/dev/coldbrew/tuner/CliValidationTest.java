package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;

/** Bad input never reaches the Lambda API: one clear line on stderr and exit code 2. */
class CliValidationTest {
    private static final String TEMPLATE = ProjectRoot.find().resolve("template.yaml").toString();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--power 64                               | outside Lambda's range",
            "--power 1024-128:64                      | Bad power range",
            "--power lots                             | Bad power value",
            "--num 0                                  | --num must be at least 1",
            "--num ten                                | Invalid value for option '--num'",
            "--num auto:3                             | the most calls a size gets must be at least the 5",
            "--num auto:x                             | neither a number, auto nor auto:MAX",
            "--search binary                          | Unknown --search 'binary'; use exhaustive or adaptive",
            "--search adaptive --step 0               | --step must be between 1 and 1024 MB",
            "--search adaptive --only-cold-starts     | --search adaptive measures warm calls one after another",
            "--search adaptive --dry-run              | A dry run calls each --power value once",
            "--strategy cheapest                      | Unknown strategy 'cheapest'",
            "--balanced-weight 1.5                    | --balanced-weight must be between 0 and 1",
            "--discard-top-bottom 0.5                 | --discard-top-bottom must be between 0 and 0.4",
            "--architecture sparc                     | Unknown architecture 'sparc'",
            "--parallel --only-cold-starts            | cannot be combined",
            "--function NoSuchFunction                | Unknown function 'NoSuchFunction'; the template has NoOpFunction",
            "--payload {broken                        | The payload is not valid JSON",
            "--payload @does-not-exist.json           | Payload file not found",
            "--auto-optimize                          | --auto-optimize updates deployed functions on AWS",
            "--dry-run --apply                        | --dry-run makes no changes",
            "--bogus                                  | Unknown option: '--bogus'",
            "--concurrency 0                          | --concurrency must be at least 1",
            "--sleep-between-runs -1                  | --sleep-between-runs must not be negative",
            "--parallel --sleep-between-runs 10       | --sleep-between-runs applies to serial invocations",
            "--only-cold-starts --parallel            | cannot be combined",
            "--parallel --parallel                    | option '--parallel' should be specified only once",
            "--endpoint http://127.0.0.1:8            | option '--endpoint' (URL) should be specified only once",
            "--aws                                    | --endpoint is for a local emulator",
            "--stack prod                             | --endpoint is for a local emulator",
            "--function arn:aws:lambda:eu-west-1:123456789012:function:f | --endpoint is for a local emulator",
            "--apply --dry-run --auto-optimize        | --dry-run makes no changes",
            "--traffic steady=1/s                     | --traffic, --p99-slo and --snapstart-restore-ms go with --advise",
            "--advise --traffic steady=-1/s           | Bad traffic term 'steady=-1/s'",
            "--advise --traffic wave=5/s              | Unknown traffic term 'wave=5/s'",
            "--advise --traffic @no-such-traffic.csv  | no-such-traffic.csv",
            "--advise --p99-slo 0                     | --p99-slo must be a positive number",
            "--advise --snapstart-restore-ms -5       | --snapstart-restore-ms must not be negative",
            "--advise --idle-minutes 0                | --idle-minutes must be positive",
            "--advise --traffic cloudwatch            | needs a run on AWS",
            "--advise --traffic cloudwatch:2026-02-30 | expected cloudwatch or cloudwatch:YYYY-MM-DD",
            "--allowed-exceptions Bad/Type            | --allowed-exceptions takes error type names",
            "--allowed-exceptions A,,B                | --allowed-exceptions takes error type names",
            "--function NoOpFunction:a:b              | Cannot read --function 'NoOpFunction:a:b'",
            "--function NoOpFunction:bad.alias        | Bad qualifier 'bad.alias' in --function",
            "--function NoOpFunction:1,NoOpFunction:live | --function names NoOpFunction twice",
            "--function NoOpFunction:live --alias prod --auto-optimize | --alias prod and --function NAME:live name different aliases",
            "--pre-invoke a:b:c                       | Cannot read --pre-invoke 'a:b:c'",
            "--post-invoke f:bad/alias                | Bad qualifier 'bad/alias' in --post-invoke",
            "--disable-payload-logs --payload {broken | The payload is not valid JSON (details withheld: --disable-payload-logs).",
    })
    void rejectsWithAMessageAndExitCode2(String args, String expected) {
        StringWriter err = new StringWriter();
        String[] argv = (args.strip() + " --template " + TEMPLATE + " --endpoint http://127.0.0.1:9").split("\\s+");
        int code = TuneCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), argv);
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    /** A payload that is not JSON is said without quoting it when payloads are to stay out of the output. */
    @Test
    void aBadPayloadIsNotQuotedWithDisablePayloadLogs() {
        StringWriter err = new StringWriter();
        int code = TuneCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "--payload", "{sk_live_SECRET", "--disable-payload-logs", "--template", TEMPLATE, "--endpoint", "http://127.0.0.1:9");
        assertEquals(2, code, err.toString());
        assertFalse(err.toString().contains("SECRET"), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--template /nonexistent/template.yaml    | Template not found",
    })
    void missingTemplate(String args, String expected) {
        StringWriter err = new StringWriter();
        int code = TuneCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                args.strip().split("\\s+"));
        assertEquals(2, code);
        assertTrue(err.toString().contains(expected), err.toString());
    }

    /** Without a {@link ConflictMessage} a broken exclusive group would get picocli's generic line. */
    @Test
    void everyExclusiveGroupSaysWhyItsOptionsExcludeEachOther() {
        List<ArgGroupSpec> exclusive = new ArrayList<>();
        collectExclusive(new CommandLine(new TuneCommand()).getCommandSpec().argGroups(), exclusive);
        assertTrue(exclusive.size() >= 3, "the three groups: endpoint or AWS, parallel or cold starts, dry run or changes: " + exclusive);
        for (ArgGroupSpec group : exclusive) {
            assertNotNull(group.typeInfo().getType().getAnnotation(ConflictMessage.class), group.synopsis());
        }
    }

    private static void collectExclusive(List<ArgGroupSpec> groups, List<ArgGroupSpec> into) {
        for (ArgGroupSpec group : groups) {
            if (group.exclusive()) {
                into.add(group);
            }
            collectExclusive(group.subgroups(), into);
        }
    }
}
