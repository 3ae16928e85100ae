package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasResponse;


import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseModelsTest {

    @Test
    void everyFieldOfEveryNestedShapeIsFilled() {
        GetServiceQuotaResponse filled = (GetServiceQuotaResponse) ResponseModels.filled(
                GetServiceQuotaResponse.builder());

        assertEquals("priming", filled.quota().quotaCode());
        assertEquals(1.0, filled.quota().value());
        assertEquals("priming", filled.quota().usageMetric().metricDimensions().get("priming"));
        assertEquals("priming", filled.quota().quotaContext().contextId());
    }

    @Test
    void listsHoldOneFilledMember() {
        ListServiceQuotasResponse filled = (ListServiceQuotasResponse) ResponseModels.filled(
                ListServiceQuotasResponse.builder());

        assertEquals(1, filled.quotas().size());
        assertEquals(null, filled.nextToken(), "a paginator stops after the first page");
        assertEquals("priming", filled.quotas().get(0).errorReason().errorMessage());
    }
}
