#!/usr/bin/env python3
"""Local AWS test bed: moto's server, in this process, plus the AWS rules moto 5.2.1 is laxer on.

Run by hand (e.g. for `sam local invoke` against it):

    python3 moto_launcher.py --port 5000

`sam local invoke` runs the function in Docker, where 127.0.0.1 is the container itself: bind all interfaces
(--host 0.0.0.0) and give the function AWS_ENDPOINT_URL=http://host.docker.internal:5000 in its --env-vars file.

Once the socket is bound it prints one line to stdout, which MotoServer (Java) reads to learn the port:

    TESTBED READY http://127.0.0.1:PORT

Everything else is moto (including POST /moto-api/reset), except the AWS rules moto does not keep, which the
gap fillers below add, and these control endpoints for tests (all answer 200 "ok" unless stated):

    POST /_testbed/reset                                    clear all test-bed state below
    POST /_testbed/applied-quota?serviceCode=S&quotaCode=Q&value=V   applied value GetServiceQuota answers
    POST /_testbed/fail-service-quotas?on=true|false        every Service Quotas call answers 503
    POST /_testbed/quota-request-status?id=I&status=S       AWS moves quota increase request I to status S
                                                            (APPROVED applies its DesiredValue; CASE_OPENED gives
                                                            it a CaseId); unknown id: 404
    POST /_testbed/fail?service=S&operation=OP&answer=A&from=N&calls=K&requestContains=X
                                                            arm a fault: calls N .. N+K-1 (counted from now, default
                                                            1 and 1) of OP on service S (blank: any) whose request
                                                            contains X (optional) get the service's own answer A:
                                                            throttling, server-error (5xx) or client-error (4xx);
                                                            OP is the operation name or, for REST APIs, the route
                                                            "METHOD /template", e.g. "POST /v2/apis/{api}/deployments"
    POST /_testbed/disarm-faults                            disarm every fault (moto's state and the counts stay)
    GET  /_testbed/faults                                   "fired<TAB>N" (calls answered with a fault since reset)
                                                            and "armed<TAB>M" (faults not yet used up)
    POST /_testbed/elb-describe-rate-limit?on=true|false    ELBv2 Describe*: token bucket 40, refilled 10/s
    POST /_testbed/rate-limits?on=true|false&competingShare=F&timeScale=K
                                                            every control-plane limit of RATE_LIMITS (API Gateway and
                                                            ELBv2, per account as in AWS); another client of the account
                                                            takes the share F (0 <= F < 1, default 0) of each bucket;
                                                            K (default 1) multiplies every refill rate (time runs K
                                                            times faster for the limits only)
    GET  /_testbed/rate-limits                              per bucket on: "name<TAB>capacity<TAB>refill per second
                                                            <TAB>admitted<TAB>throttled", capacity and refill as left
                                                            for the caller (after the competing share and the scale)
    GET  /_testbed/call-counts                              "service:Operation<TAB>count" lines since reset
    POST /_testbed/clear-call-counts
    POST /_testbed/function-session?accessKeyId=K           calls signed with K go to the --journal file

HTTP API deployments (apigatewayv2 CreateDeployment / GetDeployments), which moto 5.2.1 does not have, are
answered by the test bed itself (see http_api_deployments).
"""
import argparse
import copy
import gzip
import io
import json
import os
import random
import re
import signal
import string
import sys
import threading
import time
import uuid
from urllib.parse import parse_qs, unquote_plus

READY_PREFIX = "TESTBED READY "
INSTALL_HINT = "Install it with: python3 -m pip install 'moto[server]==5.2.1'"
EXPECTED_MOTO_VERSION = "5.2.1"


def parse_args(argv):
    parser = argparse.ArgumentParser(description="moto server plus the AWS rules moto is laxer on")
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("-p", "--port", type=int, default=5000, help="port to bind; 0 picks a free one (default 5000)")
    parser.add_argument("--journal", help="file the call journal of function sessions is written to (JSON lines)")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin reaches EOF (the parent process died); used by MotoServer")
    return parser.parse_args(argv)


def import_moto():
    try:
        import moto
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    except ImportError as error:
        sys.stderr.write(f"moto with its server extras is not importable by {sys.executable}: {error}\n{INSTALL_HINT}\n")
        sys.exit(3)
    if moto.__version__ != EXPECTED_MOTO_VERSION:
        sys.stderr.write(f"warning: moto {moto.__version__} found; the test bed is written against "
                         f"{EXPECTED_MOTO_VERSION}. {INSTALL_HINT}\n")
    return DomainDispatcherApplication(create_backend_app)


def exit_when_stdin_closes():
    """The parent (MotoServer) holds our stdin open; EOF means it is gone, even if it was killed hard."""
    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)
    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


# ----------------------------------------------------------------------------------------------------------
# Test-bed state: what the /_testbed/ control calls set; cleared by POST /_testbed/reset.
# ----------------------------------------------------------------------------------------------------------

class TestBedState:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.applied_quotas = {}          # (serviceCode, quotaCode) -> value set by the test
            self.service_quotas_failing = False
            self.faults = []                  # ArmedFault, in the order armed; dropped once used up
            self.faults_fired = 0
            self.elb_describe_bucket = None   # TokenBucket while the ELBv2 Describe* rate limit is on
            self.rate_limits = {}             # RateLimit name -> TokenBucket while the control-plane limits are on
            self.call_counts = {}             # "service:Operation" -> count
            self.quota_requests = []          # quota increase requests (RequestedQuota documents), oldest first

    def applied_quota(self, service_code, quota_code):
        with self.lock:
            return self.applied_quotas.get((service_code, quota_code))

    def count(self, key):
        with self.lock:
            self.call_counts[key] = self.call_counts.get(key, 0) + 1

    def arm(self, fault):
        with self.lock:
            self.faults.append(fault)

    def take_fault(self, request):
        """The answer of the first armed fault this call fires, or None. Every fault that matches the call counts
        it, so two faults on one operation count the same calls."""
        with self.lock:
            answer = None
            for fault in [f for f in self.faults if f.matches(request)]:
                fault.seen += 1
                if fault.first_call <= fault.seen < fault.first_call + fault.calls and answer is None:
                    answer = fault.answer
                if fault.used_up:
                    self.faults.remove(fault)
            if answer is not None:
                self.faults_fired += 1
            return answer


class ArmedFault:
    """Calls first_call .. first_call + calls - 1 of an operation, counted from when it is armed, fail."""
    ANSWERS = ("throttling", "server-error", "client-error")

    def __init__(self, service, operation, answer, first_call, calls, request_contains):
        if answer not in self.ANSWERS:
            raise ValueError(f"answer must be one of {', '.join(self.ANSWERS)}, got {answer}")
        if not operation or first_call < 1 or calls < 1:
            raise ValueError("an operation, from >= 1 and calls >= 1 are required")
        self.service, self.operation, self.answer = service or None, operation, answer
        self.first_call, self.calls, self.request_contains = first_call, calls, request_contains or None
        self.seen = 0

    def matches(self, request):
        return ((self.service is None or self.service == request.service)
                and self.operation in (request.operation, request.route)
                and (self.request_contains is None or self.request_contains in request.text))

    @property
    def used_up(self):
        return self.seen >= self.first_call + self.calls - 1


