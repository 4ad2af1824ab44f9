package uk.councilinbox.deploy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;

/**
 * The application's {@code @ConfigMapping} interfaces, to tell whether a property must have a value for
 * the application to start: SmallRye Config validates every mapping at start-up, in every function, and
 * fails on a missing (or empty) value unless the member is Optional or has a {@code @WithDefault}.
 */
final class ConfigMappings {

    private static final DotName CONFIG_MAPPING = DotName.createSimple("io.smallrye.config.ConfigMapping");

    private record Mapping(String prefix, Class<?> type) {}

    private final List<Mapping> mappings;

    private ConfigMappings(List<Mapping> mappings) {
        this.mappings = mappings;
    }

    static ConfigMappings from(Index index) {
        List<Mapping> mappings = new ArrayList<>();
        for (AnnotationInstance annotation : index.getAnnotations(CONFIG_MAPPING)) {
            if (annotation.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            String className = annotation.target().asClass().name().toString();
            try {
                Class<?> type = Class.forName(className, false, ConfigMappings.class.getClassLoader());
                String prefix = annotation.value("prefix") == null ? "" : annotation.value("prefix").asString();
                mappings.add(new Mapping(prefix, type));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(className + " is indexed but not on the test class path", e);
            }
        }
        return new ConfigMappings(mappings);
    }

    /**
     * True when the application cannot start without a value for {@code property}: it is a mandatory
     * member of a mapping, or it belongs to no mapping (then it is assumed mandatory, as a plain
     * {@code @ConfigProperty} without default is).
     */
    boolean required(String property) {
        for (Mapping mapping : mappings) {
            if (!property.startsWith(mapping.prefix() + ".")) {
                continue;
            }
            List<String> path = Arrays.asList(property.substring(mapping.prefix().length() + 1).split("\\."));
            Method member = member(mapping.type(), path);
            if (member != null) {
                Class<?> type = member.getReturnType();
                // An entry of a map (works.systems.highways.services.potholes) is never required: the map may lack it.
                boolean optional = type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
                        || type == OptionalDouble.class || java.util.Map.class.isAssignableFrom(type);
                boolean defaulted = Arrays.stream(member.getAnnotations())
                        .anyMatch(a -> a.annotationType().getName().equals("io.smallrye.config.WithDefault"));
                return !optional && !defaulted;
            }
        }
        return true;
    }

    private static Method member(Class<?> group, List<String> path) {
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || !name(method).equals(path.getFirst())) {
                continue;
            }
            if (path.size() == 1) {
                return method;
            }
            Class<?> nested = method.getReturnType();
            if (java.util.Map.class.isAssignableFrom(nested) && path.size() >= 2
                    && method.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType map) {
                // A map of groups by name (works.systems.<name>.endpoint): the group's member after the key.
                if (map.getActualTypeArguments()[1] instanceof Class<?> value && value.isInterface() && !value.getName().startsWith("java.")) {
                    return member(value, path.subList(2, path.size()));
                }
                return path.size() == 2 ? method : null;
            }
            if (nested.isInterface() && !nested.getName().startsWith("java.")) {
                return member(nested, path.subList(1, path.size()));
            }
        }
        return null;
    }

    /** The property name of a member: {@code @WithName}, or the method name in kebab case. */
    private static String name(Method method) {
        for (var annotation : method.getAnnotations()) {
            if (annotation.annotationType().getName().equals("io.smallrye.config.WithName")) {
                try {
                    return String.valueOf(annotation.annotationType().getMethod("value").invoke(annotation));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
