package uk.councilinbox.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks tests that need the AWS emulators. With {@code -Plocalstack} and no Docker engine they are
 * skipped, with the reason in the report, instead of failing the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresEmulators.Condition.class)
public @interface RequiresEmulators {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!"localstack".equals(System.getProperty("emulators")) || LocalStackEmulators.dockerAvailable()) {
                return ConditionEvaluationResult.enabled("emulators available");
            }
            String reason = "-Plocalstack needs a Docker engine and none was found: LocalStack tests skipped";
            System.out.println("[localstack] " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