class TokenBucket:
    def __init__(self, capacity, refill_per_second):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.tokens = float(capacity)
        self.updated = time.monotonic()
        self.lock = threading.Lock()
        self.admitted = 0
        self.throttled = 0

    def take(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
            self.updated = now
            if self.tokens >= 1:
                self.tokens -= 1
                self.admitted += 1
                return True
            self.throttled += 1
            return False


class RateLimit:
    """One of AWS's per-account control-plane token buckets: which calls take from it, its size and refill rate."""

    def __init__(self, name, capacity, refill_per_second, applies):
        self.name, self.capacity, self.refill_per_second, self.applies = name, capacity, refill_per_second, applies

    def bucket(self, competing_share, time_scale):
        """The bucket as the caller sees it while another client takes competing_share of it: that share of every
        refill and of the burst (at least one token stays, or nothing would ever pass)."""
        left = 1 - competing_share
        return TokenBucket(max(1.0, self.capacity * left), self.refill_per_second * left * time_scale)


def apigateway(*operations):
    return lambda request: request.service == "apigateway" and request.operation in operations


# API Gateway: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html ("API Gateway quotas for
# creating, deploying and managing an API", per account and Region); where a row gives no burst, the burst is one
# second's worth (at least 1). ELBv2: https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/
# elb-api-throttling.html gives Describe* (40, 10/s); the writes bucket (20, 3/s) is the test bed's AWS-like choice.
# The first limit that applies to a call is its bucket.
RATE_LIMITS = (
    RateLimit("apigateway:CreateDeployment", 1, 1 / 5, apigateway("CreateDeployment")),
    RateLimit("apigateway:CreateResource", 5, 5, apigateway("CreateResource")),
    RateLimit("apigateway:DeleteResource", 5, 5, apigateway("DeleteResource")),
    RateLimit("apigateway:GetResources", 5, 5 / 2, apigateway("GetResources")),
    RateLimit("apigateway:CreateVpcLinkV2", 1, 1 / 15, lambda request: request.route == "POST /v2/vpclinks"),
    RateLimit("apigateway:other", 40, 10, lambda request: request.service == "apigateway"),
    RateLimit("elasticloadbalancing:Describe", 40, 10,
              lambda request: request.service == "elasticloadbalancing" and request.operation.startswith("Describe")),
    RateLimit("elasticloadbalancing:write", 20, 3, lambda request: request.service == "elasticloadbalancing"),
)


def rate_limited(request):
    """True when the call finds its bucket empty (and so is throttled); calls of no limit are never."""
    buckets = STATE.rate_limits
    for limit in RATE_LIMITS if buckets else ():
        if limit.applies(request):
            return not buckets[limit.name].take()
    return False


STATE = TestBedState()

# Check-then-create of a listener port, resource path or route key is atomic in AWS; moto's server is threaded.
CREATE_LOCK = threading.RLock()


# ----------------------------------------------------------------------------------------------------------
# Service Quotas for the services the product measures (moto 5.2.1 knows only service code "vpc").
# Defaults and adjustability: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html and
# https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-limits.html
# ----------------------------------------------------------------------------------------------------------

SERVICE_NAMES = {"apigateway": "Amazon API Gateway", "elasticloadbalancing": "Elastic Load Balancing (ELB)"}
DEFAULT_QUOTAS = {
    # serviceCode, quotaCode: (name, default, adjustable)
    ("apigateway", "L-A4C7274F"): ("VPC links per Region", 20.0, True),
    ("apigateway", "L-608BDCD4"): ("VPC links V2 per Region", 10.0, True),
    ("apigateway", "L-01C8A9E0"): ("Resources per REST API", 300.0, True),
    ("apigateway", "L-65B5C802"): ("Routes per HTTP API", 300.0, True),
    ("apigateway", "L-AA0FF27B"): ("Regional APIs per Region", 600.0, False),
    ("elasticloadbalancing", "L-57A373D6"): ("Listeners per Network Load Balancer", 50.0, False),
    ("elasticloadbalancing", "L-69A177A2"): ("Network Load Balancers per Region", 50.0, True),
    ("elasticloadbalancing", "L-B22855CB"): ("Target Groups per Region", 3000.0, True),
    ("elasticloadbalancing", "L-EEF1AD04"): ("Targets per Network Load Balancer", 3000.0, True),
}


def quota_limit(service_code, quota_code):
    """The value AWS enforces: the applied value when the test set one (or an approved request applied), else the
    default."""
    with STATE.lock:
        return quota_limit_locked(service_code, quota_code)


def quota_limit_locked(service_code, quota_code):
    """quota_limit for a caller that holds STATE.lock."""
    applied = STATE.applied_quotas.get((service_code, quota_code))
    return applied if applied is not None else DEFAULT_QUOTAS[(service_code, quota_code)][1]


# ----------------------------------------------------------------------------------------------------------
# Gap fillers: one function per AWS rule moto 5.2.1 does not keep. Each patches moto's classes in this process.
# ----------------------------------------------------------------------------------------------------------

def listener_on_port(balancer, port):
    return next((listener for listener in balancer.listeners.values() if str(listener.port) == str(port)), None)


def enforce_unique_listener_ports():
    """AWS: CreateListener is idempotent: the same settings on a port the load balancer already listens on answer
    the existing listener; other settings fail with DuplicateListener (HTTP 400, "A listener with the specified
    port already exists."). moto compares the port with the listeners' ARNs (the dict keys), so never matches."""
    from moto.elbv2.exceptions import DuplicateListenerError
    from moto.elbv2.models import ELBv2Backend, FakeAction

    create_listener = ELBv2Backend.create_listener

    def same_settings(listener, protocol, ssl_policy, certificate, actions):
        return (listener.protocol == (protocol or "").upper() and listener.ssl_policy == ssl_policy
                and listener.certificate == certificate
                and [a.data for a in listener.default_actions] == [FakeAction(copy.deepcopy(a)).data for a in actions])

    def create_listener_on_free_port(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions,
                                     alpn_policy=None, tags=None):
        with CREATE_LOCK:
            balancer = self.load_balancers.get(load_balancer_arn)
            taken = listener_on_port(balancer, port) if balancer is not None else None
            if taken is not None:
                if same_settings(taken, protocol, ssl_policy, certificate, actions):
                    return taken
                raise DuplicateListenerError()
            return create_listener(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions,
                                   alpn_policy, tags)

    ELBv2Backend.create_listener = create_listener_on_free_port


def enforce_listeners_per_load_balancer():
    """AWS: a load balancer has at most 50 listeners (NLB: quota L-57A373D6, ALB: L-B6DF7632);
    a new one past that fails with TooManyListeners (HTTP 400). moto has no limit."""
    from moto.elbv2.exceptions import ELBClientError
    from moto.elbv2.models import ELBv2Backend

    create_listener = ELBv2Backend.create_listener

    def create_listener_within_quota(self, load_balancer_arn, protocol, port, *args, **kwargs):
        with CREATE_LOCK:
            balancer = self.load_balancers.get(load_balancer_arn)
            if balancer is not None and listener_on_port(balancer, port) is None:
                limit = quota_limit("elasticloadbalancing", "L-57A373D6") if balancer.type == "network" else 50
                if len(balancer.listeners) >= limit:
                    raise ELBClientError("TooManyListeners",
                                         "You've reached the limit on the number of listeners per load balancer")
            return create_listener(self, load_balancer_arn, protocol, port, *args, **kwargs)

    ELBv2Backend.create_listener = create_listener_within_quota


def enforce_network_load_balancers_per_region():
    """AWS: an account has at most 50 Network Load Balancers per Region (quota L-69A177A2, adjustable); one more
    fails with TooManyLoadBalancers (HTTP 400) and creates nothing. moto has no limit."""
    from moto.elbv2.exceptions import ELBClientError
    from moto.elbv2.models import ELBv2Backend

    create_load_balancer = ELBv2Backend.create_load_balancer

    def create_load_balancer_within_quota(self, *args, **kwargs):
        with CREATE_LOCK:
            networks = sum(1 for balancer in self.load_balancers.values() if balancer.type == "network")
            if kwargs.get("loadbalancer_type") == "network" \
                    and networks >= quota_limit("elasticloadbalancing", "L-69A177A2"):
                raise ELBClientError("TooManyLoadBalancers",
                                     "You've reached the limit on the number of load balancers for your account")
            return create_load_balancer(self, *args, **kwargs)

    ELBv2Backend.create_load_balancer = create_load_balancer_within_quota


def enforce_one_load_balancer_per_target_group():
    """AWS: a target group is associated with one load balancer only; CreateListener or ModifyListener forwarding to
    a group another load balancer's listener or rule forwards to fails with TargetGroupAssociationLimit (HTTP 400)
    and changes nothing. moto lets any number of load balancers share a group."""
    from moto.elbv2.exceptions import ELBClientError
    from moto.elbv2.models import ELBv2Backend, FakeAction

    def forwarded_to(backend, actions):
        return [arn for action in actions or []
                for arn in backend._get_target_group_arns_from(action_data=FakeAction(copy.deepcopy(action)).data)]

    def refuse_shared(backend, balancer_arn, actions):
        for arn in forwarded_to(backend, actions):
            for balancer in backend.load_balancers.values():
                if balancer.arn == balancer_arn:
                    continue
                for listener in balancer.listeners.values():
                    used = list(listener.default_actions)
                    for rule in listener.rules.values():
                        used.extend(rule.actions)
                    if any(arn in backend._get_target_group_arns_from(action_data=action.data)
                           for action in used if action.type == "forward"):
                        raise ELBClientError("TargetGroupAssociationLimit", "The following target groups cannot be"
                                             f" associated with more than one load balancer: {arn}")

    create_listener = ELBv2Backend.create_listener
    modify_listener = ELBv2Backend.modify_listener

    def create_listener_on_one_balancer(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions,
                                        *args, **kwargs):
        with CREATE_LOCK:
            refuse_shared(self, load_balancer_arn, actions)
            return create_listener(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions,
                                   *args, **kwargs)

    def modify_listener_on_one_balancer(self, arn, port=None, protocol=None, ssl_policy=None, certificates=None,
                                        actions=None):
        with CREATE_LOCK:
            listener = self.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]
            refuse_shared(self, listener.load_balancer_arn, actions)
            return modify_listener(self, arn, port, protocol, ssl_policy, certificates, actions)

    ELBv2Backend.create_listener = create_listener_on_one_balancer
    ELBv2Backend.modify_listener = modify_listener_on_one_balancer


def keep_target_group_load_balancers_current():
    """AWS: a target group's LoadBalancerArns are the load balancers with a listener or rule forwarding to it,
    each once. moto appends the load balancer on every CreateListener and never removes it, so a listener made
    again after a roll-back lists its NLB twice, and a deleted listener's NLB stays listed."""
    from moto.elbv2.models import ELBv2Backend

    def recompute(backend):
        using = {arn: [] for arn in backend.target_groups}
        for balancer in backend.load_balancers.values():
            for listener in balancer.listeners.values():
                actions = list(listener.default_actions)
                for rule in listener.rules.values():
                    actions.extend(rule.actions)
                for action in actions:
                    if action.type != "forward":
                        continue
                    for arn in backend._get_target_group_arns_from(action_data=action.data):
                        if arn in using and balancer.arn not in using[arn]:
                            using[arn].append(balancer.arn)
        for arn, group in backend.target_groups.items():
            group.load_balancer_arns = using[arn]

    def recomputing(operation):
        def wrapped(self, *args, **kwargs):
            with CREATE_LOCK:
                result = operation(self, *args, **kwargs)
                recompute(self)
                return result
        return wrapped

    for name in ("create_listener", "delete_listener", "modify_listener", "create_rule", "delete_rule",
                 "modify_rule", "delete_load_balancer"):
        setattr(ELBv2Backend, name, recomputing(getattr(ELBv2Backend, name)))


def reject_duplicate_rest_resource_paths():
    """AWS: CreateResource with a pathPart its parent already has fails with ConflictException (HTTP 409,
    "Another resource with the same parent already has this name: X"). moto creates a second resource."""
    from moto.apigateway.exceptions import ConflictException
    from moto.apigateway.models import APIGatewayBackend

    create_resource = APIGatewayBackend.create_resource

    def create_unique_resource(self, function_id, parent_resource_id, path_part):
        with CREATE_LOCK:
            api = self.get_rest_api(function_id)
            if path_part and any(r.parent_id == parent_resource_id and r.path_part == path_part
                                 for r in api.resources.values()):
                raise ConflictException(f"Another resource with the same parent already has this name: {path_part}")
            return create_resource(self, function_id, parent_resource_id, path_part)

    APIGatewayBackend.create_resource = create_unique_resource


def require_existing_parent_resource():
    """AWS: CreateResource under an unknown parentId fails with 404 NotFoundException and creates nothing.
    moto stores the orphan first and then fails rendering its path, after which GetResources fails for good."""
    from moto.apigateway.exceptions import ResourceIdNotFoundException
    from moto.apigateway.models import APIGatewayBackend

    create_resource = APIGatewayBackend.create_resource

    def create_resource_under_known_parent(self, function_id, parent_resource_id, path_part):
        with CREATE_LOCK:
            if path_part and parent_resource_id not in self.get_rest_api(function_id).resources:
                raise ResourceIdNotFoundException()
            return create_resource(self, function_id, parent_resource_id, path_part)

    APIGatewayBackend.create_resource = create_resource_under_known_parent


