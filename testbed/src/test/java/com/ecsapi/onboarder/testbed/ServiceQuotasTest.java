package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.quota.Quota;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Service Quotas for apigateway and elasticloadbalancing, which moto 5.2.1 does not know. */
class ServiceQuotasTest extends TestBedTestBase {

    private static final Set<String> NOT_ADJUSTABLE = Set.of("L-AA0FF27B", "L-57A373D6");

    private static ServiceQuotasClient serviceQuotas;

    @BeforeAll
    static void clients() {
        serviceQuotas = AwsClients.create(ServiceQuotasClient.builder());
    }

    @AfterAll
    static void closeClients() {
        serviceQuotas.close();
    }

    @ParameterizedTest
    @EnumSource(Quota.class)
    void everyQuotaAnswersItsDocumentedDefault(Quota quota) {
        ServiceQuota applied = serviceQuotas.getServiceQuota(r -> r.serviceCode(quota.serviceCode())
                .quotaCode(quota.quotaCode())).quota();
        ServiceQuota awsDefault = serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode(quota.serviceCode())
                .quotaCode(quota.quotaCode())).quota();

        assertEquals(quota.documentedDefault(), applied.value());
        assertEquals(quota.documentedDefault(), awsDefault.value());
        assertEquals(!NOT_ADJUSTABLE.contains(quota.quotaCode()), awsDefault.adjustable());
        assertEquals(quota.serviceCode(), applied.serviceCode());
        assertEquals(quota.quotaCode(), applied.quotaCode());
    }

    @Test
    void anAppliedValueIsWhatGetServiceQuotaAnswersWhileTheDefaultStays() {
        moto.setAppliedQuota("apigateway", "L-A4C7274F", 35);

        assertEquals(35.0, serviceQuotas.getServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F"))
                .quota().value());
        assertEquals(20.0, serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode("apigateway")
                .quotaCode("L-A4C7274F")).quota().value());
        assertEquals(35.0, values(serviceQuotas.listServiceQuotas(r -> r.serviceCode("apigateway")).quotas())
                .get("L-A4C7274F"));
        assertEquals(20.0, values(serviceQuotas.listAWSDefaultServiceQuotas(r -> r.serviceCode("apigateway")).quotas())
                .get("L-A4C7274F"));
    }

    @Test
    void listingAServiceAnswersAllItsQuotas() {
        assertEquals(Map.of("L-57A373D6", 50.0, "L-69A177A2", 50.0, "L-B22855CB", 3000.0, "L-EEF1AD04", 3000.0),
                values(serviceQuotas.listServiceQuotas(r -> r.serviceCode("elasticloadbalancing")).quotas()));
        assertEquals(5, serviceQuotas.listAWSDefaultServiceQuotas(r -> r.serviceCode("apigateway")).quotas().size());
    }

    @Test
    void unknownCodesFailWithNoSuchResource() {
        NoSuchResourceException unknownQuota = assertThrows(NoSuchResourceException.class,
                () -> serviceQuotas.getServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-00000000")));
        NoSuchResourceException unknownService = assertThrows(NoSuchResourceException.class,
                () -> serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode("nosuchservice").quotaCode("L-A4C7274F")));

        assertAwsError(unknownQuota, 400, "NoSuchResourceException");
        assertAwsError(unknownService, 400, "NoSuchResourceException");
    }

    @Test
    void motosOwnVpcQuotasStillAnswer() {
        assertEquals(5.0, serviceQuotas.getAWSDefaultServiceQuota(r -> r.serviceCode("vpc").quotaCode("L-F678F1CE"))
                .quota().value());
    }

    @Test
    void aFailingServiceQuotasAnswers503AfterTheSdkRetries() {
        moto.failServiceQuotas(true);

        // not a modelled error of Service Quotas: the SDK answers its base exception, as for a real outage
        ServiceQuotasException error = assertThrows(ServiceQuotasException.class,
                () -> serviceQuotas.getServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F")));

        assertAwsError(error, 503, "ServiceUnavailableException");
        assertEquals(3, moto.callCounts().get("servicequotas:GetServiceQuota"), "3 attempts: the SDK's default");

        moto.failServiceQuotas(false);

        assertEquals(20.0, serviceQuotas.getServiceQuota(r -> r.serviceCode("apigateway").quotaCode("L-A4C7274F"))
                .quota().value());
    }

    private static Map<String, Double> values(List<ServiceQuota> quotas) {
        return quotas.stream().collect(Collectors.toMap(ServiceQuota::quotaCode, ServiceQuota::value));
    }
}
