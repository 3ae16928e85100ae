package com.ecsapi.onboarder.onboarding;

import com.ecsapi.onboarder.testbed.MotoServer.BucketUse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Onboards 50 and 200 option-3 services in FIFO batches of 10 through the real handler with AWS's control-plane
 * limits enforced, alone in the account and with another client taking 90% of every bucket, and reports handler
 * time against the bound (the least time the limits, as left to the function, allow for the calls it made) and
 * the messages given back. Not part of the default test run (the name does not end in Test); run it with
 * {@code mvn -B -q -pl functions/onboarding -am verify -Dit.test=ContendedOnboardingBenchmark}.
 * The runs alone in the account are at AWS's own rates; the contended ones run the limits' clock
 * {@code -Dbenchmark.contendedTimeScale} (default 5) times faster, or they would take 25 minutes
 * ({@code -Dbenchmark.contendedTimeScale=1} for AWS's rates there too). The table is printed and written to
 * {@code functions/onboarding/target/contention.md}.
 */
class ContendedOnboardingBenchmark extends RateLimitedOnboarding {

    private final double contendedTimeScale =
            Double.parseDouble(System.getProperty("benchmark.contendedTimeScale", "5"));

    /** A fresh landscape with a pool NLB (and its VPC link) per 50 services: the listener quota is 50 per NLB. */
    private List<String> landscapeFor(int services) {
        moto.reset();
        baseLandscape();
        for (int nlb = 2; nlb <= (services + 49) / 50; nlb++) {
            aws.vpcLink(aws.nlb(vpcA, "a" + nlb, "default"));
        }
        return createServices("svc", services);
    }

    @Test
    void onboardFiftyAndTwoHundredServicesAloneAndWithNinetyPercentTakenByOthers() throws IOException {
        List<Run> runs = new ArrayList<>();
        for (int services : new int[] {50, 200}) {
            for (double competing : new double[] {0, 0.9}) {
                timeScale = competing == 0 ? 1 : contendedTimeScale;
                runs.add(onboard(landscapeFor(services), competing));
            }
        }

        String table = table(runs);
        System.err.println(table);
        Path out = Path.of("target", "contention.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        for (Run run : runs) {
            assertEquals(0, run.failedMessages(), run.toString());
        }
    }

    private String table(List<Run> runs) {
        StringBuilder table = new StringBuilder("Handler time and bound in AWS seconds: measured x time scale.\n\n"
                + "| services | taken by others | time scale | handler time (s) | bound (s) | handler / bound "
                + "| binding bucket | messages given back | calls throttled |\n"
                + "|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Run run : runs) {
            BucketUse binding = run.bindingBucket();
            table.append(String.format(Locale.ROOT, "| %d | %.0f%% | %.0f | %.1f | %.1f | %.2f | %s (%d calls) | %d | %d |%n",
                    run.services(), run.competingShare() * 100, run.timeScale(), run.handlerSeconds() * run.timeScale(),
                    run.boundSeconds() * run.timeScale(), run.ratio(), binding.name(), binding.admitted(),
                    run.failedMessages(), run.throttled()));
        }
        table.append("\nCalls admitted (throttled) per bucket:\n\n| bucket |");
        runs.forEach(run -> table.append(String.format(Locale.ROOT, " %d, %.0f%% |", run.services(),
                run.competingShare() * 100)));
        table.append("\n|---|").append("---:|".repeat(runs.size())).append('\n');
        for (BucketUse bucket : runs.get(0).buckets()) {
            table.append("| ").append(bucket.name()).append(" |");
            for (Run run : runs) {
                BucketUse use = run.buckets().stream().filter(b -> b.name().equals(bucket.name())).findFirst()
                        .orElseThrow();
                table.append(' ').append(use.admitted()).append(" (").append(use.throttled()).append(") |");
            }
            table.append('\n');
        }
        return table.toString();
    }
}
