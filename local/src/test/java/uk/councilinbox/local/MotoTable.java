package uk.councilinbox.local;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A moto server (with the shim) and the inbox table on it, for one test class: registered as a static
 * {@code @RegisterExtension} field, it is up before the class's {@code @BeforeAll} methods run and gone after the last
 * test. The interceptor, if given, sees every call the client makes (to count calls, or to fail one as a killed function would).
 */
public final class MotoTable implements BeforeAllCallback, AfterAllCallback {

    private final Optional<ExecutionInterceptor> interceptor;
    private MotoServer moto;
    private DynamoDbClient dynamo;

    public MotoTable() {
        this.interceptor = Optional.empty();
    }

    public MotoTable(ExecutionInterceptor interceptor) {
        this.interceptor = Optional.of(interceptor);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        moto = MotoServer.start(MotoServer.Flavour.FAST);
        dynamo = interceptor.map(i -> Provisioning.dynamo(moto.endpoint(), i)).orElseGet(() -> Provisioning.dynamo(moto.endpoint()));
        Provisioning.createTable(dynamo);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        dynamo.close();
        moto.close();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }
}
