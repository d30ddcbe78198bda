package ${package}.${functionPackage};

import static dev.coldbrew.runtime.testing.ExemplarAssertions.assertAnswersItsExemplar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.testing.LocalInvoke;
import dev.coldbrew.runtime.Priming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
#if( $awsService == "dynamodb" || $awsService == "s3" || $awsService == "sqs" )
import software.amazon.awssdk.regions.Region;
#end

class ${functionClass}HandlerTest {
    private final ${functionClass}Handler handler = new ${functionClass}Handler();

    /** The exemplar is also what SnapStart priming runs: it must succeed and give the expected response. */
    @Test
    void answersItsExemplar() throws Exception {
        assertAnswersItsExemplar(handler);
    }

    @Test
    void greetsByName() throws Exception {
        assertEquals("{\"message\":\"Hello, Ada!\"}", LocalInvoke.invoke(handler, "{\"name\":\"Ada\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[1,2", "\"Ada\"", "{}", "{\"name\":\"  \"}", "{\"nam\":\"Ada\"}"})
    void rejectsMalformedEvents(String event) {
        assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, event));
    }

    @Test
    void saysWhatIsWrongWithAnEvent() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> LocalInvoke.invoke(handler, "{\"name\":\"" + "x".repeat(101) + "\"}"));
        assertTrue(e.getMessage().contains("name must be at most 100 characters"), e.getMessage());
    }

    @Test
    void registersItsExemplarForSnapStartPriming() {
        assertTrue(Priming.registeredCount() > 0, "JsonHandler registers the exemplar for priming");
    }
#if( $awsService == "dynamodb" || $awsService == "s3" || $awsService == "sqs" )

    /** The client builds from the layer's jars alone (no apache or netty client) with Lambda's region setting. */
    @Test
    void buildsItsAwsClientFromTheLayer() {
        System.setProperty("aws.region", "eu-west-1");
#if( $awsService == "dynamodb" )
        var client = ${functionClass}Handler.dynamoDb();
#elseif( $awsService == "s3" )
        var client = ${functionClass}Handler.s3();
#else
        var client = ${functionClass}Handler.sqs();
#end
        assertEquals(Region.EU_WEST_1, client.serviceClientConfiguration().region());
    }
#end
}