def keep_integration_connection_id():
    """AWS: PutIntegration stores connectionId (the VPC link of a VPC_LINK integration) and integrationTarget
    (the load balancer of a VPC link V2), and GetIntegration/GetMethod return them. moto drops both."""
    from moto.apigateway.models import Integration
    from moto.apigateway.responses import APIGatewayResponse

    put_integration = APIGatewayResponse.put_integration
    to_json = Integration.to_json

    def put_integration_with_connection(self):
        status, headers, _ = put_integration(self)
        _, _, api_id, _, resource_id, _, method = self.path.split("/")[:7]
        integration = self.backend.get_integration(api_id, resource_id, method)
        integration.connection_id = self._get_param("connectionId")
        integration.integration_target = self._get_param("integrationTarget")
        return status, headers, json.dumps(integration.to_json())

    def to_json_with_connection(self):
        result = to_json(self)
        for field, value in (("connectionId", getattr(self, "connection_id", None)),
                             ("integrationTarget", getattr(self, "integration_target", None))):
            if value:
                result[field] = value
        return result

    APIGatewayResponse.put_integration = put_integration_with_connection
    Integration.to_json = to_json_with_connection


def delete_rest_resources_with_children():
    """AWS: DeleteResource deletes the resource and all its child resources; an unknown id answers
    404 NotFoundException ("Invalid Resource identifier specified"). moto orphans the children (after which
    GetResources fails) and answers 500 for an unknown id."""
    from moto.apigateway.exceptions import ResourceIdNotFoundException
    from moto.apigateway.models import APIGatewayBackend

    def delete_resource_tree(self, function_id, resource_id):
        with CREATE_LOCK:
            api = self.get_rest_api(function_id)
            if resource_id not in api.resources:
                raise ResourceIdNotFoundException()
            doomed = [resource_id]
            for parent_id in doomed:
                doomed.extend(r.id for r in api.resources.values() if r.parent_id == parent_id)
            for child_id in reversed(doomed[1:]):
                api.resources.pop(child_id)
            return api.resources.pop(resource_id)

    APIGatewayBackend.delete_resource = delete_resource_tree


def require_an_integration_on_every_method():
    """AWS: CreateDeployment fails with 400 BadRequestException "No integration defined for method" while any
    method of the REST API has no integration. moto refuses only when no method at all has one."""
    from moto.apigateway.exceptions import BadRequestException
    from moto.apigateway.models import APIGatewayBackend

    create_deployment = APIGatewayBackend.create_deployment

    def create_deployment_of_integrated_methods(self, function_id, name, description="", stage_variables=None):
        with CREATE_LOCK:
            resources = self.get_rest_api(function_id).resources.values()
            if any(method.method_integration is None for resource in resources
                   for method in resource.resource_methods.values()):
                raise BadRequestException("No integration defined for method")
            return create_deployment(self, function_id, name, description, stage_variables)

    APIGatewayBackend.create_deployment = create_deployment_of_integrated_methods


