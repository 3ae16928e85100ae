package com.ecsapi.onboarder.monitor.usage;

import com.ecsapi.onboarder.monitor.failures.ItemFailures;
import com.ecsapi.onboarder.monitor.failures.UnreadSeries;
import com.ecsapi.onboarder.monitor.internal.Pages;
import com.ecsapi.onboarder.monitor.internal.RateLimiter;
import com.ecsapi.onboarder.quota.Quota;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.GetVpcLinksResponse;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRoutesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Counts the API Gateway quotas: VPC links V1 ({@code GetVpcLinks}) and V2 ({@code apigatewayv2 GetVpcLinks}) per
 * Region, resources per REST API and routes per HTTP API, for the configured APIs or, when none are configured,
 * for every REST API and HTTP API of the Region. Calls are paced: GetResources at 2 per second (AWS: 5 every 2 s),
 * the other reads at 8 per second (AWS: 10 per second shared, burst 40). A call that fails for good costs what it
 * reads: one Region-wide count, the list of APIs of one kind (then none of that kind is measured), one API.
 */
public final class ApiGatewayUsageReader {

    public static final double READ_CALLS_PER_SECOND = 8;
    public static final int READ_BURST = 20;
    public static final double GET_RESOURCES_PER_SECOND = 2;
    public static final int GET_RESOURCES_BURST = 4;

    private static final String GET_VPC_LINKS = "ApiGateway:GetVpcLinks";
    private static final String GET_VPC_LINKS_V2 = "ApiGatewayV2:GetVpcLinks";
    private static final String GET_REST_APIS = "ApiGateway:GetRestApis";
    private static final String GET_APIS = "ApiGatewayV2:GetApis";
    private static final String GET_RESOURCES = "ApiGateway:GetResources";
    private static final String GET_ROUTES = "ApiGatewayV2:GetRoutes";

    private static final int PAGE_SIZE = 500;
    private static final String NOT_MEASURED = "not measured";

    private final ApiGatewayClient restApis;
    private final ApiGatewayV2Client httpApis;
    private final RateLimiter readLimiter;
    private final RateLimiter getResourcesLimiter;

    public ApiGatewayUsageReader(ApiGatewayClient restApis, ApiGatewayV2Client httpApis,
                                 RateLimiter readLimiter, RateLimiter getResourcesLimiter) {
        this.restApis = restApis;
        this.httpApis = httpApis;
        this.readLimiter = readLimiter;
        this.getResourcesLimiter = getResourcesLimiter;
    }

    /**
     * @param apiIds   the APIs to measure; empty for all
     * @param notFound told each configured API id that is neither a REST API nor an HTTP API
     */
    public List<QuotaUsage> read(List<String> apiIds, Consumer<String> notFound, ItemFailures failures) {
        List<QuotaUsage> usages = new ArrayList<>();
        try {
            usages.add(QuotaUsage.regional(Quota.VPC_LINKS_V1, vpcLinksV1()));
        } catch (SdkException e) {
            failures.add(GET_VPC_LINKS, QuotaUsage.REGION, NOT_MEASURED, e,
                    new UnreadSeries(Quota.VPC_LINKS_V1, QuotaUsage.REGION));
        }
        try {
            usages.add(QuotaUsage.regional(Quota.VPC_LINKS_V2, vpcLinksV2()));
        } catch (SdkException e) {
            failures.add(GET_VPC_LINKS_V2, QuotaUsage.REGION, NOT_MEASURED, e,
                    new UnreadSeries(Quota.VPC_LINKS_V2, QuotaUsage.REGION));
        }
        if (apiIds.isEmpty()) {
            for (String restApiId : allRestApiIds(failures)) {
                restApi(restApiId, failures).ifPresent(usages::add);
            }
            for (String httpApiId : allHttpApiIds(failures)) {
                httpApi(httpApiId, failures).ifPresent(usages::add);
            }
            return usages;
        }
        for (String apiId : apiIds) {
            measureConfigured(apiId, notFound, failures).ifPresent(usages::add);
        }
        return usages;
    }

    private Optional<QuotaUsage> restApi(String restApiId, ItemFailures failures) {
        try {
            return Optional.of(QuotaUsage.of(Quota.RESOURCES_PER_REST_API, restApiId, resourceCount(restApiId)));
        } catch (SdkException e) {
            failures.add(GET_RESOURCES, restApiId, NOT_MEASURED, e,
                    new UnreadSeries(Quota.RESOURCES_PER_REST_API, restApiId));
            return Optional.empty();
        }
    }

