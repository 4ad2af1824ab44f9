package uk.councilinbox.trends.dynamo;

import static uk.councilinbox.cases.dynamo.TableLayout.PK;
import static uk.councilinbox.cases.dynamo.TableLayout.SK;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;

/** The latest report per period length, as JSON in the case table ({@code TRENDS#<days>} / {@code #LATEST}). */
@ApplicationScoped
public class DynamoTrendReports implements TrendReports {

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;

    public DynamoTrendReports(DynamoDbClient dynamo, InboxConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.json = json;
    }

    @Override
    public Optional<TrendReport> latest(int days) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(days))).item();
        if (item == null || !item.containsKey("report")) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(item.get("report").s(), TrendReport.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(int days, TrendReport report) {
        try {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key(days));
            item.put("report", AttributeValue.fromS(json.writeValueAsString(report)));
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trend report not serialisable", e);
        }
    }

    private static Map<String, AttributeValue> key(int days) {
        return Map.of(PK, AttributeValue.fromS("TRENDS#" + days), SK, AttributeValue.fromS("#LATEST"));
    }
}
