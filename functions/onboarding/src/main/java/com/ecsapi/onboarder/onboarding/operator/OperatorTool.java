package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.config.Environment;
import com.ecsapi.onboarder.onboarding.OnboarderConfig;
import com.ecsapi.onboarder.onboarding.PlannedReconcile;
import com.ecsapi.onboarder.onboarding.aws.DecisionLogs;
import com.ecsapi.onboarder.onboarding.aws.EcsServices;
import com.ecsapi.onboarder.onboarding.aws.HttpApis;
import com.ecsapi.onboarder.onboarding.aws.LoadBalancing;
import com.ecsapi.onboarder.onboarding.aws.RestApis;
import com.ecsapi.onboarder.onboarding.event.ServiceRef;
import com.ecsapi.onboarder.onboarding.model.EcsService;
import com.ecsapi.onboarder.onboarding.plan.TagContract;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator tools, read-only: {@code explain} (why is a service's route live or not) and {@code inventory}
 * (every onboarded route and its drift). They read AWS through the function's own adapters, with the function's
 * configuration variables ({@code DEFAULT_API_ID}, {@code DEFAULT_STAGE}, ...) from the environment, and the
 * endpoint the SDK takes from {@code AWS_ENDPOINT_URL} (an emulator) or the account of the default credentials.
 */
public final class OperatorTool {

    static final String USAGE = """
            usage: explain <cluster> <service> [options]     why a service's route is live or not
                   explain --path /orders [options]          the same for whoever has or wants that path
                   inventory [options]                       every onboarded route, with drift
            options: --api ID (repeatable: APIs to read besides DEFAULT_API_ID and those tags name; the first is the
                     default API when DEFAULT_API_ID is unset), --stage NAME (DEFAULT_STAGE), --cluster NAME
                     (repeatable; CLUSTERS), --json
            explain: --log-file FILE (the function's log lines, e.g. bin/local-invoke's stderr), else CloudWatch Logs:
                     --log-group NAME (default /aws/lambda/<stack>/onboarding), --stack NAME (ecs-api-onboarder),
                     --since-hours N (72)
            """;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public OperatorTool(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new OperatorTool(System.getenv(), out, err).run(List.of(args)));
    }

    /** 0 when the answer was printed, 2 for a usage error, 1 when AWS could not be read. */
    public int run(List<String> args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Map<String, String> variables = new HashMap<>(environment);
        if (!arguments.apis().isEmpty()) {
            variables.putIfAbsent("DEFAULT_API_ID", arguments.apis().get(0));
        }
        arguments.stage().ifPresent(stage -> variables.put("DEFAULT_STAGE", stage));
        if (!arguments.clusters().isEmpty()) {
            variables.put("CLUSTERS", String.join(",", arguments.clusters()));
        }
        OnboarderConfig config = OnboarderConfig.from(Environment.of(variables));
        Set<String> apiIds = new LinkedHashSet<>(arguments.apis());
        if (config.defaults().apiId() != null) {
            apiIds.add(config.defaults().apiId());
        }
        try {
            EcsServices ecs = new EcsServices(AwsClients.create(EcsClient.builder()));
            LandscapeReader reader = new LandscapeReader(ecs,
                    new LoadBalancing(AwsClients.create(ElasticLoadBalancingV2Client.builder())),
                    new RestApis(AwsClients.create(ApiGatewayClient.builder())),
                    new HttpApis(AwsClients.create(ApiGatewayV2Client.builder())));
            Landscape landscape = reader.read(config.clusters(), apiIds);
            Inventory inventory = Inventory.of(landscape);
            if (arguments.command().equals("inventory")) {
                out.print(arguments.json() ? Report.inventoryJson(inventory) : Report.inventoryText(inventory));
                return 0;
            }
            List<String> services = services(arguments, ecs, landscape, inventory);
            if (services.isEmpty()) {
                err.println(arguments.path().map(path -> "No service has or asks for " + path)
                        .orElse("ECS knows no service " + arguments.service() + " in cluster " + arguments.cluster()
                                + ", and no route names it as owner"));
                return 1;
            }
            PlannedReconcile planned = new PlannedReconcile(config, err);
            List<Explanation> explanations = new ArrayList<>();
            for (String serviceArn : services) {
                explanations.add(explain(serviceArn, landscape, inventory, planned, reader, config, arguments));
            }
            out.print(arguments.json() ? Report.explanationJson(explanations)
                    : String.join("\n", explanations.stream().map(Report::explanationText).toList()));
            return 0;
        } catch (RuntimeException e) {
            err.println("Could not read AWS: " + e);
            return 1;
        }
    }

    private Explanation explain(String serviceArn, Landscape landscape, Inventory inventory, PlannedReconcile planned,
                                LandscapeReader reader, OnboarderConfig config, Arguments arguments) {
        EcsService service = landscape.services().stream().filter(candidate -> candidate.arn().equals(serviceArn))
                .findFirst().orElse(null);
        Inventory own = inventory.forService(serviceArn);
        PlannedReconcile.Next next = planned.next(ServiceRef.of(serviceArn, service == null ? null
                : service.clusterArn(), null, null), own.routes().stream().map(Route::apiId).distinct().toList(),
                reader.view());
        DecisionSource source = decisions(arguments, serviceArn);
        return Explanation.of(serviceArn, service, TagContract.apiId(service, config.defaults()),
                TagContract.stage(service, config.defaults()), next, own,
                LoggedDecision.last(source.lines(), serviceArn), source.description());
    }

    /** The services to explain: the one named, or whoever has or asks for the path. */
    private static List<String> services(Arguments arguments, EcsServices ecs, Landscape landscape,
                                         Inventory inventory) {
        Set<String> arns = new LinkedHashSet<>();
        if (arguments.path().isPresent()) {
            String path = arguments.path().get();
            landscape.services().stream().filter(service -> path.equals(service.tags().get(TagContract.PATH_TAG)))
                    .map(EcsService::arn).forEach(arns::add);
            inventory.routes().stream().filter(route -> route.path().equals(path)).map(Route::service)
                    .forEach(arns::add);
            return List.copyOf(arns);
        }
        ecs.describe(arguments.cluster(), List.of(arguments.service())).stream().map(EcsService::arn)
                .forEach(arns::add);
        if (arns.isEmpty() && ServiceRef.isServiceArn(arguments.service())) {
            arns.add(arguments.service());
        }
        if (arns.isEmpty()) {
            inventory.routes().stream().map(Route::service)
                    .filter(owner -> owner.endsWith("/" + arguments.cluster() + "/" + arguments.service()))
                    .forEach(arns::add);
        }
        return List.copyOf(arns);
    }

    private record DecisionSource(List<String> lines, String description) {
    }

    private DecisionSource decisions(Arguments arguments, String serviceArn) {
        if (arguments.logFile().isPresent()) {
            Path file = arguments.logFile().get();
            try {
                return new DecisionSource(Files.readAllLines(file, StandardCharsets.UTF_8), "file " + file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        String group = arguments.logGroup().orElse("/aws/lambda/" + arguments.stack() + "/onboarding");
        Instant since = Instant.now().minus(Duration.ofHours(arguments.sinceHours()));
        Optional<List<String>> lines = new DecisionLogs(AwsClients.create(CloudWatchLogsClient.builder()))
                .lines(group, serviceArn, since);
        return lines.map(found -> new DecisionSource(found, "CloudWatch Logs " + group + ", last "
                        + arguments.sinceHours() + " h: " + found.size() + " line(s) name the service"))
                .orElseGet(() -> new DecisionSource(List.of(), "log group " + group + " does not exist here (locally:"
                        + " --log-file with the function's log, e.g. what bin/local-invoke printed on stderr)"));
    }
}
