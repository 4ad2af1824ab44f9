package uk.councilinbox.aws;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * How long each AWS call takes as the function's SDK sees it (marshalling, signing, retries and the round trip), logged
 * at DEBUG on the {@link #CATEGORY} logger only: off in AWS, turned on by {@code bin/bench}, to tell the queue send apart
 * from our own code's time. Names the service and operation, nothing of the request.
 */
public final class CallTimings implements ExecutionInterceptor {

    /**
     * A lower-case name of its own: a log category set from an environment variable ({@code QUARKUS_LOG_CATEGORY__AWSCALLS__LEVEL})
     * comes out in lower case, so a class's name could not be turned on that way.
     */
    public static final String CATEGORY = "awscalls";
    static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("councilInboxCallStarted");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (LOG.isDebugEnabled()) {
            attributes.putAttribute(STARTED, System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            LOG.debugf("AWS call %s.%s %d us", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), (System.nanoTime() - started) / 1000);
        }
    }
}
