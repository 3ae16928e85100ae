package com.ecsapi.onboarder.onboarding.aws;

import com.ecsapi.onboarder.onboarding.model.VpcLinkV2;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;

import java.util.ArrayList;
import java.util.List;

/** API Gateway v2 reads and writes: whether an API id names an HTTP API, and the VPC links V2. */
public final class HttpApis {

    private final ApiGatewayV2Client apiGateway;

    public HttpApis(ApiGatewayV2Client apiGateway) {
        this.apiGateway = apiGateway;
    }

    /** True when {@code apiId} names an HTTP API (a WebSocket API is not one). */
    public boolean isHttpApi(String apiId) {
        try {
            return "HTTP".equals(apiGateway.getApi(request -> request.apiId(apiId)).protocolTypeAsString());
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Every VPC link V2 with its subnets. */
    public List<VpcLinkV2> vpcLinks() {
        List<VpcLink> links = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = apiGateway.getVpcLinks(request -> request.nextToken(next));
            links.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return links.stream().map(link -> new VpcLinkV2(link.vpcLinkId(), link.name(), link.vpcLinkStatusAsString(),
                link.subnetIds())).toList();
    }
}
