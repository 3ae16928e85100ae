package com.ecsapi.onboarder.onboarding.plan;

import com.ecsapi.onboarder.onboarding.model.DeployedStage;
import com.ecsapi.onboarder.onboarding.model.Ownership;
import com.ecsapi.onboarder.onboarding.model.RestMethod;
import com.ecsapi.onboarder.onboarding.model.RestResource;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the stages of a REST API serve against what the API holds. A stage serves the deployment it points at,
 * not the API as it is now: after an interrupted removal it can still route a removed path to a port that is
 * free again, and so to whichever service gets that port next.
 */
public final class StageSync {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^[a-zA-Z]+://([^/:]+):(\\d+)");

    /** The parts of a route that decide where a request goes (the integration target follows the uri's host). */
    private record Route(String operationName, String integrationType, String uri, String connectionType,
                         String connectionId) {

        static Route of(RestMethod method) {
            return new Route(method.operationName(), method.integrationType(), method.uri(), method.connectionType(),
                    method.connectionId());
        }
    }

    private StageSync() {
    }

    /**
     * The stages of {@code apiId} to deploy for {@code serviceArn}: every stage serving a method of the service
     * that the API no longer holds as served (removed, or pointing elsewhere now), and the service's own stage
     * ({@code desiredStage}, null when the service wants no route on this API) while it does not serve the
     * service's methods exactly as the API holds them.
     */
    public static Set<ApiStage> staleStages(String serviceArn, String apiId, List<RestResource> resources,
                                            List<DeployedStage> stages, String desiredStage) {
        Map<String, Route> held = new HashMap<>();
        for (RestResource resource : resources) {
            resource.methods().values().stream().filter(method -> ownedBy(method, serviceArn))
                    .forEach(method -> held.put(resource.path() + " " + method.httpMethod(), Route.of(method)));
        }
        Set<ApiStage> stale = new LinkedHashSet<>();
        for (DeployedStage stage : stages) {
            Map<String, Route> served = new HashMap<>();
            stage.methodsByPath().forEach((path, methods) -> methods.values().stream()
                    .filter(method -> ownedBy(method, serviceArn))
                    .forEach(method -> served.put(path + " " + method.httpMethod(), Route.of(method))));
            boolean servesWhatIsGone = served.entrySet().stream()
                    .anyMatch(entry -> !entry.getValue().equals(held.get(entry.getKey())));
            boolean lacksItsRoute = stage.name().equals(desiredStage) && !served.equals(held);
            if (servesWhatIsGone || lacksItsRoute) {
                stale.add(new ApiStage(apiId, stage.name()));
            }
        }
        return stale;
    }

    /**
     * The ports each host (a load balancer's DNS name) is routed to by a method of these APIs or by what their
     * stages serve, other than the service's own routes: a new listener of {@code serviceArn} must not take one
     * of them, or another's old route would reach it.
     */
    public static Map<String, Set<Integer>> routedPorts(String serviceArn, Collection<List<RestResource>> apis,
                                                        Collection<List<DeployedStage>> stages) {
        Map<String, Set<Integer>> ports = new HashMap<>();
        apis.forEach(resources -> resources.forEach(resource ->
                resource.methods().values().forEach(method -> addPort(ports, method, serviceArn))));
        stages.forEach(list -> list.forEach(stage -> stage.methodsByPath().values().forEach(methods ->
                methods.values().forEach(method -> addPort(ports, method, serviceArn)))));
        return ports;
    }

    /** The ports on {@code host} that the service's own methods in these deployed stages route to. */
    public static Set<Integer> servedPorts(String serviceArn, String host, Collection<List<DeployedStage>> stages) {
        Set<Integer> ports = new TreeSet<>();
        stages.forEach(list -> list.forEach(stage -> stage.methodsByPath().values().forEach(methods ->
                methods.values().stream().filter(method -> method.uri() != null && ownedBy(method, serviceArn))
                        .map(method -> HOST_AND_PORT.matcher(method.uri()))
                        .filter(matcher -> matcher.find() && matcher.group(1).equals(host))
                        .forEach(matcher -> ports.add(Integer.parseInt(matcher.group(2)))))));
        return ports;
    }

    private static void addPort(Map<String, Set<Integer>> ports, RestMethod method, String serviceArn) {
        if (method.uri() == null || ownedBy(method, serviceArn)) {
            return;
        }
        Matcher matcher = HOST_AND_PORT.matcher(method.uri());
        if (matcher.find()) {
            ports.computeIfAbsent(matcher.group(1), host -> new TreeSet<>()).add(Integer.parseInt(matcher.group(2)));
        }
    }

    private static boolean ownedBy(RestMethod method, String serviceArn) {
        return Ownership.ownerOf(method).filter(serviceArn::equals).isPresent();
    }
}