    private Optional<QuotaUsage> httpApi(String httpApiId, ItemFailures failures) {
        try {
            return Optional.of(QuotaUsage.of(Quota.ROUTES_PER_HTTP_API, httpApiId, routeCount(httpApiId)));
        } catch (SdkException e) {
            failures.add(GET_ROUTES, httpApiId, NOT_MEASURED, e, new UnreadSeries(Quota.ROUTES_PER_HTTP_API, httpApiId));
            return Optional.empty();
        }
    }

    /** A configured id is tried as a REST API, then as an HTTP API; a failure leaves both its alarms as they are. */
    private Optional<QuotaUsage> measureConfigured(String apiId, Consumer<String> notFound, ItemFailures failures) {
        try {
            return Optional.of(QuotaUsage.of(Quota.RESOURCES_PER_REST_API, apiId, resourceCount(apiId)));
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException notRest) {
            // not a REST API: an HTTP API, or nothing
        } catch (SdkException e) {
            failures.add(GET_RESOURCES, apiId, NOT_MEASURED, e, new UnreadSeries(Quota.RESOURCES_PER_REST_API, apiId),
                    new UnreadSeries(Quota.ROUTES_PER_HTTP_API, apiId));
            return Optional.empty();
        }
        try {
            return Optional.of(QuotaUsage.of(Quota.ROUTES_PER_HTTP_API, apiId, routeCount(apiId)));
        } catch (software.amazon.awssdk.services.apigatewayv2.model.NotFoundException notHttp) {
            notFound.accept(apiId);
        } catch (SdkException e) {
            failures.add(GET_ROUTES, apiId, NOT_MEASURED, e, new UnreadSeries(Quota.ROUTES_PER_HTTP_API, apiId));
        }
        return Optional.empty();
    }

    private int vpcLinksV1() {
        return Pages.all(readLimiter,
                position -> restApis.getVpcLinks(request -> request.limit(PAGE_SIZE).position(position)),
                GetVpcLinksResponse::items, GetVpcLinksResponse::position).size();
    }

    private int vpcLinksV2() {
        return Pages.all(readLimiter, token -> httpApis.getVpcLinks(request -> request
                        .maxResults(String.valueOf(PAGE_SIZE)).nextToken(token)),
                software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksResponse::items,
                software.amazon.awssdk.services.apigatewayv2.model.GetVpcLinksResponse::nextToken).size();
    }

    private List<String> allRestApiIds(ItemFailures failures) {
        try {
            return Pages.all(readLimiter,
                            position -> restApis.getRestApis(request -> request.limit(PAGE_SIZE).position(position)),
                            GetRestApisResponse::items, GetRestApisResponse::position)
                    .stream().map(RestApi::id).toList();
        } catch (SdkException e) {
            failures.add(GET_REST_APIS, "REST APIs", "no REST API measured", e,
                    UnreadSeries.everyResourceOf(Quota.RESOURCES_PER_REST_API));
            return List.of();
        }
    }

    private List<String> allHttpApiIds(ItemFailures failures) {
        try {
            return Pages.all(readLimiter, token -> httpApis.getApis(request -> request
                            .maxResults(String.valueOf(PAGE_SIZE)).nextToken(token)),
                            GetApisResponse::items, GetApisResponse::nextToken)
                    .stream().filter(api -> api.protocolType() == ProtocolType.HTTP).map(Api::apiId).toList();
        } catch (SdkException e) {
            failures.add(GET_APIS, "HTTP APIs", "no HTTP API measured", e,
                    UnreadSeries.everyResourceOf(Quota.ROUTES_PER_HTTP_API));
            return List.of();
        }
    }

    private int resourceCount(String restApiId) {
        return Pages.all(getResourcesLimiter, position -> restApis.getResources(request -> request
                        .restApiId(restApiId).limit(PAGE_SIZE).position(position)),
                GetResourcesResponse::items, GetResourcesResponse::position).size();
    }

    private int routeCount(String httpApiId) {
        return Pages.all(readLimiter, token -> httpApis.getRoutes(request -> request
                        .apiId(httpApiId).maxResults(String.valueOf(PAGE_SIZE)).nextToken(token)),
                GetRoutesResponse::items, GetRoutesResponse::nextToken).size();
    }
}
