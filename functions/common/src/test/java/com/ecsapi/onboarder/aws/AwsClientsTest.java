package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsClientsTest {

    @Test
    void anUnsetOrEmptyLocalEndpointLeavesTheSdkItsOwnEndpoints() {
        assertEquals(Optional.empty(), AwsClients.localEndpoint(null));
        assertEquals(Optional.empty(), AwsClients.localEndpoint(""));
        assertEquals(Optional.empty(), AwsClients.localEndpoint("  "));
    }

    @Test
    void aLocalEndpointOverridesEveryClient() {
        assertEquals(Optional.of(URI.create("http://host.docker.internal:5000")),
                AwsClients.localEndpoint("http://host.docker.internal:5000"));
    }

    @Test
    void aValueThatIsNoHttpUrlFailsWithTheVariableNamed() {
        for (String bad : new String[] {"127.0.0.1:5000", "ftp://host", "http://", "http://a b"}) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> AwsClients.localEndpoint(bad), bad);
            assertTrue(error.getMessage().contains("LOCAL_AWS_ENDPOINT_URL"), error.getMessage());
        }
    }
}
