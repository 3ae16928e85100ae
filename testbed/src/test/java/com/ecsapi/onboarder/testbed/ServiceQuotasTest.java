package com.ecsapi.onboarder.testbed;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.quota.Quota;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.IllegalArgumentException;
import software.amazon.awssdk.services.servicequotas.model.ListRequestedServiceQuotaChangeHistoryByQuotaResponse;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.RequestStatus;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuotasException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service Quotas for apigateway and elasticloadbalancing, which moto 5.2.1 does not know, and quota increase
 * requests, which it does not have.
 */
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

    /**
     * Quota increase requests (RequestServiceQuotaIncrease, ListRequestedServiceQuotaChangeHistoryByQuota), which
     * moto 5.2.1 answers with HTTP 500: one open request per quota, only above the value in force, never for a quota
     * that is not adjustable.
     */
    @Nested
    class IncreaseRequests {

        private static final String API_GATEWAY = "apigateway";
        private static final String VPC_LINKS_V1 = "L-A4C7274F";

        private static RequestedServiceQuotaChange request(String serviceCode, String quotaCode, double desired) {
            return serviceQuotas.requestServiceQuotaIncrease(r -> r.serviceCode(serviceCode).quotaCode(quotaCode)
                    .desiredValue(desired)).requestedQuota();
        }

        private static List<RequestedServiceQuotaChange> history(String serviceCode, String quotaCode) {
            return serviceQuotas.listRequestedServiceQuotaChangeHistoryByQuota(r -> r.serviceCode(serviceCode)
                    .quotaCode(quotaCode)).requestedQuotas();
        }

        @Test
        void aRequestIsOpenedPendingWithAnIdAndListedInTheQuotasHistory() {
            RequestedServiceQuotaChange opened = request(API_GATEWAY, VPC_LINKS_V1, 40);

            assertEquals(RequestStatus.PENDING, opened.status());
            assertTrue(opened.id().matches("[0-9a-f]{32}[A-Za-z0-9]{8}"), opened.id());
            assertEquals(40.0, opened.desiredValue());
            assertEquals("VPC links per Region", opened.quotaName());
            assertNotNull(opened.created());
            assertEquals(List.of(opened.id()), history(API_GATEWAY, VPC_LINKS_V1).stream()
                    .map(RequestedServiceQuotaChange::id).toList());
            assertEquals(List.of(), history(API_GATEWAY, "L-608BDCD4"), "another quota's history is its own");
            assertEquals(20.0, serviceQuotas.getServiceQuota(r -> r.serviceCode(API_GATEWAY).quotaCode(VPC_LINKS_V1))
                    .quota().value(), "a request changes nothing until AWS approves it");
        }

        @ParameterizedTest
        @ValueSource(strings = {"PENDING", "CASE_OPENED"})
        void anOpenRequestRefusesASecondOneForTheSameQuota(String status) {
            RequestedServiceQuotaChange first = request(API_GATEWAY, VPC_LINKS_V1, 40);
            moto.setQuotaRequestStatus(first.id(), status);

            ResourceAlreadyExistsException refused = assertThrows(ResourceAlreadyExistsException.class,
                    () -> request(API_GATEWAY, VPC_LINKS_V1, 60));

            assertAwsError(refused, 400, "ResourceAlreadyExistsException");
            assertEquals(1, history(API_GATEWAY, VPC_LINKS_V1).size());
            assertEquals(RequestStatus.PENDING, request(API_GATEWAY, "L-608BDCD4", 20).status(),
                    "the rule is per quota: another quota may have its own open request");
        }

        @ParameterizedTest
        @CsvSource({"APPROVED, 40", "DENIED, 20"})
        void aDecidedRequestIsClosedWithTheValueAppliedOnlyWhenApproved(String decision, double valueAfter) {
            RequestedServiceQuotaChange first = request(API_GATEWAY, VPC_LINKS_V1, 40);
            moto.setQuotaRequestStatus(first.id(), decision);

            assertEquals(valueAfter, serviceQuotas.getServiceQuota(r -> r.serviceCode(API_GATEWAY).quotaCode(VPC_LINKS_V1))
                    .quota().value());
            assertEquals(RequestStatus.PENDING, request(API_GATEWAY, VPC_LINKS_V1, 80).status(), "closed: a new one is accepted");
            assertEquals(List.of(RequestStatus.fromValue(decision), RequestStatus.PENDING),
                    history(API_GATEWAY, VPC_LINKS_V1).stream().map(RequestedServiceQuotaChange::status).toList());
        }

        @Test
        void aQuotaThatIsNotAdjustableIsRefused() {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> request("elasticloadbalancing", "L-57A373D6", 100));

            assertAwsError(refused, 400, "IllegalArgumentException");
            assertEquals(List.of(), history("elasticloadbalancing", "L-57A373D6"));
        }

        @Test
        void aDesiredValueNotAboveTheValueInForceIsRefused() {
            moto.setAppliedQuota(API_GATEWAY, VPC_LINKS_V1, 30);

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> request(API_GATEWAY, VPC_LINKS_V1, 30));

            assertAwsError(refused, 400, "IllegalArgumentException");
            assertTrue(refused.getMessage().contains("greater than the current quota value"), refused.getMessage());
        }

        @Test
        void unknownCodesAnswerNoSuchResource() {
            assertAwsError(assertThrows(NoSuchResourceException.class, () -> request(API_GATEWAY, "L-00000000", 10)),
                    400, "NoSuchResourceException");
            assertAwsError(assertThrows(NoSuchResourceException.class, () -> history(API_GATEWAY, "L-00000000")),
                    400, "NoSuchResourceException");
        }

        @Test
        void theHistoryFiltersByStatusAndPages() {
            for (int desired = 30; desired <= 50; desired += 10) {
                moto.setQuotaRequestStatus(request(API_GATEWAY, VPC_LINKS_V1, desired).id(), "DENIED");
            }
            request(API_GATEWAY, VPC_LINKS_V1, 60);

            assertEquals(List.of(60.0), serviceQuotas.listRequestedServiceQuotaChangeHistoryByQuota(r -> r
                    .serviceCode(API_GATEWAY).quotaCode(VPC_LINKS_V1).status(RequestStatus.PENDING)).requestedQuotas()
                    .stream().map(RequestedServiceQuotaChange::desiredValue).toList());
            ListRequestedServiceQuotaChangeHistoryByQuotaResponse first = serviceQuotas
                    .listRequestedServiceQuotaChangeHistoryByQuota(r -> r.serviceCode(API_GATEWAY).quotaCode(VPC_LINKS_V1)
                            .maxResults(3));
            assertEquals(3, first.requestedQuotas().size());
            ListRequestedServiceQuotaChangeHistoryByQuotaResponse second = serviceQuotas
                    .listRequestedServiceQuotaChangeHistoryByQuota(r -> r.serviceCode(API_GATEWAY).quotaCode(VPC_LINKS_V1)
                            .maxResults(3).nextToken(first.nextToken()));
            assertEquals(1, second.requestedQuotas().size());
            assertNull(second.nextToken());
        }

        @Test
        void resetForgetsTheRequests() {
            request(API_GATEWAY, VPC_LINKS_V1, 40);

            moto.reset();

            assertEquals(List.of(), history(API_GATEWAY, VPC_LINKS_V1));
            assertEquals(RequestStatus.PENDING, request(API_GATEWAY, VPC_LINKS_V1, 40).status());
        }
    }
}
