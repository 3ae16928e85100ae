package com.ecsapi.onboarder.template;

import com.ecsapi.onboarder.json.Json;
import com.ecsapi.onboarder.template.iam.CallJournal;
import com.ecsapi.onboarder.template.iam.Grant;
import com.ecsapi.onboarder.template.iam.IamJudge;
import com.ecsapi.onboarder.template.iam.RecordedCall;
import com.ecsapi.onboarder.template.iam.TemplateRoles;
import com.ecsapi.onboarder.testbed.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The IAM judge: every AWS call the functions made in their modules' emulator tests (journaled by the test bed
 * under target/aws-calls/) is checked against the function's role in the transformed template, resolved for the
 * stack that test stood for. A call no statement grants fails this test; so does a grant no call used, unless it is
 * listed in {@link #KEPT_ON_PURPOSE} with the reason no emulator test can use it.
 */
@Tag("emulator")
class IamJudgeTest {

    /** Parameters under which every conditional statement applies, to list every grant. */
    private static final Map<String, String> EVERY_GRANT = Map.of(
            "ApiId", "a1b2c3d4e5", "OtherApiIds", "f6g7h8i9j0", "CreateVpcLinks", "true",
            "QuotaIncreaseRequestDays", "30");

    /** "statement action" -> why the grant stays although no emulator test makes a call that uses it. */
    static final Map<String, String> KEPT_ON_PURPOSE = Map.ofEntries(
            keptForLambda("OnboardingFunctionRole", "logs/#1", "logs:CreateLogStream"),
            keptForLambda("OnboardingFunctionRole", "logs/#1", "logs:PutLogEvents"),
            keptForLambda("ReconcileSweepFunctionRole", "logs/#1", "logs:CreateLogStream"),
            keptForLambda("ReconcileSweepFunctionRole", "logs/#1", "logs:PutLogEvents"),
            keptForLambda("QuotaMonitorFunctionRole", "logs/#1", "logs:CreateLogStream"),
            keptForLambda("QuotaMonitorFunctionRole", "logs/#1", "logs:PutLogEvents"),
            keptForEventSource("sqs:ReceiveMessage"),
            keptForEventSource("sqs:DeleteMessage"),
            keptForEventSource("sqs:GetQueueAttributes"),
            keptForVpcLinks("VpcLinkEndpointServices", "ec2:CreateVpcEndpointServiceConfiguration"),
            keptForVpcLinks("VpcLinkEndpointServices", "ec2:DeleteVpcEndpointServiceConfigurations"),
            keptForVpcLinks("VpcLinkEndpointServices", "ec2:ModifyVpcEndpointServicePermissions"),
            keptForVpcLinks("DescribeVpcLinkEndpointServices", "ec2:DescribeVpcEndpointServiceConfigurations"));

    private static TemplateRoles roles;
    private static List<RecordedCall> calls;
    private static IamJudge.Verdict verdict;

    @BeforeAll
    static void judgeTheJournal() throws IOException {
        List<Path> journals = journals();
        calls = CallJournal.read(journals);
        Path directory = Files.createTempDirectory("iam-judge");
        try (MotoServer moto = MotoServer.start()) {
            roles = new TemplateRoles(Json.parse(Files.readString(SamTransform.run(moto, directory, "iam-judge"))));
        } finally {
            SamTransform.delete(directory);
        }
        verdict = IamJudge.judge(roles, calls, EVERY_GRANT);
        System.out.println("IAM judge: " + calls.size() + " calls from " + journals.size() + " journals, "
                + verdict.denials().size() + " distinct denials, " + verdict.used().size() + " of "
                + verdict.granted().size() + " grants used");
    }

    @Test
    void theJournalHoldsCallsOfEveryFunction() {
        Set<String> functions = calls.stream().map(call -> call.run().function()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("OnboardingFunction", "ReconcileSweepFunction", "QuotaMonitorFunction")),
                functions, "the emulator tests ran every function under MotoServer.runAs");
    }

    @Test
    void everyCallIsGrantedByTheRoleOfTheFunctionThatMadeIt() {
        if (!verdict.denials().isEmpty()) {
            StringBuilder report = new StringBuilder("calls the roles do not grant (AWS would answer AccessDenied):\n");
            verdict.denials().forEach((denial, count) -> report.append("  ").append(denial)
                    .append(count > 1 ? "  [" + count + " calls]" : "").append('\n'));
            fail(report.toString());
        }
    }

    @Test
    void everyGrantServesACallOrIsKeptOnPurpose() {
        Map<String, Grant> unused = new TreeMap<>();
        verdict.unused().forEach(grant -> unused.put(key(grant), grant));
        List<String> unexplained = new ArrayList<>();
        unused.forEach((key, grant) -> {
            if (!KEPT_ON_PURPOSE.containsKey(key)) {
                unexplained.add(grant.toString());
            }
        });
        assertTrue(unexplained.isEmpty(), "grants no emulator-tested call used (drop them, or keep them in "
                + "KEPT_ON_PURPOSE with the reason):\n  " + String.join("\n  ", unexplained));
        Set<String> stale = new TreeSet<>(KEPT_ON_PURPOSE.keySet());
        stale.removeAll(unused.keySet());
        assertTrue(stale.isEmpty(), "KEPT_ON_PURPOSE names grants that are used or gone: " + stale);
    }

    private static String key(Grant grant) {
        return grant.statement() + " " + grant.action();
    }

    private static List<Path> journals() throws IOException {
        List<Path> journals = new ArrayList<>();
        for (String module : List.of("onboarding-function", "quota-monitor-function")) {
            Path directory = Project.root().resolve("target/aws-calls").resolve(module);
            if (!Files.isDirectory(directory)) {
                fail("no call journal in " + directory + ": the IAM judge needs the emulator tests of " + module
                        + " to have run in this build (mvn verify from the project root)");
            }
            try (var files = Files.list(directory)) {
                journals.addAll(files.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList());
            }
        }
        return journals;
    }

    private static Map.Entry<String, String> keptForLambda(String role, String statement, String action) {
        return Map.entry(role + "/" + statement + " " + action,
                "the Lambda service writes the function's logs with its role; no handler call does");
    }

    private static Map.Entry<String, String> keptForEventSource(String action) {
        return Map.entry("OnboardingFunctionRole/onboarding-queue/#1 " + action,
                "the SQS event source mapping polls the queue with the function's role; the handler only gets the batch");
    }

    private static Map.Entry<String, String> keptForVpcLinks(String statement, String action) {
        return Map.entry("OnboardingFunctionRole/api-gateway/" + statement + " " + action,
                "API Gateway makes these EC2 calls with the caller's permissions when it creates a VPC link (V1); "
                        + "moto's API Gateway makes none, so no test can journal them");
    }
}
