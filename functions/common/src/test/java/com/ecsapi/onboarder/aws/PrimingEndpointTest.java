package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrimingEndpointTest {

    @Test
    void aCallMakesTheWholeRoundTripOnTheLoopbackAndGetsAnEmptySuccess() throws Exception {
        PrimingEndpoint endpoint = PrimingEndpoint.start();
        try (endpoint) {
            ServiceQuotasClient client = endpoint.create(ServiceQuotasClient.builder().region(Region.EU_WEST_1));
            endpoint.call(() -> client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode("L-1")));
        }

        assertEquals(List.of("ServiceQuotas:GetServiceQuota"), endpoint.primed());
        assertEquals(List.of("ServiceQuotasV20190624.GetServiceQuota"), endpoint.answered());
        assertEquals(Map.of(), endpoint.failed());
    }

    @Test
    void aFailedCallIsRecordedNotThrownAndTheClientsCloseWithTheEndpoint() throws Exception {
        PrimingEndpoint endpoint = PrimingEndpoint.start();
        ServiceQuotasClient client = endpoint.create(ServiceQuotasClient.builder().region(Region.EU_WEST_1));
        endpoint.call(() -> {
            throw new IllegalArgumentException("refused by the marshaller");
        });
        endpoint.close();

        assertTrue(endpoint.failed().get("failure 1").contains("refused by the marshaller"), endpoint.failed().toString());
        assertThrows(IllegalStateException.class,
                () -> client.getServiceQuota(r -> r.serviceCode("ec2").quotaCode("L-1")),
                "a closed client cannot be used by mistake after priming");
    }
}
