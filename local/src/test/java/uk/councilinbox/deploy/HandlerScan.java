package uk.councilinbox.deploy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import uk.councilinbox.local.JaxRsOperations;

/**
 * Finds the Lambda handlers in the compiled deployables: classes under their {@code target/classes} annotated
 * {@code @jakarta.inject.Named} that implement {@link RequestHandler}. Quarkus dispatches to the bean
 * whose name QUARKUS_LAMBDA_HANDLER gives. The class files are indexed (Jandex) without loading them;
 * only the annotated classes are loaded, to read their handler types.
 */
final class HandlerScan {

    /** One handler: its bean name, class, and the event and response types of its RequestHandler. */
    record Handler(String name, Class<?> type, Type input, Type output) {}

    private static final DotName NAMED = DotName.createSimple("jakarta.inject.Named");

    private HandlerScan() {}

    /** Indexes the class files under each of {@code classDirs} (reads them; loads nothing). */
    static Index index(Path... classDirs) throws IOException {
        return JaxRsOperations.index(classDirs);
    }

    static Map<String, Handler> scan(Index index) {
        Map<String, Handler> handlers = new TreeMap<>();
        for (AnnotationInstance named : index.getAnnotations(NAMED)) {
            if (named.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            String className = named.target().asClass().name().toString();
            Class<?> type;
            try {
                type = Class.forName(className, false, HandlerScan.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(className + " is indexed but not on the test class path", e);
            }
            if (!RequestHandler.class.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            AnnotationValue value = named.value();
            String name = value == null || value.asString().isEmpty()
                    ? Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1)
                    : value.asString();
            Type[] io = handlerTypes(type);
            Handler previous = handlers.put(name, new Handler(name, type, io[0], io[1]));
            if (previous != null) {
                throw new IllegalStateException("two handlers named '" + name + "': " + previous.type() + " and " + type);
            }
        }
        return handlers;
    }

    /** The type arguments of RequestHandler<I, O> as the class (or a superclass) declares them. */
    private static Type[] handlerTypes(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    return p.getActualTypeArguments();
                }
            }
        }
        return new Type[] {Object.class, Object.class};
    }
}