def export_what_a_stage_serves():
    """AWS: a stage serves the deployment it points at, a snapshot of the API's resources, methods and
    integrations taken by CreateDeployment; later changes to the API are not served until the next deployment.
    GetExport of a stage exports that snapshot (oas30 or swagger), each method's operationName as its operationId
    and, with extensions=integrations or apigateway, its x-amazon-apigateway-integration (uri, connectionType,
    connectionId, ...). moto keeps no snapshot and exports the API as it is now, without either."""
    from moto.apigateway.models import RestAPI
    from moto.apigateway.responses import APIGatewayResponse

    create_deployment = RestAPI.create_deployment

    def snapshot(api):
        served = {}
        for resource in api.resources.values():
            methods = {}
            for method_type, method in resource.resource_methods.items():
                integration = method.method_integration
                methods[method_type] = {"operationName": method.operation_name, "integration": None if integration is None else {
                    "type": integration.integration_type, "uri": integration.uri, "httpMethod": integration.http_method,
                    "connectionType": integration.connection_type,
                    "connectionId": getattr(integration, "connection_id", None),
                    "integrationTarget": getattr(integration, "integration_target", None)}}
            served[resource.get_path()] = methods
        return served

    def create_deployment_with_snapshot(self, name, description, stage_variables=None):
        deployment = create_deployment(self, name, description, stage_variables)
        deployment.testbed_snapshot = snapshot(self)
        return deployment

    def export_operation(method, with_integrations):
        operation = {"responses": {}}
        if method["operationName"]:
            operation["operationId"] = method["operationName"]
        integration = method["integration"]
        if with_integrations and integration is not None:
            operation["x-amazon-apigateway-integration"] = {
                key: value.lower() if key == "type" else value
                for key, value in integration.items() if value is not None}
        return operation

    def get_stage_export(self):
        _, _, api_id, _, stage_name, _, export_type = self.path.split("?")[0].split("/")[:7]
        api = self.backend.get_rest_api(api_id)
        stage = self.backend.get_stage(api_id, stage_name)
        extensions = (self.querystring.get("extensions") or [""])[0].split(",")
        with_integrations = "integrations" in extensions or "apigateway" in extensions
        deployment = api.deployments.get(stage.deployment_id)
        paths = {}
        for path, methods in sorted(getattr(deployment, "testbed_snapshot", {}).items()):
            if methods:
                paths[path] = {("x-amazon-apigateway-any-method" if method_type == "ANY" else method_type.lower()):
                               export_operation(method, with_integrations) for method_type, method in methods.items()}
        info = {"title": api.name, "version": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if export_type == "oas30":
            document = {"openapi": "3.0.1", "info": info, "servers": [{
                "url": f"https://{api_id}.execute-api.{self.backend.region_name}.amazonaws.com/{{basePath}}",
                "variables": {"basePath": {"default": stage_name}}}], "paths": paths}
        else:
            document = {"swagger": "2.0", "info": info, "basePath": f"/{stage_name}", "schemes": ["https"],
                        "host": f"{api_id}.execute-api.{self.backend.region_name}.amazonaws.com", "paths": paths}
        return 200, {"Content-Type": "application/json"}, json.dumps(document).encode("utf-8")

    RestAPI.create_deployment = create_deployment_with_snapshot
    APIGatewayResponse.get_export = get_stage_export


def reject_duplicate_http_api_route_keys():
    """AWS: CreateRoute with a routeKey the HTTP API already has fails with ConflictException (HTTP 409).
    moto accepts the duplicate."""
    from moto.apigatewayv2.exceptions import APIGatewayV2Error
    from moto.apigatewayv2.models import Api

    create_route = Api.create_route

    def create_unique_route(self, *args, **kwargs):
        route_key = kwargs.get("route_key")
        with CREATE_LOCK:
            if any(route.route_key == route_key for route in self.routes.values()):
                conflict = APIGatewayV2Error("ConflictException", f"Route with key {route_key} already exists for this API")
                conflict.code = 409
                raise conflict
            return create_route(self, *args, **kwargs)

    Api.create_route = create_unique_route


def serve_service_quotas_for_apigateway_and_elb():
    """AWS: Service Quotas knows apigateway and elasticloadbalancing. GetServiceQuota answers the applied value
    (the default when none was applied), GetAWSDefaultServiceQuota the default, ListServiceQuotas and
    ListAWSDefaultServiceQuotas all quotas of the service; unknown codes answer NoSuchResourceException.
    moto knows only "vpc" and has no GetAWSDefaultServiceQuota / ListServiceQuotas (HTTP 500)."""
    from moto.servicequotas.exceptions import NoSuchResource
    from moto.servicequotas.models import ServiceQuotasBackend
    from moto.servicequotas.responses import ServiceQuotasResponse

    def quota(backend, service_code, quota_code, applied):
        name, default, adjustable = DEFAULT_QUOTAS[(service_code, quota_code)]
        value = STATE.applied_quota(service_code, quota_code) if applied else None
        return {
            "ServiceCode": service_code,
            "ServiceName": SERVICE_NAMES[service_code],
            "QuotaArn": f"arn:aws:servicequotas:{backend.region_name}:{backend.account_id}:{service_code}/{quota_code}",
            "QuotaCode": quota_code,
            "QuotaName": name,
            "Value": value if value is not None else default,
            "Unit": "None",
            "Adjustable": adjustable,
            "GlobalQuota": False,
            "QuotaAppliedAtLevel": "ACCOUNT",
        }

    def moto_quotas(backend, service_code, applied):
        result = [dict(q) for q in ServiceQuotasBackend.list_aws_default_service_quotas(backend, service_code)]
        for q in result:
            value = STATE.applied_quota(service_code, q["QuotaCode"]) if applied else None
            if value is not None:
                q["Value"] = value
        return result

    def quotas(backend, service_code, applied):
        if service_code in SERVICE_NAMES:
            return [quota(backend, s, c, applied) for (s, c) in DEFAULT_QUOTAS if s == service_code]
        return moto_quotas(backend, service_code, applied)

    def find(backend, service_code, quota_code, applied):
        for q in quotas(backend, service_code, applied):
            if q["QuotaCode"] == quota_code:
                return q
        raise NoSuchResource()

    def params(response):
        body = json.loads(response.body or "{}")
        return str(body.get("ServiceCode")), str(body.get("QuotaCode"))

    def get_service_quota(self):
        service_code, quota_code = params(self)
        return json.dumps({"Quota": find(self.backend, service_code, quota_code, applied=True)})

    def get_aws_default_service_quota(self):
        service_code, quota_code = params(self)
        return json.dumps({"Quota": find(self.backend, service_code, quota_code, applied=False)})

    def list_service_quotas(self):
        return json.dumps({"Quotas": quotas(self.backend, params(self)[0], applied=True)})

    def list_aws_default_service_quotas(self):
        return json.dumps({"Quotas": quotas(self.backend, params(self)[0], applied=False)})

    ServiceQuotasResponse.get_service_quota = get_service_quota
    ServiceQuotasResponse.get_aws_default_service_quota = get_aws_default_service_quota
    ServiceQuotasResponse.list_service_quotas = list_service_quotas
    ServiceQuotasResponse.list_aws_default_service_quotas = list_aws_default_service_quotas


QUOTA_REQUEST_STATUSES = ("PENDING", "CASE_OPENED", "APPROVED", "DENIED", "CASE_CLOSED", "NOT_APPROVED",
                          "INVALID_REQUEST")
OPEN_QUOTA_REQUEST_STATUSES = ("PENDING", "CASE_OPENED")


def serve_quota_increase_requests():
    """AWS: RequestServiceQuotaIncrease opens a request (Status PENDING, an Id of 32 hex digits and 8 letters or
    digits) for an adjustable quota; ListRequestedServiceQuotaChangeHistoryByQuota lists the requests of a quota
    (optionally of one Status, MaxResults 1..100 a page with NextToken). Only one open request (PENDING,
    CASE_OPENED) per quota: another answers ResourceAlreadyExistsException "Only one open service quota increase
    request is allowed per quota". A DesiredValue not above the value in force answers IllegalArgumentException
    "You must provide a quota value greater than the current quota value"; a quota that is not adjustable
    (Adjustable false) is refused with IllegalArgumentException too (AWS lists the operation's errors but not which
    one this case gets; the product never relies on it: it reads Adjustable first). Unknown codes answer
    NoSuchResourceException. moto 5.2.1 has neither operation. The requests live in the test bed's state; AWS's
    side of a request (review, support case, approval) is POST /_testbed/quota-request-status."""
    from moto.core.exceptions import JsonRESTError
    from moto.servicequotas.exceptions import NoSuchResource
    from moto.servicequotas.responses import ServiceQuotasResponse

    def known_quota(service_code, quota_code):
        if (service_code, quota_code) not in DEFAULT_QUOTAS:
            raise NoSuchResource()
        return DEFAULT_QUOTAS[(service_code, quota_code)]

    def request_service_quota_increase(self):
        body = json.loads(self.body or "{}")
        service_code, quota_code = str(body.get("ServiceCode")), str(body.get("QuotaCode"))
        name, _, adjustable = known_quota(service_code, quota_code)
        desired = float(body["DesiredValue"])
        if not adjustable:
            raise JsonRESTError("IllegalArgumentException", f"The quota {quota_code} is not adjustable")
        with STATE.lock:
            if desired <= quota_limit_locked(service_code, quota_code):
                raise JsonRESTError("IllegalArgumentException",
                                    "You must provide a quota value greater than the current quota value")
            if any(r["ServiceCode"] == service_code and r["QuotaCode"] == quota_code
                   and r["Status"] in OPEN_QUOTA_REQUEST_STATUSES for r in STATE.quota_requests):
                raise JsonRESTError("ResourceAlreadyExistsException",
                                    "Only one open service quota increase request is allowed per quota")
            now = time.time()
            request = {
                "Id": uuid.uuid4().hex + "".join(random.choices(string.ascii_letters + string.digits, k=8)),
                "ServiceCode": service_code,
                "ServiceName": SERVICE_NAMES[service_code],
                "QuotaCode": quota_code,
                "QuotaName": name,
                "DesiredValue": desired,
                "Status": "PENDING",
                "Created": now,
                "LastUpdated": now,
                "QuotaArn": f"arn:aws:servicequotas:{self.region}:{self.current_account}:{service_code}/{quota_code}",
                "GlobalQuota": False,
                "Unit": "None",
                "QuotaRequestedAtLevel": "ACCOUNT",
            }
            STATE.quota_requests.append(request)
            return json.dumps({"RequestedQuota": dict(request)})

    def list_requested_service_quota_change_history_by_quota(self):
        body = json.loads(self.body or "{}")
        service_code, quota_code = str(body.get("ServiceCode")), str(body.get("QuotaCode"))
        known_quota(service_code, quota_code)
        status = body.get("Status")
        if status is not None and status not in QUOTA_REQUEST_STATUSES:
            raise JsonRESTError("IllegalArgumentException", f"Invalid Status {status}")
        page_size = int(body.get("MaxResults", 100))
        if not 1 <= page_size <= 100:
            raise JsonRESTError("IllegalArgumentException", "MaxResults must be between 1 and 100")
        start = int(body.get("NextToken") or 0)
        with STATE.lock:
            matching = [dict(r) for r in STATE.quota_requests
                        if r["ServiceCode"] == service_code and r["QuotaCode"] == quota_code
                        and (status is None or r["Status"] == status)]
        page = {"RequestedQuotas": matching[start:start + page_size]}
        if start + page_size < len(matching):
            page["NextToken"] = str(start + page_size)
        return json.dumps(page)

    ServiceQuotasResponse.request_service_quota_increase = request_service_quota_increase
    ServiceQuotasResponse.list_requested_service_quota_change_history_by_quota = \
        list_requested_service_quota_change_history_by_quota


def move_quota_request(request_id, status):
    """AWS's side of a quota increase request: review, a support case, the decision."""
    if status not in QUOTA_REQUEST_STATUSES:
        raise ValueError(f"status must be one of {', '.join(QUOTA_REQUEST_STATUSES)}, got {status}")
    with STATE.lock:
        request = next((r for r in STATE.quota_requests if r["Id"] == request_id), None)
        if request is None:
            raise LookupError(f"no quota increase request {request_id}")
        request["Status"] = status
        request["LastUpdated"] = time.time()
        if status == "CASE_OPENED" and "CaseId" not in request:
            request["CaseId"] = str(int(time.time() * 1000))
        if status == "APPROVED":
            STATE.applied_quotas[(request["ServiceCode"], request["QuotaCode"])] = request["DesiredValue"]


def answer_test_event_pattern():
    """AWS: TestEventPattern answers {"Result": true|false}. moto 5.2.1 answers an empty body; here it answers with
    the matcher moto itself routes PutEvents with, so a test of a rule's pattern agrees with the delivery."""
    from moto.events.models import EventPattern
    from moto.events.responses import EventsHandler

    def test_event_pattern(self):
        pattern = EventPattern.load(self._get_param("EventPattern"))
        return json.dumps({"Result": pattern.matches_event(json.loads(self._get_param("Event")))}), self.response_headers

    EventsHandler.test_event_pattern = test_event_pattern


PUT_EVENTS_MAX_BYTES = 256 * 1024


def limit_put_events_request_size():
    """AWS: the entries of one PutEvents request may total 256 KB, each entry counted as the UTF-8 bytes of its
    Source, DetailType, Detail and Resources, plus 14 for a Time; a larger request is refused as a whole
    (400 ValidationException). moto 5.2.1 keeps the limit of 10 entries but not this one."""
    from moto.core.exceptions import JsonRESTError
    from moto.events.responses import EventsHandler

    put_events = EventsHandler.put_events

    def entry_size(entry):
        size = 14 if entry.get("Time") is not None else 0
        for field in ("Source", "DetailType", "Detail"):
            size += len((entry.get(field) or "").encode("utf-8"))
        return size + sum(len(resource.encode("utf-8")) for resource in entry.get("Resources") or [])

    def put_events_within_size(self):
        if sum(entry_size(entry) for entry in self._get_param("Entries") or []) > PUT_EVENTS_MAX_BYTES:
            raise JsonRESTError("ValidationException", "Total size of the entries in the request is over the limit.")
        return put_events(self)

    EventsHandler.put_events = put_events_within_size


def keep_schedule_rules_off_the_event_bus():
    """AWS: a rule with only a ScheduleExpression fires on its schedule and never matches events put on the bus.
    moto 5.2.1 treats its empty pattern as match-all and then fails the whole PutEvents (HTTP 500) on the rule's
    Lambda target, so any stack with a schedule breaks event delivery to every other rule."""
    from moto.events.models import Rule

    send_to_targets = Rule.send_to_targets

    def send_unless_scheduled(self, original_event, *args, **kwargs):
        if self.scheduled_expression and not self.event_pattern.get_pattern():
            return None
        return send_to_targets(self, original_event, *args, **kwargs)

    Rule.send_to_targets = send_unless_scheduled


def create_stack_resources_moto_skips():
    """AWS: CloudFormation creates every resource of a template (the SAM transform's output included).
    moto 5.2.1 skips AWS::Lambda::Alias, AWS::SQS::QueuePolicy, AWS::SNS::Subscription, AWS::CloudWatch::Alarm and
    AWS::Logs::QueryDefinition with a warning (the stack still completes, without them, and a Ref to a skipped alias
    breaks what uses it);
    AWS::Lambda::Version has no Ref/GetAtt Version; AWS::Lambda::Function drops Architectures, SnapStart and
    LoggingConfig, and GetFunction always answers SnapStart Off. Each is created here through the backend its own
    API uses (for query definitions, the test bed's own: query_definitions), so the stack's resources read back as
    AWS shows them."""
    from moto.awslambda.models import LambdaFunction, LambdaVersion, lambda_backends
    from moto.cloudformation import parsing
    from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
    from moto.cloudwatch.models import cloudwatch_backends
    from moto.core.common_models import CloudFormationModel
    from moto.sns.models import sns_backends
    from moto.sqs.models import sqs_backends

    # moto files its models by the second part of their module name
    MODULE = "moto.testbed"
    create_function = LambdaFunction.create_from_cloudformation_json.__func__
    configuration = LambdaFunction.get_configuration

    def create_function_with_all_properties(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
        code = copy.deepcopy(cloudformation_json["Properties"].get("Code"))
        function = create_function(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        properties = cloudformation_json["Properties"]
        if "Architectures" in properties:
            function.architectures = properties["Architectures"]
        function.snap_start_apply_on = properties.get("SnapStart", {}).get("ApplyOn", "None")
        function.logging_config = properties.get("LoggingConfig")
        function.stack_code = code
        return function

    def update_function_as_stacks_do(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                     region_name):
        properties = cloudformation_json["Properties"]
        original_resource.update_configuration(properties)
        if properties.get("Code") != getattr(original_resource, "stack_code", None):
            original_resource.update_function_code(properties["Code"])
            original_resource.stack_code = properties.get("Code")
        return original_resource

    def configuration_with_snap_start(self, *args, **kwargs):
        config = configuration(self, *args, **kwargs)
        apply_on = getattr(self, "snap_start_apply_on", "None")
        published = str(self.version) != "$LATEST"
        config["SnapStart"] = {"ApplyOn": apply_on,
                               "OptimizationStatus": "On" if apply_on == "PublishedVersions" and published else "Off"}
        if getattr(self, "logging_config", None):
            config["LoggingConfig"] = {"LogFormat": "Text", **self.logging_config}
        return config

    LambdaFunction.create_from_cloudformation_json = classmethod(create_function_with_all_properties)
    # AWS: a stack update changes a function's code only when its Code property changed (moto re-reads an inline
    # ZipFile as base64 and fails on every update)
    LambdaFunction.update_from_cloudformation_json = classmethod(update_function_as_stacks_do)
    LambdaFunction.get_configuration = configuration_with_snap_start

    create_version = LambdaVersion.create_from_cloudformation_json.__func__

    def create_version_with_arn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        version = create_version(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        function = lambda_backends[account_id][region_name].get_function(
            cloudformation_json["Properties"]["FunctionName"])
        version.arn = f"{function.function_arn}:{version.version}"
        return version

    def version_attribute(self, name):
        if name == "Version":
            return self.version
        raise UnformattedGetAttTemplateException()

    def replace_version(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return create_version_with_arn(cls, new_resource_name, cloudformation_json, account_id, region_name)

    LambdaVersion.create_from_cloudformation_json = classmethod(create_version_with_arn)
    # AWS: every property of AWS::Lambda::Version needs replacement, which publishes a new version
    LambdaVersion.update_from_cloudformation_json = classmethod(replace_version)
    LambdaVersion.physical_resource_id = property(lambda self: self.arn)
    LambdaVersion.get_cfn_attribute = version_attribute

    class StackResource:
        """What moto's CloudFormation asks of each type below: its name, the property that names a resource, and
        the one attribute !GetAtt reads (the resource's ARN where it has one). A mixin, because moto only sees
        direct subclasses of CloudFormationModel."""
        CFN_TYPE = NAME_PROPERTY = ATTRIBUTE = ""

        @classmethod
        def cloudformation_type(cls):
            return cls.CFN_TYPE

        @classmethod
        def cloudformation_name_type(cls):
            return cls.NAME_PROPERTY

        @classmethod
        def has_cfn_attr(cls, attr):
            return attr == cls.ATTRIBUTE

        def get_cfn_attribute(self, name):
            if name == self.ATTRIBUTE and hasattr(self, "arn"):
                return self.arn
            raise UnformattedGetAttTemplateException()

    class Alias(StackResource, CloudFormationModel):
        __module__ = MODULE
        CFN_TYPE, NAME_PROPERTY, ATTRIBUTE = "AWS::Lambda::Alias", "", "AliasArn"

        def __init__(self, arn, function_name, name):
            self.arn, self.function_name, self.name = arn, function_name, name

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            properties = cloudformation_json["Properties"]
            alias = lambda_backends[account_id][region_name].create_alias(
                name=properties["Name"], function_name=properties["FunctionName"],
                function_version=str(properties["FunctionVersion"]),
                description=properties.get("Description", ""), routing_config=properties.get("RoutingConfig"))
            return cls(alias.arn, properties["FunctionName"], properties["Name"])

        @classmethod
        def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json,
                                            account_id, region_name):
            properties = cloudformation_json["Properties"]
            lambda_backends[account_id][region_name].update_alias(
                name=original_resource.name, function_name=original_resource.function_name,
                function_version=str(properties["FunctionVersion"]),
                description=properties.get("Description", ""), routing_config=properties.get("RoutingConfig"))
            return original_resource

        @property
        def physical_resource_id(self):
            return self.arn

        def delete(self, account_id, region_name):
            lambda_backends[account_id][region_name].delete_alias(self.name, self.function_name)

    class QueuePolicy(StackResource, CloudFormationModel):
        __module__ = MODULE
        CFN_TYPE, NAME_PROPERTY, ATTRIBUTE = "AWS::SQS::QueuePolicy", "", "Id"

        def __init__(self, queue_urls):
            self.queue_urls = queue_urls

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            properties = cloudformation_json["Properties"]
            document = properties["PolicyDocument"]
            for url in properties["Queues"]:
                sqs_backends[account_id][region_name].set_queue_attributes(
                    url.rstrip("/").rsplit("/", 1)[-1],
                    {"Policy": document if isinstance(document, str) else json.dumps(document)})
            return cls(properties["Queues"])

        @property
        def physical_resource_id(self):
            return ",".join(self.queue_urls)

        def delete(self, account_id, region_name):
            for url in self.queue_urls:
                sqs_backends[account_id][region_name].set_queue_attributes(
                    url.rstrip("/").rsplit("/", 1)[-1], {"Policy": ""})

    class Subscription(StackResource, CloudFormationModel):
        __module__ = MODULE
        CFN_TYPE, NAME_PROPERTY, ATTRIBUTE = "AWS::SNS::Subscription", "", "Arn"

        def __init__(self, arn):
            self.arn = arn

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            properties = cloudformation_json["Properties"]
            subscription = sns_backends[account_id][region_name].subscribe(
                properties["TopicArn"], properties["Endpoint"], properties["Protocol"])
            return cls(subscription.arn)

        @property
        def physical_resource_id(self):
            return self.arn

        def delete(self, account_id, region_name):
            sns_backends[account_id][region_name].unsubscribe(self.arn)

    class Alarm(StackResource, CloudFormationModel):
        __module__ = MODULE
        CFN_TYPE, NAME_PROPERTY, ATTRIBUTE = "AWS::CloudWatch::Alarm", "AlarmName", "Arn"

        def __init__(self, name, arn):
            self.name, self.arn = name, arn

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            properties = cloudformation_json["Properties"]
            name = properties.get("AlarmName", resource_name)
            alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
                name=name,
                namespace=properties.get("Namespace"),
                metric_name=properties.get("MetricName"),
                comparison_operator=properties["ComparisonOperator"],
                evaluation_periods=int(properties["EvaluationPeriods"]),
                period=int(properties["Period"]) if "Period" in properties else None,
                threshold=float(properties["Threshold"]) if "Threshold" in properties else None,
                statistic=properties.get("Statistic"),
                description=properties.get("AlarmDescription"),
                dimensions=properties.get("Dimensions", []),
                alarm_actions=properties.get("AlarmActions", []),
                datapoints_to_alarm=properties.get("DatapointsToAlarm"),
                extended_statistic=properties.get("ExtendedStatistic"),
                ok_actions=properties.get("OKActions", []),
                insufficient_data_actions=properties.get("InsufficientDataActions", []),
                unit=properties.get("Unit"),
                actions_enabled=properties.get("ActionsEnabled", True) not in (False, "false"),
                treat_missing_data=properties.get("TreatMissingData"),
                evaluate_low_sample_count_percentile=properties.get("EvaluateLowSampleCountPercentile"),
                threshold_metric_id=properties.get("ThresholdMetricId"))
            return cls(name, alarm.alarm_arn)

        @property
        def physical_resource_id(self):
            return self.name

        def delete(self, account_id, region_name):
            cloudwatch_backends[account_id][region_name].delete_alarms([self.name])

    class QueryDefinition(StackResource, CloudFormationModel):
        __module__ = MODULE
        CFN_TYPE, NAME_PROPERTY, ATTRIBUTE = "AWS::Logs::QueryDefinition", "", "QueryDefinitionId"

        def __init__(self, account_id, region_name, definition_id):
            self.account_id, self.region_name, self.definition_id = account_id, region_name, definition_id

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name,
                                            **kwargs):
            definition = put_query_definition(account_id, region_name, cloudformation_json["Properties"], None)
            return cls(account_id, region_name, definition["queryDefinitionId"])

        @classmethod
        def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json,
                                            account_id, region_name):
            put_query_definition(account_id, region_name, cloudformation_json["Properties"],
                                 original_resource.definition_id)
            return original_resource

        def get_cfn_attribute(self, name):
            if name == self.ATTRIBUTE:
                return self.definition_id
            raise UnformattedGetAttTemplateException()

        @property
        def physical_resource_id(self):
            return self.definition_id

        def delete(self, account_id, region_name):
            query_definitions_of(account_id, region_name).pop(self.definition_id, None)

    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()


def deliver_fifo_groups_again_once_visible():
    """AWS: a FIFO message group is locked while any of its messages is in flight; once they are all visible again
    (visibility timeout over or changed with ChangeMessageVisibility) the group is delivered from its first message,
    in order. moto counts a message that is visible again as in flight until its walk of the queue reaches it, so it
    skips every message but the last of those that came back (and the ones after them wait another receive).
    Here every receive, and every round of a long poll, first releases the messages that are visible again."""
    from moto.sqs.models import SQSBackend

    receive_message = SQSBackend.receive_message

    def receive_with_released_groups(self, queue_name, count, wait_seconds_timeout, visibility_timeout,
                                     message_attribute_names=None):
        queue = self.get_queue(queue_name)
        deadline = time.monotonic() + (wait_seconds_timeout or 0)
        while True:
            for message in [m for m in queue.pending_messages if m.visible]:
                queue.pending_messages.remove(message)
            result = receive_message(self, queue_name, count, 0, visibility_timeout, message_attribute_names)
            if result or time.monotonic() >= deadline:
                return result
            time.sleep(0.05)

    SQSBackend.receive_message = receive_with_released_groups


def update_stacks_as_cloudformation_does():
    """AWS: a stack update changes every resource whose properties change once parameters are resolved, in
    dependency order, and a resource replaced gets a new physical id and attributes, so whatever references it is
    updated too: a parameter in a Fn::Sub of an AWS::Lambda::Version's Description replaces the version (publishing
    one) and moves the alias that reads its Version. moto 5.2.1 sees parameters only in a Ref, updates in template
    order and never updates what references a changed resource."""
    from moto.cloudformation import parsing

    def references(node):
        found = set()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "Ref" and isinstance(value, str):
                    found.add(value)
                elif key == "Fn::GetAtt":
                    target = value[0] if isinstance(value, list) else str(value).split(".")[0]
                    found.add(target)
                elif key == "Fn::Sub":
                    text = value[0] if isinstance(value, list) else value
                    found.update(name.split(".")[0] for name in re.findall(r"\$\{([^!}][^}]*)}", str(text)))
                    found.update(references(value[1]) if isinstance(value, list) and len(value) > 1 else set())
                else:
                    found.update(references(value))
        elif isinstance(node, list):
            for item in node:
                found.update(references(item))
        return found

    original_diff = parsing.ResourceMap.build_resource_diff

    def diff_with_resolved_references(self, other_template, parameters=None):
        actions = original_diff(self, other_template, parameters)
        resources = other_template["Resources"]
        changed = [name for name in (parameters or {}) if self.input_parameters.get(name) != parameters[name]]
        modified = set(actions["Modify"])
        modified.update(name for name in resources if name in self._resource_json_map
                        and references(resources[name]) & set(changed))
        replaced = {name for name in modified if resources[name].get("Type") == "AWS::Lambda::Version"}
        modified.update(name for name in resources if name in self._resource_json_map
                        and references(resources[name]) & replaced)
        ordered = []
        while len(ordered) < len(modified):
            ready = [name for name in modified if name not in ordered
                     and not (references(resources[name]) & (modified - set(ordered) - {name}))]
            ordered.extend(sorted(ready) or sorted(modified - set(ordered)))
        actions["Modify"] = ordered
        return actions

    parsing.ResourceMap.build_resource_diff = diff_with_resolved_references


def name_load_balancers_by_type():
    """AWS: a load balancer's ARN names its type, loadbalancer/app/..., loadbalancer/net/... or loadbalancer/gwy/...,
    and its listeners' ARNs follow (listener/net/...); IAM policies scope by it (e.g. loadbalancer/net/*/*).
    moto names every load balancer app/."""
    from moto.elbv2.models import ELBv2Backend

    create_load_balancer = ELBv2Backend.create_load_balancer
    kinds = {"network": "net", "gateway": "gwy"}

    def create_load_balancer_named_by_type(self, *args, **kwargs):
        balancer = create_load_balancer(self, *args, **kwargs)
        kind = kinds.get(balancer.type)
        if kind is not None:
            old = balancer.arn
            balancer.arn = old.replace(":loadbalancer/app/", f":loadbalancer/{kind}/")
            self.load_balancers[balancer.arn] = self.load_balancers.pop(old)
            if old in self.tagging_service.tags:
                self.tagging_service.tags[balancer.arn] = self.tagging_service.tags.pop(old)
        return balancer

    ELBv2Backend.create_load_balancer = create_load_balancer_named_by_type


GAP_FILLERS = (
    name_load_balancers_by_type,
    enforce_unique_listener_ports,
    enforce_listeners_per_load_balancer,
    enforce_network_load_balancers_per_region,
    enforce_one_load_balancer_per_target_group,
    keep_target_group_load_balancers_current,
    reject_duplicate_rest_resource_paths,
    require_existing_parent_resource,
    keep_integration_connection_id,
    delete_rest_resources_with_children,
    require_an_integration_on_every_method,
    export_what_a_stage_serves,
    reject_duplicate_http_api_route_keys,
    serve_service_quotas_for_apigateway_and_elb,
    serve_quota_increase_requests,
    create_stack_resources_moto_skips,
    update_stacks_as_cloudformation_does,
    answer_test_event_pattern,
    keep_schedule_rules_off_the_event_bus,
    limit_put_events_request_size,
    deliver_fifo_groups_again_once_visible,
)


HTTP_API_DEPLOYMENTS = re.compile(r"^/v2/apis/([^/]+)/deployments/?$")


def http_api_deployments(environ, body, start_response, request, api_id):
    """AWS: an HTTP API stage without auto-deploy serves its routes once CreateDeployment (with its stageName)
    deploys them; GetDeployments lists them. moto 5.2.1 has neither (404 "Not yet implemented"). Deployments are
    kept on moto's Api object, so /moto-api/reset and DeleteApi drop them; an unknown API or stage answers
    NotFoundException as AWS does."""
    from moto.apigatewayv2.models import apigatewayv2_backends
    from moto.core import DEFAULT_ACCOUNT_ID
    region = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", environ.get("HTTP_AUTHORIZATION", "")).group(1)
    api = apigatewayv2_backends[DEFAULT_ACCOUNT_ID][region].apis.get(api_id)
    if api is None:
        return aws_error(start_response, request, "404 Not Found", "NotFoundException",
                         f"Invalid API identifier specified {DEFAULT_ACCOUNT_ID}:{api_id}")
    with CREATE_LOCK:
        deployments = api.__dict__.setdefault("testbed_deployments", [])
        if environ["REQUEST_METHOD"] == "GET":
            return json_response(start_response, "200 OK", {"items": list(deployments)})
        payload = json.loads(body or b"{}")
        stage_name = payload.get("stageName")
        if stage_name is not None and stage_name not in api.stages:
            return aws_error(start_response, request, "404 Not Found", "NotFoundException",
                             f"Invalid stage identifier specified {stage_name}")
        deployment = {"deploymentId": uuid.uuid4().hex[:6], "deploymentStatus": "DEPLOYED", "autoDeployed": False,
                      "createdDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        if payload.get("description") is not None:
            deployment["description"] = payload["description"]
        deployments.append(deployment)
    return json_response(start_response, "201 Created", deployment)


QUERY_DEFINITION_OPERATIONS = ("PutQueryDefinition", "DescribeQueryDefinitions", "DeleteQueryDefinition")


def query_definitions_of(account_id, region):
    """The saved Logs Insights queries of an account and Region, kept on moto's logs backend so that
    /moto-api/reset drops them."""
    from moto.logs.models import logs_backends
    return logs_backends[account_id][region].__dict__.setdefault("testbed_query_definitions", {})


def put_query_definition(account_id, region, properties, definition_id):
    """Creates (no id) or replaces a saved query; AWS requires a name and a query string."""
    for required in ("name", "queryString"):
        value = properties.get(required, properties.get(required[0].upper() + required[1:]))
        if not isinstance(value, str) or not value:
            raise ValueError(f"1 validation error detected: Value at '{required}' failed to satisfy constraint: "
                             "Member must not be null")
    with CREATE_LOCK:
        definitions = query_definitions_of(account_id, region)
        if definition_id is not None and definition_id not in definitions:
            raise LookupError(f"The query definition {definition_id} does not exist")
        definition_id = definition_id or str(uuid.uuid4())
        definitions[definition_id] = {
            "queryDefinitionId": definition_id,
            "name": properties.get("name", properties.get("Name")),
            "queryString": properties.get("queryString", properties.get("QueryString")),
            "lastModified": int(time.time() * 1000),
            "logGroupNames": list(properties.get("logGroupNames", properties.get("LogGroupNames", []))),
        }
        return definitions[definition_id]


def query_definitions(environ, body, start_response, request):
    """AWS: CloudWatch Logs Insights keeps saved queries (PutQueryDefinition creates one, or replaces the one its
    queryDefinitionId names; DescribeQueryDefinitions lists them by name prefix; DeleteQueryDefinition), and
    CloudFormation creates them as AWS::Logs::QueryDefinition. moto 5.2.1 has neither the API nor the resource
    type (its CloudFormation skips the resource with a warning)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    region = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", environ.get("HTTP_AUTHORIZATION", "")).group(1)
    payload = json.loads(body or b"{}")
    if request.operation == "DescribeQueryDefinitions":
        prefix = payload.get("queryDefinitionNamePrefix", "")
        with CREATE_LOCK:
            found = [dict(d) for d in query_definitions_of(DEFAULT_ACCOUNT_ID, region).values()
                     if d["name"].startswith(prefix)]
        return json_response(start_response, "200 OK", {"queryDefinitions": sorted(found, key=lambda d: d["name"])})
    try:
        if request.operation == "PutQueryDefinition":
            definition = put_query_definition(DEFAULT_ACCOUNT_ID, region, payload, payload.get("queryDefinitionId"))
            return json_response(start_response, "200 OK", {"queryDefinitionId": definition["queryDefinitionId"]})
        with CREATE_LOCK:
            if query_definitions_of(DEFAULT_ACCOUNT_ID, region).pop(payload.get("queryDefinitionId"), None) is None:
                raise LookupError(f"The query definition {payload.get('queryDefinitionId')} does not exist")
        return json_response(start_response, "200 OK", {"success": True})
    except ValueError as invalid:
        return aws_error(start_response, request, "400 Bad Request", "InvalidParameterException", str(invalid))
    except LookupError as unknown:
        return aws_error(start_response, request, "400 Bad Request", "ResourceNotFoundException", str(unknown))


def json_response(start_response, status, document):
    data = json.dumps(document).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
                            ("x-amzn-RequestId", str(uuid.uuid4()))])
    return [data]


# ----------------------------------------------------------------------------------------------------------
# Which AWS operation a request is: "service:Operation" for call counts, throttling and rate limits.
# ----------------------------------------------------------------------------------------------------------

def rest_routes(table):
    return [(method, path, re.compile("^" + re.sub(r"\{\w+\}", "[^/]+", path) + "/?$"), name)
            for method, path, name in table]


APIGATEWAY_ROUTES = rest_routes([
    ("GET", "/restapis", "GetRestApis"),
    ("POST", "/restapis", "CreateRestApi"),
    ("GET", "/restapis/{api}", "GetRestApi"),
    ("PATCH", "/restapis/{api}", "UpdateRestApi"),
    ("DELETE", "/restapis/{api}", "DeleteRestApi"),
    ("GET", "/restapis/{api}/resources", "GetResources"),
    ("GET", "/restapis/{api}/resources/{res}", "GetResource"),
    ("POST", "/restapis/{api}/resources/{res}", "CreateResource"),
    ("PATCH", "/restapis/{api}/resources/{res}", "UpdateResource"),
    ("DELETE", "/restapis/{api}/resources/{res}", "DeleteResource"),
    ("GET", "/restapis/{api}/resources/{res}/methods/{m}", "GetMethod"),
    ("PUT", "/restapis/{api}/resources/{res}/methods/{m}", "PutMethod"),
    ("PATCH", "/restapis/{api}/resources/{res}/methods/{m}", "UpdateMethod"),
    ("DELETE", "/restapis/{api}/resources/{res}/methods/{m}", "DeleteMethod"),
    ("GET", "/restapis/{api}/resources/{res}/methods/{m}/responses/{s}", "GetMethodResponse"),
    ("PUT", "/restapis/{api}/resources/{res}/methods/{m}/responses/{s}", "PutMethodResponse"),
    ("DELETE", "/restapis/{api}/resources/{res}/methods/{m}/responses/{s}", "DeleteMethodResponse"),
    ("GET", "/restapis/{api}/resources/{res}/methods/{m}/integration", "GetIntegration"),
    ("PUT", "/restapis/{api}/resources/{res}/methods/{m}/integration", "PutIntegration"),
    ("PATCH", "/restapis/{api}/resources/{res}/methods/{m}/integration", "UpdateIntegration"),
    ("DELETE", "/restapis/{api}/resources/{res}/methods/{m}/integration", "DeleteIntegration"),
    ("GET", "/restapis/{api}/resources/{res}/methods/{m}/integration/responses/{s}", "GetIntegrationResponse"),
    ("PUT", "/restapis/{api}/resources/{res}/methods/{m}/integration/responses/{s}", "PutIntegrationResponse"),
    ("DELETE", "/restapis/{api}/resources/{res}/methods/{m}/integration/responses/{s}", "DeleteIntegrationResponse"),
    ("GET", "/restapis/{api}/deployments", "GetDeployments"),
    ("POST", "/restapis/{api}/deployments", "CreateDeployment"),
    ("GET", "/restapis/{api}/deployments/{d}", "GetDeployment"),
    ("DELETE", "/restapis/{api}/deployments/{d}", "DeleteDeployment"),
    ("GET", "/restapis/{api}/stages", "GetStages"),
    ("POST", "/restapis/{api}/stages", "CreateStage"),
    ("GET", "/restapis/{api}/stages/{s}", "GetStage"),
    ("PATCH", "/restapis/{api}/stages/{s}", "UpdateStage"),
    ("DELETE", "/restapis/{api}/stages/{s}", "DeleteStage"),
    ("GET", "/restapis/{api}/stages/{s}/exports/{t}", "GetExport"),
    ("GET", "/restapis/{api}/authorizers", "GetAuthorizers"),
    ("POST", "/restapis/{api}/authorizers", "CreateAuthorizer"),
    ("GET", "/restapis/{api}/models", "GetModels"),
    ("POST", "/restapis/{api}/models", "CreateModel"),
    ("GET", "/vpclinks", "GetVpcLinks"),
    ("POST", "/vpclinks", "CreateVpcLink"),
    ("GET", "/vpclinks/{id}", "GetVpcLink"),
    ("PATCH", "/vpclinks/{id}", "UpdateVpcLink"),
    ("DELETE", "/vpclinks/{id}", "DeleteVpcLink"),
    ("GET", "/tags/{arn}", "GetTags"),
    ("PUT", "/tags/{arn}", "TagResource"),
    ("DELETE", "/tags/{arn}", "UntagResource"),
    ("GET", "/domainnames", "GetDomainNames"),
    ("POST", "/domainnames", "CreateDomainName"),
    ("GET", "/domainnames/{d}/basepathmappings", "GetBasePathMappings"),
    ("POST", "/domainnames/{d}/basepathmappings", "CreateBasePathMapping"),
    ("GET", "/usageplans", "GetUsagePlans"),
    ("POST", "/usageplans", "CreateUsagePlan"),
    ("GET", "/apikeys", "GetApiKeys"),
    ("POST", "/apikeys", "CreateApiKey"),
    # API Gateway V2 (HTTP APIs) signs as "apigateway" too
    ("GET", "/v2/apis", "GetApis"),
    ("POST", "/v2/apis", "CreateApi"),
    ("GET", "/v2/apis/{api}", "GetApi"),
    ("PATCH", "/v2/apis/{api}", "UpdateApi"),
    ("DELETE", "/v2/apis/{api}", "DeleteApi"),
    ("GET", "/v2/apis/{api}/routes", "GetRoutes"),
    ("POST", "/v2/apis/{api}/routes", "CreateRoute"),
    ("GET", "/v2/apis/{api}/routes/{r}", "GetRoute"),
    ("PATCH", "/v2/apis/{api}/routes/{r}", "UpdateRoute"),
    ("DELETE", "/v2/apis/{api}/routes/{r}", "DeleteRoute"),
    ("GET", "/v2/apis/{api}/integrations", "GetIntegrations"),
    ("POST", "/v2/apis/{api}/integrations", "CreateIntegration"),
    ("GET", "/v2/apis/{api}/integrations/{i}", "GetIntegration"),
    ("PATCH", "/v2/apis/{api}/integrations/{i}", "UpdateIntegration"),
    ("DELETE", "/v2/apis/{api}/integrations/{i}", "DeleteIntegration"),
    ("GET", "/v2/apis/{api}/stages", "GetStages"),
    ("POST", "/v2/apis/{api}/stages", "CreateStage"),
    ("GET", "/v2/apis/{api}/stages/{s}", "GetStage"),
    ("PATCH", "/v2/apis/{api}/stages/{s}", "UpdateStage"),
    ("DELETE", "/v2/apis/{api}/stages/{s}", "DeleteStage"),
    ("GET", "/v2/apis/{api}/deployments", "GetDeployments"),
    ("POST", "/v2/apis/{api}/deployments", "CreateDeployment"),
    ("GET", "/v2/vpclinks", "GetVpcLinks"),
    ("POST", "/v2/vpclinks", "CreateVpcLink"),
    ("GET", "/v2/vpclinks/{id}", "GetVpcLink"),
    ("PATCH", "/v2/vpclinks/{id}", "UpdateVpcLink"),
    ("DELETE", "/v2/vpclinks/{id}", "DeleteVpcLink"),
    ("GET", "/v2/tags/{arn}", "GetTags"),
    ("POST", "/v2/tags/{arn}", "TagResource"),
    ("DELETE", "/v2/tags/{arn}", "UntagResource"),
])


class AwsRequest:
    """The service (SigV4 credential scope), operation and wire protocol of one request; for REST APIs also its
    route ("METHOD /template"), which tells operations of the same name apart (API Gateway V1 and V2)."""

    def __init__(self, environ, body):
        self.environ = environ
        self.body = uncompressed(environ, body)
        self.service = signing_service(environ.get("HTTP_AUTHORIZATION", ""))
        self.protocol, self.operation, self.route = operation_of(environ, self.body)

    @property
    def text(self):
        """Path (WSGI decodes it), query string and body, URL-decoded where they are encoded (a JSON body is as
        sent): what a fault's requestContains is looked for in."""
        body = self.body.decode("utf-8", "replace")
        if self.environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            body = unquote_plus(body)
        return " ".join((self.environ.get("PATH_INFO", ""),
                         unquote_plus(self.environ.get("QUERY_STRING", "")), body))

    @property
    def key(self):
        return f"{self.service}:{self.operation}"


def signing_service(authorization):
    # "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=..."
    match = re.search(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request", authorization)
    return match.group(1) if match else None


def uncompressed(environ, body):
    if environ.get("HTTP_CONTENT_ENCODING", "") == "gzip":  # the SDKs gzip large PutMetricData bodies
        return gzip.decompress(body)
    return body


def operation_of(environ, body):
    """(protocol, operation, REST route or None) of a request whose body is uncompressed."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return "json", target.rsplit(".", 1)[-1], None
    path = environ.get("PATH_INFO", "")
    rpc = re.match(r"^/service/[^/]+/operation/([^/]+)$", path)
    if rpc:
        return "rpc-v2-cbor", rpc.group(1), None
    action = parse_qs(environ.get("QUERY_STRING", "")).get("Action")
    if not action and environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        action = parse_qs(body.decode("utf-8", "replace")).get("Action")
    if action:
        return "query", action[0], None
    method = environ.get("REQUEST_METHOD", "GET")
    for route_method, template, pattern, name in APIGATEWAY_ROUTES:
        if route_method == method and pattern.match(path):
            return "rest-json", name, f"{method} {template}"
    return "rest-json", f"{method} {path}", f"{method} {path}"


# ----------------------------------------------------------------------------------------------------------
# Errors the test bed answers itself, in each protocol's wire format.
# ----------------------------------------------------------------------------------------------------------

def aws_error(start_response, request, status, code, message):
    request_id = str(uuid.uuid4())
    if request.protocol == "query" and request.service == "ec2":
        body = (f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>")
        content_type = "text/xml"
    elif request.protocol == "query":
        fault = "Receiver" if status.startswith("5") else "Sender"
        body = (f"<ErrorResponse><Error><Type>{fault}</Type><Code>{code}</Code><Message>{message}</Message></Error>"
                f"<RequestId>{request_id}</RequestId></ErrorResponse>")
        content_type = "text/xml"
    else:
        body = json.dumps({"__type": code, "message": message})
        content_type = "application/x-amz-json-1.1" if request.protocol == "json" else "application/json"
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data))),
                            ("x-amzn-RequestId", request_id), ("x-amzn-ErrorType", code)])
    return [data]


def throttling_error(start_response, request):
    """What AWS answers when it throttles this service; all are throttling errors to the AWS SDKs."""
    if request.service == "apigateway":
        return apigateway_too_many_requests(start_response, request)
    if request.service == "ec2":
        return aws_error(start_response, request, "503 Service Unavailable", "RequestLimitExceeded",
                         "Request limit exceeded.")
    if request.service == "servicequotas":
        return aws_error(start_response, request, "400 Bad Request", "TooManyRequestsException",
                         "Rate exceeded")
    if request.service == "sqs":
        return aws_error(start_response, request, "400 Bad Request", "RequestThrottled", "Rate exceeded")
    if request.protocol == "query":  # elasticloadbalancing, monitoring (CloudWatch), sns, ...
        return aws_error(start_response, request, "400 Bad Request", "Throttling", "Rate exceeded")
    if request.protocol == "json":  # ecs, servicediscovery, ...
        return aws_error(start_response, request, "400 Bad Request", "ThrottlingException", "Rate exceeded")
    return aws_error(start_response, request, "429 Too Many Requests", "TooManyRequestsException", "Too Many Requests")


def apigateway_too_many_requests(start_response, request):
    """API Gateway's 429: the error type in the x-amzn-ErrorType header and a body with the message; V2 (routes under
    /v2/) adds the limit type, as its TooManyRequestsException shape has it."""
    document = {"message": "Too Many Requests"}
    if (request.route or "").split(" ", 1)[-1].startswith("/v2/"):
        document["limitType"] = "RateLimit"
    data = json.dumps(document).encode("utf-8")
    start_response("429 Too Many Requests", [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
                                             ("x-amzn-RequestId", str(uuid.uuid4())),
                                             ("x-amzn-ErrorType", "TooManyRequestsException")])
    return [data]


# A server fault (5xx: the SDKs retry it) and a client fault (4xx: they do not) each service answers with.
SERVER_ERRORS = {
    "ecs": ("500 Internal Server Error", "ServerException"),
    "servicequotas": ("500 Internal Server Error", "ServiceException"),
    "monitoring": ("500 Internal Server Error", "InternalServiceError"),
    "ec2": ("500 Internal Server Error", "InternalError"),
}
CLIENT_ERRORS = {
    "apigateway": "BadRequestException",
    "ecs": "InvalidParameterException",
    "servicequotas": "IllegalArgumentException",
    "monitoring": "InvalidParameterValue",
    "sqs": "InvalidParameterValue",
    "ec2": "InvalidParameterValue",
}


def injected_fault(start_response, request, answer):
    message = f"injected by the test bed: {answer} of {request.key}"
    if answer == "throttling":
        return throttling_error(start_response, request)
    if answer == "server-error":
        status, code = SERVER_ERRORS.get(request.service, ("500 Internal Server Error", "InternalFailure"))
        return aws_error(start_response, request, status, code, message)
    default = "ValidationError" if request.protocol == "query" else "ValidationException"
    return aws_error(start_response, request, "400 Bad Request", CLIENT_ERRORS.get(request.service, default), message)


# ----------------------------------------------------------------------------------------------------------
# The call journal: every AWS call a function made, for the IAM judge (template-tests, IamJudgeTest).
# A test runs a function's handler under an access key id of its own (MotoServer.runAs) and announces it with
# POST /_testbed/function-session?accessKeyId=K {"function": ..., "environment": {...}, "parameters": {...}};
# every request signed with K is then one JSON line: what was called, with which parameters, the tags each ELB
# resource it names carries at call time (for aws:ResourceTag conditions) and the ELB resources it created.
# Requests signed with any other key (the tests' own setup and read-backs) are not recorded.
# ----------------------------------------------------------------------------------------------------------

ELB_ARN_PARAMETER = re.compile(r"^(LoadBalancerArn|ListenerArn|TargetGroupArn|ResourceArns\.member\.\d+)$")
ELB_CREATED_ARN = re.compile(rb"<(?:ListenerArn|TargetGroupArn|LoadBalancerArn)>([^<]+)</")
CREDENTIAL = re.compile(r"Credential=([^/]+)/")


class CallJournal:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.sessions = set()
        open(path, "w", encoding="utf-8").close()

    def write(self, document):
        line = json.dumps(document, separators=(",", ":"), sort_keys=True) + "\n"
        with self.lock, open(self.path, "a", encoding="utf-8") as journal:
            journal.write(line)

    def open_session(self, key, document):
        with self.lock:
            self.sessions.add(key)
        self.write({"kind": "session", "session": key, **document})

    def session_of(self, authorization):
        match = CREDENTIAL.search(authorization)
        key = match.group(1) if match else None
        with self.lock:
            return key if key in self.sessions else None

    def record(self, session, environ, body, request, answer, start_response):
        params = request_parameters(environ, body, request.protocol)
        entry = {"kind": "call", "session": session, "service": request.service, "protocol": request.protocol,
                 "operation": request.operation, "method": environ.get("REQUEST_METHOD", "GET"),
                 "path": environ.get("PATH_INFO", ""), "params": params}
        if request.service == "elasticloadbalancing":
            entry["resourceTags"] = elb_resource_tags(params)
        status = []

        def respond(code, headers, exc_info=None):
            status.append(int(code.split(" ", 1)[0]))
            return start_response(code, headers, exc_info) if exc_info else start_response(code, headers)

        data = b"".join(answer(respond))
        entry["status"] = status[0] if status else None
        if request.service == "elasticloadbalancing" and request.operation.startswith("Create"):
            entry["created"] = [arn.decode("utf-8") for arn in ELB_CREATED_ARN.findall(data)
                                if arn.decode("utf-8") not in params.values()]
        self.write(entry)
        return [data]


def request_parameters(environ, body, protocol):
    """The request's parameters: the form of a query call (without PutMetricData's data points), else the JSON."""
    if protocol == "query":
        form = body
        if environ.get("HTTP_CONTENT_ENCODING", "") == "gzip":
            form = gzip.decompress(body)
        fields = parse_qs(environ.get("QUERY_STRING", "")) | parse_qs(form.decode("utf-8", "replace"))
        return {key: values[0] for key, values in fields.items() if not key.startswith("MetricData.")}
    try:
        document = json.loads(body) if body else {}
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}


def elb_resource_tags(params):
    """ELB resource ARN -> its tags now, for every ARN the request names (moto keeps them in tagging_service)."""
    from moto.elbv2.models import elbv2_backends
    tags = {}
    for key, arn in params.items():
        if ELB_ARN_PARAMETER.match(key):
            _, _, _, region, account, _ = arn.split(":", 5)
            tags[arn] = elbv2_backends[account][region].tagging_service.get_tag_dict_for_resource(arn)
    return tags


JOURNAL = None


# ----------------------------------------------------------------------------------------------------------
# The WSGI app: control calls under /_testbed/, then counting, injected failures and rate limits, then moto.
# ----------------------------------------------------------------------------------------------------------

class TestBedApp:
    def __init__(self, moto_app):
        self.moto_app = moto_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/_testbed/"):
            return self.control(environ, start_response, path[len("/_testbed/"):])
        if path.startswith("/moto-api"):
            return self.moto_app(environ, start_response)
        body = read_body(environ)
        request = AwsRequest(environ, body)
        if request.service is None:
            return self.moto_app(environ, start_response)
        STATE.count(request.key)
        session = JOURNAL.session_of(environ.get("HTTP_AUTHORIZATION", "")) if JOURNAL else None
        if session is None:
            return self.answer(environ, start_response, request, body, path)
        return JOURNAL.record(session, environ, body, request,
                              lambda respond: self.answer(environ, respond, request, body, path), start_response)

    def answer(self, environ, start_response, request, body, path):
        if request.service == "servicequotas" and STATE.service_quotas_failing:
            return aws_error(start_response, request, "503 Service Unavailable", "ServiceUnavailableException",
                             "Service Quotas is temporarily unavailable (test bed: failServiceQuotas)")
        answer = STATE.take_fault(request)
        if answer is not None:
            return injected_fault(start_response, request, answer)
        bucket = STATE.elb_describe_bucket
        if (bucket is not None and request.service == "elasticloadbalancing"
                and request.operation.startswith("Describe") and not bucket.take()):
            return throttling_error(start_response, request)
        if rate_limited(request):
            return throttling_error(start_response, request)
        if request.service == "logs" and request.operation in QUERY_DEFINITION_OPERATIONS:
            return query_definitions(environ, body, start_response, request)
        deployments = HTTP_API_DEPLOYMENTS.match(path) if request.service == "apigateway" else None
        if deployments and environ["REQUEST_METHOD"] in ("GET", "POST"):
            return http_api_deployments(environ, body, start_response, request, deployments.group(1))
        return self.moto_app(environ, start_response)

    def control(self, environ, start_response, command):
        if environ["REQUEST_METHOD"] == "POST" and command == "function-session":
            key = parse_qs(environ.get("QUERY_STRING", "")).get("accessKeyId", [""])[0]
            if JOURNAL and key:
                JOURNAL.open_session(key, json.loads(read_body(environ) or b"{}"))
            return text(start_response, "200 OK", "ok\n")
        if environ["REQUEST_METHOD"] == "GET" and command == "call-counts":
            with STATE.lock:
                lines = "".join(f"{key}\t{count}\n" for key, count in sorted(STATE.call_counts.items()))
            return text(start_response, "200 OK", lines)
        if environ["REQUEST_METHOD"] == "GET" and command == "rate-limits":
            with STATE.lock:
                buckets = dict(STATE.rate_limits)
            return text(start_response, "200 OK", "".join(
                f"{name}\t{b.capacity}\t{b.refill_per_second}\t{b.admitted}\t{b.throttled}\n"
                for name, b in buckets.items()))
        if environ["REQUEST_METHOD"] == "GET" and command == "faults":
            with STATE.lock:
                return text(start_response, "200 OK", f"fired\t{STATE.faults_fired}\narmed\t{len(STATE.faults)}\n")
        if environ["REQUEST_METHOD"] != "POST":
            return text(start_response, "405 Method Not Allowed", "control calls other than GETs of call-counts "
                                                                  "and faults are POSTs\n")
        query = {key: values[0] for key, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            return text(start_response, "200 OK", self.apply(command, query))
        except KeyError as missing:
            return text(start_response, "400 Bad Request", f"missing parameter {missing}\n")
        except LookupError as unknown:
            return text(start_response, "404 Not Found", f"{unknown}\n")
        except ValueError as invalid:
            return text(start_response, "400 Bad Request", f"{invalid}\n")

    @staticmethod
    def apply(command, query):
        if command == "reset":
            STATE.reset()
        elif command == "clear-call-counts":
            with STATE.lock:
                STATE.call_counts = {}
        elif command == "applied-quota":
            with STATE.lock:
                STATE.applied_quotas[(query["serviceCode"], query["quotaCode"])] = float(query["value"])
        elif command == "fail-service-quotas":
            with STATE.lock:
                STATE.service_quotas_failing = flag(query["on"])
        elif command == "quota-request-status":
            move_quota_request(query["id"], query["status"])
        elif command == "disarm-faults":
            with STATE.lock:
                STATE.faults = []
        elif command == "fail":
            STATE.arm(ArmedFault(query.get("service"), query["operation"], query["answer"],
                                 int(query.get("from", 1)), int(query.get("calls", 1)), query.get("requestContains")))
        elif command == "elb-describe-rate-limit":
            # AWS: ELBv2 Describe* calls share a token bucket of 40, refilled at 10 per second
            with STATE.lock:
                STATE.elb_describe_bucket = TokenBucket(40, 10) if flag(query["on"]) else None
        elif command == "rate-limits":
            share, scale = float(query.get("competingShare", 0)), float(query.get("timeScale", 1))
            if not 0 <= share < 1 or scale <= 0:
                raise ValueError(f"competingShare must be in [0, 1) and timeScale > 0, got {share} and {scale}")
            buckets = {limit.name: limit.bucket(share, scale) for limit in RATE_LIMITS} if flag(query["on"]) else {}
            with STATE.lock:
                STATE.rate_limits = buckets
        else:
            raise LookupError(f"unknown test bed control call: {command}")
        return "ok\n"


def flag(value):
    if value not in ("true", "false"):
        raise ValueError(f"expected true or false, got {value}")
    return value == "true"


def read_body(environ):
    """Reads the request body for operation lookup and puts it back for moto."""
    length = environ.get("CONTENT_LENGTH")
    if not length:
        return b""
    body = environ["wsgi.input"].read(int(length))
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def text(start_response, status, body):
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))])
    return [data]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    global JOURNAL
    app = TestBedApp(import_moto())
    JOURNAL = CallJournal(args.journal) if args.journal else None
    for fill_gap in GAP_FILLERS:
        fill_gap()
    from werkzeug.serving import make_server
    server = make_server(args.host, args.port, app, threaded=True)
    port = server.server_port
    # moto builds some URLs (e.g. SQS queue URLs) from MOTO_PORT
    os.environ["MOTO_PORT"] = str(port)
    if args.exit_with_stdin:
        exit_when_stdin_closes()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{READY_PREFIX}http://{args.host}:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
