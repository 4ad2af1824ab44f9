package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.*;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.config.InboxConfig;
import uk.councilinbox.ingest.InboundMessage;

/** {@link CaseStore} on one DynamoDB table; each write is a transaction guarded by conditions. */
@ApplicationScoped
public class DynamoCaseStore implements CaseStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCaseStore(DynamoDbClient dynamo, InboxConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public Optional<RecordedMessage> recorded(String messageKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(guardPk(messageKey)), SK, s(GUARD_SK)))).item();
        return item == null || item.isEmpty()
                ? Optional.empty()
                : Optional.of(new RecordedMessage(new Reference(item.get("reference").s()), item.get("opened").bool()));
    }

    @Override
    public Optional<Case> find(Reference reference) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(casePk(reference.value())), SK, s(CASE_SK)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CaseItems.toCase(item));
    }

    @Override
    public Optional<Case> latestOpenCase(String residentKey) {
        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", s(residentKey(residentKey))))
                .scanIndexForward(false)
                .limit(10)).items();
        // The index is eventually consistent: re-read the newest open case itself before relying on it.
        return items.stream().map(CaseItems::toCase).filter(c -> c.status().isOpen()).findFirst()
                .flatMap(c -> find(c.reference()));
    }

    @Override
    public void open(Case newCase, InboundMessage message, CaseEvent event) {
        Reference ref = newCase.reference();
        write(message, () -> new ReferenceTakenException(ref), List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(CaseItems.caseItem(newCase))
                        .conditionExpression("attribute_not_exists(PK)")).build(),
                guard(ref, message, true),
                put(CaseItems.messageItem(ref, message)),
                put(CaseItems.eventItem(ref, event, UUID.randomUUID().toString()))));
    }

    @Override
    public void attach(Case updated, InboundMessage message, CaseEvent event) {
        Reference ref = updated.reference();
        write(message, () -> new CaseChangedException(ref), List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(CaseItems.caseItem(updated))
                        .conditionExpression("#v = :previous")
                        .expressionAttributeNames(Map.of("#v", "version"))
                        .expressionAttributeValues(Map.of(":previous", CaseItems.n(Long.toString(updated.version() - 1)))))
                        .build(),
                guard(ref, message, false),
                put(CaseItems.messageItem(ref, message)),
                put(CaseItems.eventItem(ref, event, UUID.randomUUID().toString()))));
    }

    private TransactWriteItem guard(Reference ref, InboundMessage message, boolean opened) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(CaseItems.guardItem(ref, message.messageKey(), opened))
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** Items 0 and 1 of every write are the case and the message guard: a failed condition says which. */
    private void write(InboundMessage message, Supplier<RuntimeException> caseConflict, List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failedCondition(reasons, 1)) {
                throw new MessageAlreadyRecordedException(message.messageKey());
            }
            if (failedCondition(reasons, 0)) {
                throw caseConflict.get();
            }
            throw e;
        }
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
