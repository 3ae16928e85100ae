package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancer;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.ecsapi.onboarder.onboarding.plan.Fixtures.OTHER;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.SERVICE;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.listener;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.nlb;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.resource;
import static com.ecsapi.onboarder.onboarding.plan.Fixtures.root;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OwnersTest {

    private static final String THIRD = "arn:aws:ecs:us-east-1:1:service/apps/third";

    @Test
    void thePoolNamesEachOwnerOfAListenerOrTargetGroupWithTheWellFormedApisItsTagsName() {
        LoadBalancer a1 = nlb("a1", "vpc-a", "default");
        TargetGroup group = new TargetGroup("arn:tg/eao-1", "eao-1", "TCP", 80, "vpc-a", "alb", List.of(), Map.of(
                Ownership.SERVICE_TAG, OTHER, Ownership.API_TAG, "api2"), List.of());
        PoolLandscape pool = new PoolLandscape(List.of(a1), Map.of(a1.arn(), List.of(
                listener(a1, 10000, "arn:tg/orders", Ownership.tags(SERVICE, "api1", "prod", "/orders")),
                listener(a1, 10001, "arn:tg/third", Map.of(Ownership.SERVICE_TAG, THIRD, Ownership.API_TAG, "../x")),
                listener(a1, 443, "arn:tg/hand-made", Map.of(Ownership.API_TAG, "api3")))),
                List.of(), List.of(group), Set.of(), Map.of());

        assertEquals(Map.of(SERVICE, Set.of("api1"), THIRD, Set.of(), OTHER, Set.of("api2")), Owners.inPool(pool));
        assertEquals(Set.of("api1", "api3", "api2"), Owners.apisNamedInPool(pool),
                "whoever owns them, well-formed ids only");
    }

    @Test
    void anApiNamesTheOwnersOfItsMethodsOfWhatItsStagesServeAndOfItsHttpRoutesAndIntegrations() {
        RestMethod servedOnly = new RestMethod("ANY", Ownership.operationName(THIRD), "HTTP_PROXY", "http://x:1/",
                "VPC_LINK", "l1", null);
        DeployedStage prod = new DeployedStage("prod", Map.of("/gone", Map.of("ANY", servedOnly)));
        HttpApi http = new HttpApi("h1", List.of(
                new HttpRoute("r1", "ANY /other", "integrations/i1", Ownership.operationName(OTHER)),
                new HttpRoute("r2", "GET /hand-made", "integrations/i2", null),
                new HttpRoute("r3", "GET /tool", "integrations/i2", "tool:made")),
                List.of(new HttpIntegration("i1", "HTTP_PROXY", "arn:listener", "VPC_LINK", "v2", null,
                        Ownership.operationName(OTHER))));

        assertEquals(List.of(SERVICE, THIRD, OTHER, OTHER), Owners.inApi(
                List.of(List.of(root(), resource("r", "root", "/orders", SERVICE), resource("h", "root", "/mine", null))),
                List.of(prod), List.of(http)));
    }
}
