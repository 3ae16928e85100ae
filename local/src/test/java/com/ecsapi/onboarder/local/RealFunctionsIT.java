package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.local.demo.DemoEvents;
import com.ecsapi.onboarder.local.demo.DemoSetup;
import com.ecsapi.onboarder.local.invoker.Invoker;
import com.ecsapi.onboarder.local.runner.EnvVarsFile;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's own template.yaml, sample events and functions (built by its Makefile's {@code build-<LogicalId>}
 * targets, as {@code sam build} builds them), run through the local runner against the emulator: what a user gets
 * from {@code bin/demo} and {@code bin/local-invoke --plan}. The functions reach the emulator only through the
 * env-vars file's {@code Parameters.LOCAL_AWS_ENDPOINT_URL}, as they would under {@code sam local invoke}: the
 * caller's {@code AWS_ENDPOINT_URL} is not passed.
 */
class RealFunctionsIT {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void theDemoOnboardsTheServiceAndPrintsTheRouteAndTheQuotaFigures() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        int exitCode = new Demo(Template.load(PROJECT.resolve("template.yaml")), work,
                new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, output);
        assertTrue(output.matches("(?s).*ANY /orders -> HTTP_PROXY http://\\S+:10000/ via VPC_LINK \\w+.*"), output);
        assertTrue(output.matches("(?s).*ANY /orders/\\{proxy\\+} -> HTTP_PROXY http://\\S+:10000/\\{proxy} via VPC_LINK.*"),
                output);
        assertTrue(output.contains("listener port 10000/TCP"), output);
        assertTrue(output.matches("(?s).*listeners on apigw-pool-default-1 +1 of +50 .*"), output);
        assertTrue(output.contains("listeners-per-nlb / apigw-pool-default-1: Limit=50 Usage=1"), output);
    }

    @Test
    void planPrintsTheChangesAndLeavesTheEmulatorAsItWas() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            moto.useForThisJvm();
            try (DemoSetup.Clients clients = DemoSetup.Clients.create()) {
                DemoSetup setup = DemoSetup.create(clients);
                ApiGatewayClient apiGateway = clients.apiGateway();
                ElasticLoadBalancingV2Client elb = clients.elb();
                Path event = Files.writeString(work.resolve("create-service.json"), DemoEvents.adaptSample(
                        Files.readString(PROJECT.resolve("events/onboarding-create-service.json")), setup));
                List<Resource> resourcesBefore = apiGateway.getResources(r -> r.restApiId(setup.restApiId())).items();

                PlanRun result = plan(moto, setup, "OnboardingFunction", event);

                String logs = result.logs();
                assertEquals("{\"batchItemFailures\":[]}", result.stdout());
                assertTrue(logs.contains("\"plannedChanges\""), logs);
                assertTrue(logs.contains("elasticloadbalancing:CreateListener LoadBalancerArn="
                        + setup.poolNlb().loadBalancerArn()), logs);
                assertTrue(logs.contains("apigateway:CreateResource restApiId=" + setup.restApiId() + " path=/orders"),
                        logs);
                assertTrue(moto.callCounts().keySet().stream().noneMatch(RealFunctionsIT::isWrite),
                        "the dry run only read: " + moto.callCounts());
                assertEquals(List.of(), elb.describeListeners(r -> r.loadBalancerArn(
                        setup.poolNlb().loadBalancerArn())).listeners());
                assertEquals(resourcesBefore,
                        apiGateway.getResources(r -> r.restApiId(setup.restApiId())).items());
            }
        }
    }

    @Test
    void theSweepsPlanSendsNoMessage() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            moto.useForThisJvm();
            try (DemoSetup.Clients clients = DemoSetup.Clients.create()) {
                DemoSetup setup = DemoSetup.create(clients);

                PlanRun result = plan(moto, setup, "ReconcileSweepFunction",
                        PROJECT.resolve("events/sweep-scheduled.json"));

                String logs = result.logs();
                assertTrue(result.stdout().contains("\"enqueued\":0"), result.stdout());
                assertTrue(logs.contains("Dry run: reconcile request not sent"), logs);
                assertTrue(moto.callCounts().keySet().stream().noneMatch(RealFunctionsIT::isWrite),
                        "the sweep's plan only read: " + moto.callCounts());
            }
        }
    }

    @Test
    void theSnapStartHooksOfTheBuiltJarPrimeWithoutACallToAws() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            moto.useForThisJvm();
            try (DemoSetup.Clients clients = DemoSetup.Clients.create()) {
                Invocation monitor = invocation(moto, DemoSetup.create(clients), "QuotaMonitorFunction",
                        PROJECT.resolve("events/quota-monitor-scheduled.json"));
                moto.clearCallCounts();

                Path log = work.resolve("monitor-snapstart.log");
                FunctionRunner.Result result = FunctionRunner.forThisJvm().run(monitor, log,
                        List.of(Invoker.SNAPSTART_OPTION));

                String logs = Files.readString(log);
                assertEquals(0, result.exitCode(), logs);
                assertTrue(logs.contains(Invoker.HOOKS_PREFIX + "1 resources"), logs);
                assertTrue(logs.matches("(?s).*\"message\":\"SnapStart priming done\",\"calls\":\\d+,\"failures\":\\{}.*"),
                        logs);
                int sent = moto.callCounts().values().stream().mapToInt(Integer::intValue).sum();
                assertTrue(result.stdout().contains("\"totalCalls\":" + sent + ","),
                        "the emulator got the run's own calls only (" + sent + "): " + result.stdout());
            }
        }
    }

    private record PlanRun(String stdout, String logs) {
    }

    /** Runs {@code function} of the project's template with {@code --plan} on the demo setup; it must exit 0. */
    private PlanRun plan(MotoServer moto, DemoSetup setup, String function, Path event) throws IOException {
        Invocation plan = invocation(moto, setup, function, event).dryRun();
        moto.clearCallCounts();
        Path log = work.resolve(function + "-plan.log");
        FunctionRunner.Result result = FunctionRunner.forThisJvm().run(plan, log);
        String logs = Files.readString(log);
        assertEquals(0, result.exitCode(), logs);
        return new PlanRun(result.stdout(), logs);
    }

    /** {@code function} of the project's template with {@code event}, on the demo setup in {@code moto}. */
    private Invocation invocation(MotoServer moto, DemoSetup setup, String function, Path event) throws IOException {
        Path envVars = Files.writeString(work.resolve("env-vars.json"), setup.envVarsJson(moto.endpoint()));
        Map<String, String> caller = new HashMap<>(System.getenv());
        caller.putAll(moto.clientEnvironment());
        return Invocation.prepare(Template.load(PROJECT.resolve("template.yaml")), function, event,
                EnvVarsFile.read(envVars), caller);
    }

    private static boolean isWrite(String operation) {
        String name = operation.substring(operation.indexOf(':') + 1);
        return !(name.startsWith("Describe") || name.startsWith("Get") || name.startsWith("List"));
    }
}
