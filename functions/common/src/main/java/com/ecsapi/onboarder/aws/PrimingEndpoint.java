package com.ecsapi.onboarder.aws;

import com.ecsapi.onboarder.aws.pacing.Pacing;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * SnapStart priming without AWS: an HTTP endpoint on the loopback interface of this JVM that answers every request
 * with an empty success of the request's protocol ({@code {}} for the JSON protocols, {@code <XResponse><XResult/>}
 * for the query protocol), and AWS clients configured as the functions' clients are ({@link AwsClients}: the same
 * HTTP client, retry strategy, pipeline), pointed at it. A call through them runs the whole round trip: request
 * marshalling, endpoint rules, SigV4 signing, the Apache HTTP client and its sockets, and response unmarshalling of
 * the body AWS would send with every field filled ({@link ResponseBodies}: put in place of the empty answer before
 * the SDK reads it), so that the unmarshallers parse every nested shape and timestamp, and code reading the response
 * (the functions' adapters, their planners) runs on data, loading what a real response makes it load. So
 * priming needs no IAM grant and no route to any AWS endpoint (it works in a VPC without endpoints), and writes
 * nothing anywhere.
 *
 * <p>Nothing of it stays in the snapshot: the clients sign with throwaway credentials of their own (the function's
 * are neither resolved nor cached), have their own HTTP client and retry state (the functions' clients keep theirs
 * untouched: no connection, no rate measurement), and {@link #close()} closes them, their connections and the
 * endpoint.
 */
public final class PrimingEndpoint implements AwsClientFactory, AutoCloseable {

    /**
     * Throwaway credentials, reached as the SDK's default chain reaches a function's under SnapStart: after a
     * provider that has none (no {@code aws.accessKeyId} system property in Lambda), on every call.
     */
    private static final AwsCredentialsProvider THROWAWAY_CREDENTIALS = AwsCredentialsProviderChain.builder()
            .credentialsProviders(SystemPropertyCredentialsProvider.create(), StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("PRIMINGNOTAKEY", "priming-not-a-secret")))
            .reuseLastProviderEnabled(false)
            .build();

    private final ServerSocket server;
    private final Thread responder;
    private final SdkHttpClient httpClient = AwsClients.httpClient();
    private final List<SdkAutoCloseable> clients = new ArrayList<>();
    private final List<String> answered = Collections.synchronizedList(new ArrayList<>());
    private final Map<Class<?>, SdkPojo> answers = new ConcurrentHashMap<>();
    private final List<String> primed = new ArrayList<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final ExecutionInterceptor fillAndRecord = new ExecutionInterceptor() {
        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            if (sqs(attributes)) {
                // the SQS client checks the MD5s and ids of the messages it sent against the answer's: left empty
                return context.responseBody();
            }
            Optional<SdkPojo> response = ResponseBodies.responseShape(context.request())
                    .flatMap(shape -> Optional.ofNullable(answers.get(shape)).or(() -> ResponseBodies.filled(shape)));
            if (response.isEmpty()) {
                return context.responseBody();
            }
            // the endpoint's own answer is read to its end, so the HTTP client releases the connection
            context.responseBody().ifPresent(PrimingEndpoint::drain);
            return Optional.of(new ByteArrayInputStream(ResponseBodies.of(response.get(), context.httpRequest(),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))));
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            primed.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    };

    private static void drain(InputStream answer) {
        try (answer) {
            answer.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sqs(ExecutionAttributes attributes) {
        return "Sqs".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
    }

    private PrimingEndpoint(ServerSocket server) {
        this.server = server;
        this.responder = new Thread(this::answerAll, "snapstart-priming-endpoint");
        responder.setDaemon(true);
        responder.start();
    }

    public static PrimingEndpoint start() throws IOException {
        return new PrimingEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** A client as {@link AwsClients#create} builds it, pointed at this endpoint; closed with it. */
    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
        return create(builder, ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2));
    }

    /**
     * Paced as the functions' clients are, by the priming's own {@code pacing}: the retry strategy and interceptor
     * run as in an event (the caller gives a pacing whose rates do not make the priming wait, and whose buckets are
     * not the function's).
     */
    @Override
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder, Pacing pacing) {
        return create(builder, ClientOverrideConfiguration.builder().retryStrategy(pacing.retryStrategy())
                .addExecutionInterceptor(pacing.interceptor()));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(
            B builder, ClientOverrideConfiguration.Builder configuration) {
        C client = AwsClients.build(builder
                        .endpointOverride(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                        .credentialsProvider(THROWAWAY_CREDENTIALS),
                httpClient, configuration.addExecutionInterceptor(fillAndRecord));
        clients.add((SdkAutoCloseable) client);
        return client;
    }

    /**
     * From now on, the calls whose response shape is one of these are answered with it, the others with a filled
     * response: a sample landscape, so the function's code takes the paths a real account makes it take. An empty
     * list goes back to filled responses for every call.
     */
    public void answer(List<? extends SdkPojo> responses) {
        answers.clear();
        responses.forEach(response -> answers.put(response.getClass(), response));
    }

    /**
     * Runs one priming call (or code that makes some). A failure is recorded in {@link #failed()}, not thrown:
     * priming is an optimisation, and an exception out of a SnapStart hook would fail the version's publication.
     */
    public void call(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            failed.put("failure " + (failed.size() + 1), e.toString());
        }
    }

    /** The calls that completed (response unmarshalled), as {@code Service:Operation}. */
    public List<String> primed() {
        return List.copyOf(primed);
    }

    /** The failures of calls, numbered in their order. */
    public Map<String, String> failed() {
        return Map.copyOf(failed);
    }

    /** The requests this endpoint answered: {@code X-Amz-Target}, query {@code Action}, or method and path. */
    public List<String> answered() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    /** Closes the clients, their connections and the endpoint; again, does nothing. */
    @Override
    public void close() {
        if (server.isClosed()) {
            return;
        }
        clients.forEach(SdkAutoCloseable::close);
        httpClient.close();
        try {
            server.close();
            responder.join();
        } catch (IOException e) {
            failed.put("closing the endpoint", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request per connection (answered with {@code Connection: close}), until the endpoint is closed. */
    private void answerAll() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                answer(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
            } catch (IOException e) {
                if (!server.isClosed()) {
                    answered.add("failed: " + e);
                }
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        String requestLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        String body = new String(body(in, headers), StandardCharsets.UTF_8);
        String target = headers.get("x-amz-target");
        String action = action(body);
        String contentType;
        String response;
        if (target == null && action != null) {
            answered.add(action);
            contentType = "text/xml";
            response = "<" + action + "Response><" + action + "Result/><ResponseMetadata><RequestId>priming"
                    + "</RequestId></ResponseMetadata></" + action + "Response>";
        } else {
            answered.add(target != null ? target : requestLine.substring(0, Math.max(0, requestLine.lastIndexOf(' '))));
            contentType = target != null ? headers.getOrDefault("content-type", "application/json") : "application/json";
            response = "{}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\nx-amzn-RequestId: priming\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** The query protocol's {@code Action} of a form body, or null. */
    private static String action(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The body as its Content-Length gives it (the SDK sends none of these calls chunked). */
    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
