package com.ecsapi.onboarder.local;

import com.ecsapi.onboarder.aws.AwsClients;
import com.ecsapi.onboarder.local.demo.DemoEvents;
import com.ecsapi.onboarder.local.demo.DemoSetup;
import com.ecsapi.onboarder.local.demo.ReadBack;
import com.ecsapi.onboarder.local.runner.EnvVarsFile;
import com.ecsapi.onboarder.local.runner.FunctionRunner;
import com.ecsapi.onboarder.local.runner.Invocation;
import com.ecsapi.onboarder.local.template.Template;
import com.ecsapi.onboarder.local.template.TemplateException;
import com.ecsapi.onboarder.quota.QuotaLimits;
import com.ecsapi.onboarder.telemetry.StructuredLog;
import com.ecsapi.onboarder.testbed.MotoServer;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-command demo ({@code bin/demo}): starts the emulator, creates a small real setup in it, runs
 * OnboardingFunction on the CreateService event of a tagged ECS service and then QuotaMonitorFunction, each through
 * the local runner (a fresh JVM that gets the emulator's endpoint as SAM CLI would hand it over: {@code
 * LOCAL_AWS_ENDPOINT_URL} from the env-vars file's {@code Parameters}), and prints what happened by reading the
 * emulator's state back. Stops the emulator and the function JVMs on exit, Ctrl-C included.
 *
 * <p>Usage: {@code Demo [--template template.yaml] [--work-dir DIR]}; DIR keeps the events, the env-vars file and
 * the functions' logs.
 */
public final class Demo {

    static final String ONBOARDING = "OnboardingFunction";
    static final String QUOTA_MONITOR = "QuotaMonitorFunction";

    private final Template template;
    private final Path workDirectory;
    private final PrintStream out;

    Demo(Template template, Path workDirectory, PrintStream out) {
        this.template = template;
        this.workDirectory = workDirectory;
        this.out = out;
    }

