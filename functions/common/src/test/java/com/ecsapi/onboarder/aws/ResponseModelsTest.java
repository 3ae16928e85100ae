package com.ecsapi.onboarder.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicequotas.model.GetServiceQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.ListServiceQuotasResponse;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseModelsTest {

    @Test
    void everyFieldOfEveryNestedShapeIsFilled() {
        GetServiceQuotaResponse filled = (GetServiceQuotaResponse) ResponseModels.filled(
                GetServiceQuotaResponse.builder());

        assertEquals("priming", filled.quota().quotaCode());
        assertEquals(1.0, filled.quota().value());
        assertEquals("priming", filled.quota().usageMetric().metricDimensions().get("priming"));
        assertTrue(filled.quota().quotaContext().contextId().startsWith("priming-ContextId-"));
    }

    @Test
    void everyIdIsNew() {
        GetServiceQuotaResponse first = (GetServiceQuotaResponse) ResponseModels.filled(GetServiceQuotaResponse.builder());
        GetServiceQuotaResponse second = (GetServiceQuotaResponse) ResponseModels.filled(GetServiceQuotaResponse.builder());

        assertNotEquals(first.quota().quotaContext().contextId(), second.quota().quotaContext().contextId(),
                "what one answer created is never taken for another's parent or child");
        assertEquals(first.quota().quotaCode(), second.quota().quotaCode());
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
