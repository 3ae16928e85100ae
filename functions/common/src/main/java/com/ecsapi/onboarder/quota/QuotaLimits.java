package com.ecsapi.onboarder.quota;

import com.ecsapi.onboarder.telemetry.StructuredLog;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads quota limits: the applied value, else AWS's default, else the documented default. Each limit is read
 * at most once per instance, so build one instance per run. A Service Quotas failure never stops the caller:
 * it degrades to the documented default and logs a warning.
 */
public final class QuotaLimits {

    private final ServiceQuotasClient serviceQuotas;
    private final StructuredLog log;
    private final Map<Quota, QuotaLimit> limits = new EnumMap<>(Quota.class);

    public QuotaLimits(ServiceQuotasClient serviceQuotas, StructuredLog log) {
        this.serviceQuotas = serviceQuotas;
        this.log = log;
    }

    public synchronized QuotaLimit limit(Quota quota) {
        return limits.computeIfAbsent(quota, this::read);
    }

    private QuotaLimit read(Quota quota) {
        try {
            Optional<ServiceQuota> applied = applied(quota);
            if (applied.isPresent()) {
                return new QuotaLimit(quota, applied.get().value(), QuotaLimit.Source.APPLIED,
                        Boolean.TRUE.equals(applied.get().adjustable()));
            }
            ServiceQuota awsDefault = serviceQuotas.getAWSDefaultServiceQuota(request -> request
                    .serviceCode(quota.serviceCode()).quotaCode(quota.quotaCode())).quota();
            return new QuotaLimit(quota, awsDefault.value(), QuotaLimit.Source.AWS_DEFAULT,
                    Boolean.TRUE.equals(awsDefault.adjustable()));
        } catch (SdkException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("quotaCode", quota.quotaCode());
            fields.put("serviceCode", quota.serviceCode());
            fields.put("documentedDefault", quota.documentedDefault());
            fields.put("error", e.getMessage());
            log.warn("Service Quotas did not answer; using the documented default", fields);
            return new QuotaLimit(quota, quota.documentedDefault(), QuotaLimit.Source.DOCUMENTED_DEFAULT, false);
        }
    }

    /** The quota as applied to this account; empty when no value is applied. */
    private Optional<ServiceQuota> applied(Quota quota) {
        try {
            ServiceQuota applied = serviceQuotas.getServiceQuota(request -> request
                    .serviceCode(quota.serviceCode()).quotaCode(quota.quotaCode())).quota();
            return Optional.of(applied).filter(answer -> answer.value() != null);
        } catch (NoSuchResourceException e) {
            return Optional.empty();
        }
    }
}