    public static void main(String[] args) {
        Path templateFile = Path.of("template.yaml");
        Path workDirectory = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--template", "-t" -> templateFile = Path.of(args[i + 1]);
                case "--work-dir" -> workDirectory = Path.of(args[i + 1]);
                default -> {
                    System.err.println("Usage: Demo [--template template.yaml] [--work-dir DIR]");
                    System.exit(2);
                }
            }
        }
        try {
            Template template = Template.load(templateFile);
            Path directory = workDirectory != null ? Files.createDirectories(workDirectory)
                    : Files.createTempDirectory("onboarder-demo");
            System.exit(new Demo(template, directory, System.out).run());
        } catch (TemplateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the demo; 0 when both functions ran successfully. */
    int run() throws IOException {
        out.println("Starting the local AWS emulator (moto behind the test bed launcher)...");
        try (MotoServer moto = MotoServer.start()) {
            try {
                return run(moto);
            } finally {
                out.println();
                out.println("Stopping the emulator.");
            }
        }
    }

    private int run(MotoServer moto) throws IOException {
        moto.useForThisJvm();
        out.println("Emulator at " + moto.endpoint());
        try (DemoSetup.Clients clients = DemoSetup.Clients.create();
             CloudWatchClient cloudWatch = AwsClients.create(CloudWatchClient.builder());
             ServiceQuotasClient serviceQuotas = AwsClients.create(ServiceQuotasClient.builder())) {

            DemoSetup setup = DemoSetup.create(clients);
            printSetup(setup);

            Path onboardingEvent = onboardingEvent(setup);
            Path monitorEvent = monitorEvent();
            Path envVarsFile = write("env-vars.json", setup.envVarsJson(moto.endpoint()));
            out.println();
            out.println("Events and env-vars written to " + workDirectory);

            // the emulator's credentials and region; its AWS_ENDPOINT_URL, like SAM CLI, the runner does not pass
            Map<String, String> caller = new HashMap<>(System.getenv());
            caller.putAll(moto.clientEnvironment());
            EnvVarsFile envVars = EnvVarsFile.read(envVarsFile);
            boolean onboarded = invoke(ONBOARDING, onboardingEvent, envVars, caller);
            boolean monitored = invoke(QUOTA_MONITOR, monitorEvent, envVars, caller);

            QuotaLimits limits = new QuotaLimits(serviceQuotas,
                    StructuredLog.of(Demo.class, System.err, Clock.systemUTC()));
            new ReadBack(clients.apiGateway(), clients.elb(), cloudWatch, limits, out).print(setup);
            return onboarded && monitored ? 0 : 1;
        }
    }

    private void printSetup(DemoSetup setup) {
        out.println();
        out.println("Set up in the emulator:");
        out.println("  VPC " + setup.vpcId() + ", subnets " + String.join(", ", setup.subnetIds())
                + ", security group " + setup.securityGroupId());
        out.println("  pool NLB " + setup.poolNlb().loadBalancerName() + " (internal, apigw:pool="
                + DemoSetup.POOL + ") " + setup.poolNlb().dnsName());
        out.println("  VPC link " + setup.vpcLinkId() + " -> that NLB");
        out.println("  REST API " + setup.restApiId() + " with stage " + setup.stage()
                + " (initial deployment)");
        out.println("  ECS cluster " + setup.clusterArn());
        out.println("  ECS service " + setup.service().serviceArn() + " (apigw:path=" + DemoSetup.SERVICE_PATH
                + ") -> target group " + setup.targetGroupArn());
        out.println("  onboarding queue " + setup.queueUrl() + ", alarm topic " + setup.alarmTopicArn());
    }

    /**
     * The project's sample {@code events/onboarding-create-service.json} pointed at this setup; built in code
     * (same shape) when the project has no such sample.
     */
    private Path onboardingEvent(DemoSetup setup) throws IOException {
        Path sample = template.directory().resolve("events").resolve("onboarding-create-service.json");
        if (Files.isRegularFile(sample)) {
            out.println();
            out.println("Onboarding event: " + sample + ", pointed at this setup");
            return write("onboarding-create-service.json",
                    DemoEvents.adaptSample(Files.readString(sample, StandardCharsets.UTF_8), setup));
        }
        return write("onboarding-create-service.json", DemoEvents.onboardingCreateService(setup, Instant.now()));
    }

    private Path monitorEvent() throws IOException {
        Path sample = template.directory().resolve("events").resolve("quota-monitor-scheduled.json");
        return Files.isRegularFile(sample) ? sample : write("quota-monitor-scheduled.json",
                DemoEvents.scheduled("local-QuotaMonitorFunctionMonitor", Instant.now()));
    }

    private boolean invoke(String functionId, Path event, EnvVarsFile envVars, Map<String, String> caller)
            throws IOException {
        out.println();
        Path envVarsFile = workDirectory.resolve("env-vars.json");
        out.println("Running " + functionId + " in a fresh JVM, as: bin/local-invoke " + functionId + " -e " + event
                + " --env-vars " + envVarsFile);
        out.println("  (with SAM CLI, after sam build: sam local invoke " + functionId + " -e " + event
                + " --env-vars " + envVarsFile + "; its container reaches the emulator only at an address"
                + " other than 127.0.0.1, e.g. host.docker.internal, given as Parameters."
                + AwsClients.LOCAL_ENDPOINT_VARIABLE + " in that file)");
        Invocation invocation = Invocation.prepare(template, functionId, event, envVars, caller);
        Path log = workDirectory.resolve(functionId + ".log");
        FunctionRunner.Result result = FunctionRunner.forThisJvm().run(invocation, log);
        String answer = result.stdout();
        out.println("  exit code " + result.exitCode() + (result.timedOut() ? " (timed out)" : "") + " after "
                + result.wallMillis() + " ms; logs: " + log);
        out.println("  answered: " + (answer.length() > 400 ? answer.substring(0, 400) + "..." : answer));
        if (result.exitCode() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(line -> out.println("  | " + line));
        }
        return result.exitCode() == 0;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(workDirectory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
