package com.ecsapi.onboarder.aws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Fills an SDK model with one sample value in every field, nested structures, lists and maps included, through the
 * model's own builders and setters: the response {@link ResponseBodies} writes for the priming endpoint to answer
 * with. Pagination tokens stay empty: a paginator stops after the first page.
 */
final class ResponseModels {

    /** Deep enough for every shape the functions read; recursive shapes stop here. */
    private static final int MAX_DEPTH = 8;
    private static final Pattern PAGINATION_TOKEN = Pattern.compile("(?i)next\\w*token|\\w*marker|position");

    /** With milliseconds, as AWS's timestamps have: their parsers take the fraction's path. */
    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00.123Z");

    private static final Pattern ID = Pattern.compile("(?:.*[a-z])?(?:Id|id)");
    private static final AtomicLong IDS = new AtomicLong();

    private ResponseModels() {
    }

    /** The model {@code builder} builds, with every field filled. */
    static Object filled(SdkPojo builder) {
        return fill(builder, 0);
    }

    private static Object fill(SdkPojo builder, int depth) {
        for (SdkField<?> field : builder.sdkFields()) {
            if (PAGINATION_TOKEN.matcher(field.memberName()).matches()) {
                continue;
            }
            Object value = sample(field, depth);
            if (value != null) {
                field.set(builder, value);
            }
        }
        return builder instanceof Buildable buildable ? buildable.build() : builder;
    }

    private static Object sample(SdkField<?> field, int depth) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            // every id is new: what one answer creates is not another's parent or child
            return field.memberName() != null && ID.matcher(field.memberName()).matches()
                    ? "priming-" + field.memberName() + "-" + IDS.incrementAndGet() : "priming";
        } else if (type == MarshallingType.INTEGER) {
            return 1;
        } else if (type == MarshallingType.LONG) {
            return 1L;
        } else if (type == MarshallingType.SHORT) {
            return (short) 1;
        } else if (type == MarshallingType.BYTE) {
            return (byte) 1;
        } else if (type == MarshallingType.DOUBLE) {
            return 1.0;
        } else if (type == MarshallingType.FLOAT) {
            return 1.0f;
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return BigDecimal.ONE;
        } else if (type == MarshallingType.BOOLEAN) {
            return Boolean.TRUE;
        } else if (type == MarshallingType.INSTANT) {
            return SAMPLE_TIME;
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromUtf8String("{}"); // blobs the functions read are JSON documents (an API's export)
        } else if (depth >= MAX_DEPTH) {
            return null;
        } else if (type == MarshallingType.SDK_POJO) {
            Supplier<SdkPojo> constructor = field.constructor();
            return constructor == null ? null : fill(constructor.get(), depth + 1);
        } else if (type == MarshallingType.LIST) {
            Object member = sample(field.getRequiredTrait(ListTrait.class).memberFieldInfo(), depth + 1);
            return member == null ? null : List.of(member);
        } else if (type == MarshallingType.MAP) {
            Object value = sample(field.getRequiredTrait(MapTrait.class).valueFieldInfo(), depth + 1);
            return value == null ? null : Map.of("priming", value);
        }
        return null;
    }
}
