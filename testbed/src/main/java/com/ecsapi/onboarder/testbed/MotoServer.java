package com.ecsapi.onboarder.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The local AWS test bed: moto's server, started by {@code moto_launcher.py} in a {@code python3} child process on
 * a free loopback port, with the AWS rules moto is laxer on enforced by the launcher.
 *
 * <p>Tests use one per class: {@link #start()} in {@code @BeforeAll}, {@link #reset()} in {@code @BeforeEach},
 * {@link #close()} in {@code @AfterAll}. Code under test reaches it only through {@code aws.endpointUrl}
 * ({@link #useForThisJvm()}) or {@code AWS_ENDPOINT_URL} ({@link #clientEnvironment()}).
 */
public final class MotoServer implements AutoCloseable {

    public static final String PYTHON_ENV = "TESTBED_PYTHON";
    public static final String PYTHON_PROPERTY = "testbed.python";
    public static final String REGION = "us-east-1";
    /** System property: the directory the call journals of this test JVM go to (set by the function modules). */
    public static final String JOURNAL_PROPERTY = "testbed.awsCalls";
    public static final String INSTALL_HINT = "The test bed needs python3 with moto 5.2.1: install python3 "
            + "(e.g. 'apt-get install python3 python3-pip'), then run: python3 -m pip install 'moto[server]==5.2.1'. "
            + "To use another interpreter set the environment variable " + PYTHON_ENV
            + " or the system property " + PYTHON_PROPERTY + ".";

    private static final String LAUNCHER = "moto_launcher.py";
    private static final String READY_PREFIX = "TESTBED READY ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String SETUP_ACCESS_KEY_ID = "testing";
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final AtomicBoolean JOURNALS_CLEARED = new AtomicBoolean();
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Process process;
    private final URI endpoint;
    private final Path workDirectory;
    private final Thread shutdownHook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, URI endpoint, Path workDirectory, Thread shutdownHook) {
        this.process = process;
        this.endpoint = endpoint;
        this.workDirectory = workDirectory;
        this.shutdownHook = shutdownHook;
    }

    /** Starts the launcher on a free 127.0.0.1 port and returns once it has printed its readiness line. */
    public static MotoServer start() {
        String python = python();
        Path workDirectory = createWorkDirectory();
        Path script = extractLauncher(workDirectory);
        Path log = workDirectory.resolve("moto.log");
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--host", "127.0.0.1", "--port", "0",
                "--exit-with-stdin"));
        journal().ifPresent(file -> command.addAll(List.of("--journal", file.toString())));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteQuietly(workDirectory);
            throw new IllegalStateException("Cannot run '" + python + "' (" + e.getMessage() + "). " + INSTALL_HINT, e);
        }
        Thread hook = new Thread(process::destroyForcibly, "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            URI endpoint = awaitReadiness(process, log);
            return new MotoServer(process, endpoint, workDirectory, hook);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            removeHook(hook);
            deleteQuietly(workDirectory);
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Points SDK clients built with defaults in this JVM at the test bed. */
    public void useForThisJvm() {
        System.setProperty("aws.endpointUrl", endpoint.toString());
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", SETUP_ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", "testing");
    }

    /**
     * Runs {@code handler} as the template's function {@code function} (its logical id): the SDK clients of this JVM
     * sign with an access key id of this run, and the test bed journals every call signed with it, together with
     * the function's {@code environment} and the stack {@code parameters} the environment does not show (see
     * {@code IamJudgeTest}). Calls made outside such a run (landscape setup, read-backs) are nobody's.
     * One run at a time: the key is a system property of this JVM.
     */
    public <T> T runAs(String function, Map<String, String> environment, Map<String, String> parameters,
                       Supplier<T> handler) {
        String accessKeyId = function + "-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();
        String session = "{\"function\":" + jsonString(function) + ",\"environment\":" + jsonObject(environment)
                + ",\"parameters\":" + jsonObject(parameters) + "}";
        send(HttpRequest.newBuilder(endpoint.resolve("/_testbed/function-session?accessKeyId=" + encode(accessKeyId)))
                .POST(HttpRequest.BodyPublishers.ofString(session)));
        System.setProperty("aws.accessKeyId", accessKeyId);
        try {
            return handler.get();
        } finally {
            System.setProperty("aws.accessKeyId", SETUP_ACCESS_KEY_ID);
        }
    }

    /**
     * This server's journal file, when {@value #JOURNAL_PROPERTY} names a directory; the first server of the JVM
     * empties the directory, so it holds the calls of this test run only.
     */
    private static Optional<Path> journal() {
        String directory = System.getProperty(JOURNAL_PROPERTY);
        if (directory == null || directory.isBlank()) {
            return Optional.empty();
        }
        Path journals = Path.of(directory);
        try {
            Files.createDirectories(journals);
            if (JOURNALS_CLEARED.compareAndSet(false, true)) {
                try (var old = Files.list(journals)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the call journal directory " + journals, e);
        }
        return Optional.of(journals.resolve("calls-" + ProcessHandle.current().pid() + "-"
                + SERVERS.incrementAndGet() + ".jsonl"));
    }

    private static String jsonObject(Map<String, String> map) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(map).forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append(jsonString(key)).append(':').append(jsonString(value)));
        return json.append('}').toString();
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** The environment variables that point a child process (a function, the AWS CLI) at the test bed. */
    public Map<String, String> clientEnvironment() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", REGION,
                "AWS_DEFAULT_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing",
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Clears all moto state and all test-bed state (applied quotas, armed faults, throttling, rate limits, counts). */
    public void reset() {
        post("/moto-api/reset");
        post("/_testbed/reset");
    }

    /** Sets the applied value GetServiceQuota answers for the quota (as after an approved increase). */
    public void setAppliedQuota(String serviceCode, String quotaCode, double value) {
        post("/_testbed/applied-quota?serviceCode=" + encode(serviceCode) + "&quotaCode=" + encode(quotaCode)
                + "&value=" + value);
    }

    /**
     * AWS's side of a quota increase request: moves request {@code requestId} to {@code status} ({@code CASE_OPENED},
     * {@code APPROVED}, {@code DENIED}, ...); {@code APPROVED} applies its desired value, as AWS does.
     */
    public void setQuotaRequestStatus(String requestId, String status) {
        post("/_testbed/quota-request-status?id=" + encode(requestId) + "&status=" + encode(status));
    }

    /** While on, every Service Quotas call answers HTTP 503 {@code ServiceUnavailableException}. */
    public void failServiceQuotas(boolean failing) {
        post("/_testbed/fail-service-quotas?on=" + failing);
    }

    /**
     * The next {@code times} calls of {@code operation} answer the throttling error AWS answers for that service
     * (API Gateway: 429 {@code TooManyRequestsException}; ELBv2, CloudWatch: 400 {@code Throttling}; ...).
     * {@code operation} is an operation name ({@code CreateListener}, of any service) or a {@code service:Operation}
     * key ({@code apigateway:GetResources}).
     */
    public void throttleNext(String operation, int times) {
        int colon = operation.indexOf(':');
        inject(FaultInjection.of(colon < 0 ? "" : operation.substring(0, colon), operation.substring(colon + 1),
                Fault.THROTTLING).forCalls(times));
    }

    /** Arms a fault: see {@link FaultInjection} for which calls it fails and {@link Fault} for the answers. */
    public void inject(FaultInjection injection) {
        post("/_testbed/fail?service=" + encode(injection.service()) + "&operation=" + encode(injection.operation())
                + "&answer=" + injection.fault().wireName() + "&from=" + injection.firstCall()
                + "&calls=" + injection.calls() + "&requestContains=" + encode(injection.requestContains()));
    }

    /** The {@code nth} call of the operation from now on (1: the next) answers {@code fault}. */
    public void failNthCall(String service, String operation, int nth, Fault fault) {
        inject(FaultInjection.of(service, operation, fault).onCall(nth));
    }

    /** The next {@code calls} calls of the operation answer {@code fault} (3 defeat the SDK's default retries). */
    public void failNextCalls(String service, String operation, int calls, Fault fault) {
        inject(FaultInjection.of(service, operation, fault).forCalls(calls));
    }

    /** Disarms every fault, e.g. before a test reads back what the code under test did; all else stays. */
    public void disarmFaults() {
        post("/_testbed/disarm-faults");
    }

    /** Calls answered with an injected fault (throttleNext's included) since the last reset. */
    public int faultsFired() {
        return counts("/_testbed/faults").get("fired");
    }

    /** Faults armed and not used up yet. */
    public int faultsArmed() {
        return counts("/_testbed/faults").get("armed");
    }

    /** While on, ELBv2 {@code Describe*} calls share a token bucket of 40 refilled at 10 per second, as in AWS. */
    public void enforceElbDescribeRateLimit(boolean on) {
        post("/_testbed/elb-describe-rate-limit?on=" + on);
    }

    /**
     * While on, API Gateway's and ELBv2's control-plane calls take from AWS's per-account token buckets
     * ({@code RATE_LIMITS} in the launcher: API Gateway {@code CreateDeployment} 1 per 5 s, {@code CreateResource} and
     * {@code DeleteResource} 5/s each, {@code GetResources} 5 per 2 s, V2 {@code CreateVpcLink} 1 per 15 s, every other
     * API Gateway call 10/s with a burst of 40; ELBv2 {@code Describe*} 10/s burst 40, other ELBv2 calls 3/s burst 20),
     * and a call that finds its bucket empty is throttled as AWS throttles it (API Gateway 429
     * {@code TooManyRequestsException}, ELBv2 400 {@code Throttling}). {@code competingShare} is what another client
     * of the account takes of each bucket (0.9: 90% of every refill and of the burst, at least one token left);
     * {@code timeScale} multiplies every refill rate, so that benchmarks at scale run in minutes (1: AWS's rates).
     */
    public void enforceRateLimits(double competingShare, double timeScale) {
        post("/_testbed/rate-limits?on=true&competingShare=" + competingShare + "&timeScale=" + timeScale);
    }

    public void stopRateLimits() {
        post("/_testbed/rate-limits?on=false");
    }

    /** One control-plane token bucket as the caller sees it, and the calls it admitted and throttled. */
    public record BucketUse(String name, double capacity, double refillPerSecond, int admitted, int throttled) {

        /** The least time in which this bucket, full at the start, admits {@code admitted} calls. */
        public double minimumSeconds() {
            return Math.max(0, (admitted - capacity) / refillPerSecond);
        }
    }

    /** The buckets of {@link #enforceRateLimits} since they were turned on; none while they are off. */
    public List<BucketUse> rateLimitUse() {
        List<BucketUse> buckets = new ArrayList<>();
        for (String line : get("/_testbed/rate-limits").lines().toList()) {
            String[] fields = line.split("\t");
            buckets.add(new BucketUse(fields[0], Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                    Integer.parseInt(fields[3]), Integer.parseInt(fields[4])));
        }
        return List.copyOf(buckets);
    }

    /** AWS requests received since the last reset or clear, keyed {@code service:Operation}. */
    public Map<String, Integer> callCounts() {
        return counts("/_testbed/call-counts");
    }

    /** Reads the test bed's "key TAB count" lines. */
    private Map<String, Integer> counts(String path) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : get(path).lines().toList()) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                counts.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    public void clearCallCounts() {
        post("/_testbed/clear-call-counts");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeHook(shutdownHook);
        deleteQuietly(workDirectory);
    }

    private String post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).GET());
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Test bed call " + built.method() + " " + built.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("Test bed call " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling the test bed", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String python() {
        String property = System.getProperty(PYTHON_PROPERTY);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv(PYTHON_ENV);
        return env != null && !env.isBlank() ? env : "python3";
    }

    private static URI awaitReadiness(Process process, Path log) {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process.getInputStream(), ready), "moto-server-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The moto test bed did not start: " + describeExit(process, log)
                    + ". " + INSTALL_HINT, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The moto test bed printed no readiness line within " + START_TIMEOUT
                    + ": " + tail(log), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the moto test bed", e);
        }
    }

    /** Completes {@code ready} with the endpoint from the readiness line, then keeps draining stdout. */
    private static void readStdout(InputStream stdout, CompletableFuture<URI> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                    ready.complete(URI.create(line.substring(READY_PREFIX.length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("stdout closed before the readiness line"));
    }

    private static String describeExit(Process process, Path log) {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return "the launcher exited with code " + process.exitValue() + ": " + tail(log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "the launcher closed its output: " + tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())).trim();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("moto-testbed");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the test bed", e);
        }
    }

    private static Path extractLauncher(Path directory) {
        Path script = directory.resolve(LAUNCHER);
        try (InputStream in = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (in == null) {
                throw new IllegalStateException(LAUNCHER + " is missing from the classpath next to " + MotoServer.class);
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + LAUNCHER, e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook runs anyway
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
