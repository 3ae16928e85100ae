package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.HttpApi;
import com.ecsapi.onboarder.onboarding.model.HttpIntegration;
import com.ecsapi.onboarder.onboarding.model.HttpRoute;
import com.ecsapi.onboarder.onboarding.model.LoadBalancerListener;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;
import com.ecsapi.onboarder.onboarding.model.TargetGroup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Owner discovery: which services the onboarder's ownership marks name, and in which APIs. Pool listeners and the
 * onboarder's target groups name their owner and its API in tags; REST methods (of an API, or served by one of
 * its stages) and HTTP API routes and integrations name their owner, the API being the one they are in.
 */
public final class Owners {

    private Owners() {
    }

    /**
     * Every owner the pool's listeners and the onboarder's target groups name, with the APIs their tags name (only
     * well-formed API ids, so no tag value reaches an API Gateway call as an id).
     */
    public static Map<String, Set<String>> inPool(PoolLandscape pool) {
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        tags(pool).forEach(tags -> Ownership.ownerOf(tags).ifPresent(owner -> {
            Set<String> apis = owners.computeIfAbsent(owner, key -> new LinkedHashSet<>());
            if (TagContract.isApiId(tags.get(Ownership.API_TAG))) {
                apis.add(tags.get(Ownership.API_TAG));
            }
        }));
        return owners;
    }

    /**
     * The APIs the pool's listeners and target groups name, whoever owns them; only well-formed ids, so a
     * hand-written tag value never reaches an API Gateway call as an id.
     */
    public static Set<String> apisNamedInPool(PoolLandscape pool) {
        Set<String> apiIds = new LinkedHashSet<>();
        tags(pool).map(tags -> tags.get(Ownership.API_TAG)).filter(TagContract::isApiId).forEach(apiIds::add);
        return apiIds;
    }

    /**
     * The owners one API's objects name, once per object: its REST {@code resources}' methods, the methods its
     * {@code stages} serve (a removal whose deployment failed) and, for an HTTP API, its routes and integrations.
     */
    public static List<String> inApi(Collection<List<RestResource>> resources, List<DeployedStage> stages,
                                     Collection<HttpApi> httpApis) {
        Stream<Map<String, RestMethod>> held = resources.stream().flatMap(List::stream).map(RestResource::methods);
        Stream<Map<String, RestMethod>> served = stages.stream().flatMap(stage -> stage.methodsByPath().values().stream());
        Stream<String> rest = Stream.concat(held, served).flatMap(methods -> methods.values().stream())
                .map(Ownership::ownerOf).flatMap(Optional::stream);
        Stream<String> http = httpApis.stream().flatMap(api -> Stream.concat(
                        api.routes().stream().map(HttpRoute::operationName),
                        api.integrations().stream().map(HttpIntegration::description)))
                .filter(Objects::nonNull)
                .filter(mark -> mark.startsWith(Ownership.OPERATION_PREFIX))
                .map(mark -> mark.substring(Ownership.OPERATION_PREFIX.length()));
        return Stream.concat(rest, http).toList();
    }

    private static Stream<Map<String, String>> tags(PoolLandscape pool) {
        return Stream.concat(pool.allListeners().stream().map(LoadBalancerListener::tags),
                pool.ownTargetGroups().stream().map(TargetGroup::tags));
    }
}
