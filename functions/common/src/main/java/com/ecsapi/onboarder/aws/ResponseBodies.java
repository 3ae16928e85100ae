package com.ecsapi.onboarder.aws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.PayloadTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The body AWS would send for a call, written from a response model with every field filled ({@link ResponseModels})
 * in the call's protocol: JSON for the JSON RPC and REST JSON protocols (timestamps as epoch seconds unless the field
 * says otherwise), XML in its {@code <XResponse><XResult>} envelope for the query protocol (lists of {@code member}s,
 * ISO 8601 timestamps). So the priming's responses are unmarshalled as real ones are: every nested shape, list and
 * timestamp parsed, not an empty document.
 */
final class ResponseBodies {

    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);

    private ResponseBodies() {
    }

    /**
     * The response shape of {@code request}: the one named after it ({@code XRequest}, {@code XResponse}), if any.
     */
    static Optional<Class<?>> responseShape(SdkRequest request) {
        String name = request.getClass().getName();
        if (!name.endsWith("Request")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(name.substring(0, name.length() - "Request".length()) + "Response", true,
                    request.getClass().getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    /** A response of {@code shape} with every field filled ({@link ResponseModels}). */
    static Optional<SdkPojo> filled(Class<?> shape) {
        try {
            Object builder = shape.getMethod("builder").invoke(null);
            return builder instanceof SdkPojo pojo ? Optional.of((SdkPojo) ResponseModels.filled(pojo))
                    : Optional.empty();
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    /** The body of {@code response} to the call {@code operation} (sent as {@code httpRequest}), in its protocol. */
    static byte[] of(SdkPojo response, SdkHttpRequest httpRequest, String operation) {
        boolean query = httpRequest.firstMatchingHeader("Content-Type")
                .filter(type -> type.startsWith("application/x-www-form-urlencoded")).isPresent();
        if (query) {
            StringBuilder xml = new StringBuilder("<").append(operation)
                    .append("Response xmlns=\"https://priming.invalid/doc/\"><").append(operation).append("Result>");
            fields(response, xml);
            xml.append("</").append(operation).append("Result><ResponseMetadata><RequestId>priming</RequestId>")
                    .append("</ResponseMetadata></").append(operation).append("Response>");
            return xml.toString().getBytes(StandardCharsets.UTF_8);
        }
        for (SdkField<?> field : response.sdkFields()) {
            if (field.containsTrait(PayloadTrait.class)
                    && field.getValueOrDefault(response) instanceof SdkBytes bytes) {
                return bytes.asByteArray();
            }
        }
        StringBuilder json = new StringBuilder();
        object(response, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void object(SdkPojo pojo, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            json.append(first ? "" : ",").append('"').append(field.unmarshallLocationName()).append("\":");
            first = false;
            json(field, value, json);
        }
        json.append('}');
    }

    private static void json(SdkField<?> field, Object value, StringBuilder json) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            object((SdkPojo) value, json);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            json.append('[');
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                json(member, list.get(i), json);
            }
            json.append(']');
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                json.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":");
                first = false;
                json(valueField, entry.getValue(), json);
            }
            json.append('}');
        } else if (type == MarshallingType.INSTANT) {
            TimestampFormatTrait.Format format = format(field, TimestampFormatTrait.Format.UNIX_TIMESTAMP);
            String text = timestamp((Instant) value, format);
            boolean number = format == TimestampFormatTrait.Format.UNIX_TIMESTAMP
                    || format == TimestampFormatTrait.Format.UNIX_TIMESTAMP_MILLIS;
            json.append(number ? text : '"' + text + '"');
        } else if (type == MarshallingType.STRING) {
            json.append('"').append(value).append('"');
        } else {
            json.append(scalar(value));
        }
    }

    private static void fields(SdkPojo pojo, StringBuilder xml) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null && field.location() == MarshallLocation.PAYLOAD) {
                element(field.unmarshallLocationName(), field, value, xml);
            }
        }
    }

    private static void element(String name, SdkField<?> field, Object value, StringBuilder xml) {
        xml.append('<').append(name).append('>');
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            fields((SdkPojo) value, xml);
        } else if (type == MarshallingType.LIST) {
            ListTrait list = field.getRequiredTrait(ListTrait.class);
            String member = list.memberLocationName() == null ? "member" : list.memberLocationName();
            for (Object item : (List<?>) value) {
                element(member, list.memberFieldInfo(), item, xml);
            }
        } else if (type == MarshallingType.MAP) {
            MapTrait map = field.getRequiredTrait(MapTrait.class);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                xml.append("<entry><").append(map.keyLocationName()).append('>').append(entry.getKey())
                        .append("</").append(map.keyLocationName()).append('>');
                element(map.valueLocationName(), map.valueFieldInfo(), entry.getValue(), xml);
                xml.append("</entry>");
            }
        } else if (type == MarshallingType.INSTANT) {
            xml.append(timestamp((Instant) value, format(field, TimestampFormatTrait.Format.ISO_8601)));
        } else {
            xml.append(scalar(value));
        }
        xml.append("</").append(name).append('>');
    }

    /** The format the field declares, else the protocol's. */
    private static TimestampFormatTrait.Format format(SdkField<?> field, TimestampFormatTrait.Format protocolDefault) {
        return field.getOptionalTrait(TimestampFormatTrait.class).map(TimestampFormatTrait::format)
                .orElse(protocolDefault);
    }

    private static String timestamp(Instant instant, TimestampFormatTrait.Format format) {
        return switch (format) {
            case UNIX_TIMESTAMP -> instant.getEpochSecond() + "."
                    + String.format("%03d", instant.getNano() / 1_000_000);
            case UNIX_TIMESTAMP_MILLIS -> String.valueOf(instant.toEpochMilli());
            case RFC_822 -> RFC_822.format(instant);
            default -> instant.toString();
        };
    }

    private static String scalar(Object value) {
        return value instanceof SdkBytes bytes ? Base64.getEncoder().encodeToString(bytes.asByteArray())
                : String.valueOf(value);
    }
}
