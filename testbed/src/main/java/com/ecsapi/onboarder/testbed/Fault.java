package com.ecsapi.onboarder.testbed;

/**
 * What an injected fault answers: the service's own error of that kind, in its own wire format, so the SDK
 * classifies it as it would AWS's answer.
 *
 * <table>
 *   <caption>The answers per service</caption>
 *   <tr><th>service</th><th>{@link #THROTTLING}</th><th>{@link #SERVER_ERROR}</th><th>{@link #CLIENT_ERROR}</th></tr>
 *   <tr><td>apigateway (V1 and V2)</td><td>429 TooManyRequestsException</td><td>500 InternalFailure</td>
 *       <td>400 BadRequestException</td></tr>
 *   <tr><td>elasticloadbalancing</td><td>400 Throttling</td><td>500 InternalFailure</td><td>400 ValidationError</td></tr>
 *   <tr><td>monitoring (CloudWatch)</td><td>400 Throttling</td><td>500 InternalServiceError</td>
 *       <td>400 InvalidParameterValue</td></tr>
 *   <tr><td>ecs</td><td>400 ThrottlingException</td><td>500 ServerException</td><td>400 InvalidParameterException</td></tr>
 *   <tr><td>servicequotas</td><td>400 TooManyRequestsException</td><td>500 ServiceException</td>
 *       <td>400 IllegalArgumentException</td></tr>
 *   <tr><td>sqs</td><td>400 RequestThrottled</td><td>500 InternalFailure</td><td>400 InvalidParameterValue</td></tr>
 *   <tr><td>ec2</td><td>503 RequestLimitExceeded</td><td>500 InternalError</td><td>400 InvalidParameterValue</td></tr>
 *   <tr><td>other query services</td><td>400 Throttling</td><td>500 InternalFailure</td><td>400 ValidationError</td></tr>
 *   <tr><td>other JSON services</td><td>400 ThrottlingException</td><td>500 InternalFailure</td>
 *       <td>400 ValidationException</td></tr>
 * </table>
 */
public enum Fault {
    /** Throttling: the SDK retries it, and its adaptive mode slows down. */
    THROTTLING("throttling"),
    /** A 5xx answer: the SDK retries it. */
    SERVER_ERROR("server-error"),
    /** A 4xx validation answer: the SDK does not retry it; retrying cannot help. */
    CLIENT_ERROR("client-error");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
