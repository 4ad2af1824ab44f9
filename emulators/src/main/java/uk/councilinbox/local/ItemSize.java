package uk.councilinbox.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The size DynamoDB gives an item, from the item in DynamoDB's JSON wire form
 * ({@code {"PK":{"S":"CASE#X"},"n":{"N":"12"}}}), by the rules of the DynamoDB Developer Guide, "DynamoDB
 * item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * each attribute is its name's UTF-8 bytes plus its value: a string's UTF-8 bytes; a number about 1 byte
 * per two significant digits, plus 1; a binary's raw (decoded) bytes; 1 for a null or a Boolean; 3 bytes
 * for a list or map plus 1 byte per element plus the elements (a map element's name counts too). The
 * guide gives no rule for sets; their elements are added up.
 */
public final class ItemSize {

    private ItemSize() {}

    /** Bytes of an item: a JSON object of attribute name to typed value. */
    public static long of(JsonNode item) {
        long size = 0;
        for (Map.Entry<String, JsonNode> attribute : item.properties()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    /** Bytes of one typed value ({@code {"S":"x"}}), without its attribute name. */
    static long value(JsonNode typed) {
        Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> utf8(v.asText());
            case "N" -> number(v.asText());
            case "B" -> binary(v.asText());
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(v, element -> utf8(element.asText()));
            case "NS" -> sum(v, element -> number(element.asText()));
            case "BS" -> sum(v, element -> binary(element.asText()));
            case "L" -> 3 + sum(v, element -> 1 + value(element));
            case "M" -> 3 + v.properties().stream().mapToLong(e -> 1 + utf8(e.getKey()) + value(e.getValue())).sum();
            default -> throw new IllegalArgumentException("not a DynamoDB attribute value: " + typed);
        };
    }

    private static long number(String text) {
        String digits = new BigDecimal(text).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long binary(String base64) {
        return Base64.getDecoder().decode(base64).length;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode element : array) {
            total += size.applyAsLong(element);
        }
        return total;
    }
}
