package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CloudWatch Logs Insights saved queries (query definitions), which moto 5.2.1 lacks. */
class LogsQueryDefinitionTest extends TestBedTestBase {

    private static CloudWatchLogsClient logs;

    @BeforeAll
    static void clients() {
        logs = AwsClients.create(CloudWatchLogsClient.builder());
    }

    @AfterAll
    static void closeClients() {
        logs.close();
    }

    @Test
    void aSavedQueryIsListedByNamePrefixReplacedInPlaceAndDeleted() {
        String id = logs.putQueryDefinition(r -> r.name("stack/decisions").queryString("fields @timestamp")
                .logGroupNames("/aws/lambda/stack/onboarding")).queryDefinitionId();
        logs.putQueryDefinition(r -> r.name("other").queryString("fields @message"));

        logs.putQueryDefinition(r -> r.queryDefinitionId(id).name("stack/decisions").queryString("fields service"));

        List<QueryDefinition> found = logs.describeQueryDefinitions(r -> r.queryDefinitionNamePrefix("stack/"))
                .queryDefinitions();
        assertEquals(1, found.size());
        assertEquals(id, found.get(0).queryDefinitionId());
        assertEquals("fields service", found.get(0).queryString());
        assertEquals(List.of(), found.get(0).logGroupNames(), "a replaced query keeps only what the new put names");
        assertTrue(logs.deleteQueryDefinition(r -> r.queryDefinitionId(id)).success());
        assertEquals(List.of("other"), logs.describeQueryDefinitions(r -> { }).queryDefinitions().stream()
                .map(QueryDefinition::name).toList());
    }

    @Test
    void anUnknownIdIsNotFoundAndAQueryNeedsANameAndAQueryString() {
        assertAwsError(assertThrows(ResourceNotFoundException.class,
                () -> logs.deleteQueryDefinition(r -> r.queryDefinitionId("nope"))), 400, "ResourceNotFoundException");
        assertAwsError(assertThrows(ResourceNotFoundException.class, () -> logs.putQueryDefinition(
                r -> r.queryDefinitionId("nope").name("n").queryString("fields x"))), 400, "ResourceNotFoundException");
        assertAwsError(assertThrows(InvalidParameterException.class, () -> logs.putQueryDefinition(
                r -> r.name("n"))), 400, "InvalidParameterException");
    }

    @Test
    void aResetDropsThem() {
        logs.putQueryDefinition(r -> r.name("decisions").queryString("fields @timestamp"));

        moto.reset();

        assertEquals(List.of(), logs.describeQueryDefinitions(r -> { }).queryDefinitions());
    }
}
