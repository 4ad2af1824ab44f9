package uk.councilinbox.http;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.Map;

/** Query parameters or headers as the domain takes them: each name with its first value ("" when it has none). */
public final class FirstValues {

    private FirstValues() {}

    public static Map<String, String> of(MultivaluedMap<String, String> values) {
        Map<String, String> first = new HashMap<>();
        values.forEach((name, list) -> first.put(name, list.isEmpty() ? "" : list.get(0)));
        return first;
    }
}
