package uk.councilinbox.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.councilinbox.bench.Template;
import uk.councilinbox.channels.meta.GraphApiVersionWatch;
import uk.councilinbox.channels.meta.MetaWebhook;
import uk.councilinbox.channels.x.XWebhook;
import uk.councilinbox.channels.whatsapp.WhatsAppWebhook;
import uk.councilinbox.local.JaxRsOperations;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Project;
import uk.councilinbox.replies.lambda.SenderFunction;

/**
 * template.yaml agrees with the code (see {@link TemplateChecker} for the checks). Plain JUnit: reads
 * the template, application.properties and the compiled classes in target/classes; starts nothing.
 */
class TemplateTest {

    private static final Path ROOT = Project.root();
    private static final Path TEMPLATE = ROOT.resolve("template.yaml");
    private static String templateText;
    private static AppConfig config;
    private static Map<String, HandlerScan.Handler> handlers;
    private static List<String> manifestAddOpens;
    private static Set<String> httpOperations;

    @BeforeAll
    static void readProject() throws IOException {
        templateText = Files.readString(TEMPLATE);
        List<String> deployables = List.of(Project.WEBHOOKS, Project.HTTP_API, Project.WORKERS);
        List<Path> classDirs = new java.util.ArrayList<>(List.of(ROOT.resolve("adapters/target/classes")));
        List<Path> properties = new java.util.ArrayList<>(List.of(ROOT.resolve("adapters/src/main/resources/META-INF/microprofile-config.properties")));
        for (String module : deployables) {
            classDirs.add(ROOT.resolve(module + "/target/classes"));
            properties.add(ROOT.resolve(module + "/src/main/resources/application.properties"));
        }
        Index classes = HandlerScan.index(classDirs.toArray(Path[]::new));
        config = AppConfig.load(properties, ConfigMappings.from(classes));
        handlers = HandlerScan.scan(classes);
        httpOperations = JaxRsOperations.in(ROOT.resolve(Project.HTTP_API + "/target/classes"));
        Set<String> opens = new java.util.LinkedHashSet<>();
        boolean allBuilt = true;
        for (String module : deployables) {
            List<String> moduleOpens = functionZipAddOpens(Project.functionZip(module));
            allBuilt &= moduleOpens != null;
            opens.addAll(moduleOpens == null ? List.of() : moduleOpens);
        }
        manifestAddOpens = allBuilt ? List.copyOf(opens) : null;
    }

    @Test
    void templateAgreesWithTheCode() {
        TemplateChecker checker = check(templateText);
        System.out.println("TemplateTest: handlers in the deployables classes: " + handlers.values().stream()
                .map(h -> h.name() + "=" + h.type().getName()).toList());
        System.out.println("TemplateTest: " + checker.checks().size() + " checks on these resources:");
        checker.checkedResources().forEach((resource, count) -> System.out.println("  " + resource + " (" + count + ")"));
        checker.notices().forEach(n -> System.out.println("TemplateTest notice: " + n));

        assertFalse(handlers.isEmpty(), "no @Named RequestHandler found in the deployables' target/classes: compile first");
        assertAll(checker.checks().stream().map(c -> (Executable) () -> assertTrue(c.ok(), c.toString())));
    }

    @Test
    void theOperatorAlarmsMatchWhatTheFunctionsLog() {
        for (String marker : List.of(WhatsAppWebhook.DELIVERY_FAILED, GraphApiVersionWatch.MARKER,
                XWebhook.ACCOUNT_ACTIVITY_IN_USE, XWebhook.ENCRYPTED_CHAT, MetaWebhook.UTILITY_TEMPLATE_UNUSABLE)) {
            assertTrue(templateText.contains("FilterPattern: '\"" + marker + "\"'"), "template.yaml has no metric filter for " + marker);
        }
        for (String category : List.of("utility;", "marketing", "authentication")) {
            assertTrue(templateText.contains("FilterPattern: '\"" + WhatsAppWebhook.PRICING + "\" \"billable=true;\" \"category=" + category + "\"'"),
                    "template.yaml has no metric of WhatsApp messages billed as " + category);
        }
        assertTrue(templateText.contains("FilterPattern: '\"" + WhatsAppWebhook.UPDATE_TEMPLATE_RECATEGORISED + "\"'"),
                "template.yaml has no metric filter for " + WhatsAppWebhook.UPDATE_TEMPLATE_RECATEGORISED);
    }

    @Test
    void theAlarmsOnTheFunctionsOwnMetricsWatchWhatTheyCount() {
        assertFalse(templateText.contains(SenderFunction.CREDENTIALS_REFUSED),
                "refused credentials are counted by the sender (embedded metric format), not matched in its log text");
        Map<String, String> watched = Map.of(SenderFunction.CREDENTIALS_REFUSED_METRIC, "sender", SenderFunction.REFUSED, "sender",
                SenderFunction.HELD, "sender", SenderFunction.RETRIED, "sender", uk.councilinbox.aws.lambda.BatchMetrics.RECORDS_FAILED, "triage");
        watched.forEach((metric, function) -> assertTrue(templateText.contains("      Namespace: !Sub CouncilInbox/${Stage}\n      MetricName: "
                + metric + "\n      Dimensions:\n        - {Name: Function, Value: " + function + "}\n"), "template.yaml has no alarm on " + metric));
        assertTrue(templateText.contains(uk.councilinbox.aws.lambda.BatchMetrics.NAMESPACE_VARIABLE + ": !Sub CouncilInbox/${Stage}"),
                "the functions' namespace is the alarms' one");
    }

    @Test
    void theLocalRunFeedsTheQueueFunctionsBatchesOfTheTemplatesSize() {
        assertEquals(LocalSystem.TRIAGE_BATCH_SIZE, Template.property("triage", "BatchSize").orElseThrow());
        assertEquals(LocalSystem.SENDER_BATCH_SIZE, Template.property("sender", "BatchSize").orElseThrow());
        assertEquals(LocalSystem.WORKS_BATCH_SIZE, Template.property("works-send", "BatchSize").orElseThrow());
    }

    /** The checks can fail: each broken copy of the template is reported, naming what is wrong. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTemplates")
    void catchesABrokenTemplate(String change, String from, String to, String expectedFailure) {
        assertEquals(1, count(templateText, from), "the mutation must apply exactly once: " + from);
        TemplateChecker checker = check(templateText.replace(from, to));

        List<String> failures = checker.failures().stream().map(TemplateChecker.Check::toString).toList();
        assertTrue(failures.stream().anyMatch(f -> f.contains(expectedFailure)),
                change + ": expected a failure containing '" + expectedFailure + "', got " + failures);
    }

    static Stream<Arguments> brokenTemplates() {
        return Stream.of(
                Arguments.of("handler renamed", "QUARKUS_LAMBDA_HANDLER: triage", "QUARKUS_LAMBDA_HANDLER: triaje",
                        "TriageFunction: QUARKUS_LAMBDA_HANDLER 'triaje' names a @Named RequestHandler"),
                Arguments.of("handler left undeployed", "QUARKUS_LAMBDA_HANDLER: triage", "QUARKUS_LAMBDA_HANDLER: sender",
                        "uk.councilinbox.triage.lambda.TriageFunction: @Named(\"triage\") RequestHandler is deployed by a function"),
                Arguments.of("misspelt environment variable", "INBOX_TABLE: !Ref InboxTable\n          # Required at start-up by the config mapping; triage",
                        "INBOX_TABEL: !Ref InboxTable\n          # Required at start-up by the config mapping; triage",
                        "TriageFunction: env INBOX_TABEL is read by application.properties"),
                Arguments.of("mandatory setting missing on one function",
                        "          OUTBOUND_QUEUE_URL: !Ref OutboundQueue\n          META_APP_SECRET:", "          META_APP_SECRET:",
                        "OUTBOUND_QUEUE_URL: set on every function"),
                Arguments.of("queue URLs swapped", "INBOUND_QUEUE_URL: !Ref InboundQueue\n          # Not used",
                        "INBOUND_QUEUE_URL: !Ref OutboundQueue\n          # Not used",
                        "WebhookFunction: INBOUND_QUEUE_URL is !Ref of the queue named *-inbound.fifo"),
                Arguments.of("webhooks from the wrong artifact", "CodeUri: webhooks/target/function.zip", "CodeUri: http-api/target/function.zip",
                        "WebhookFunction: code is webhooks/target/function.zip"),
                Arguments.of("webhooks through Quarkus REST", "          QUARKUS_LAMBDA_HANDLER: webhooks\n", "",
                        "WebhookFunction: code is http-api/target/function.zip"),
                Arguments.of("reference to nothing", "Resource: !GetAtt SenderLogGroup.Arn", "Resource: !GetAtt SenderLogGrp.Arn",
                        "SenderRole: every !Ref, !GetAtt"),
                Arguments.of("wildcard action", "Action: sqs:SendMessage   # also authorises SendMessageBatch",
                        "Action: 'sqs:*'", "WebhookRole.EnqueueInbound: action sqs:* is specific"),
                Arguments.of("wildcard resource", "                  - !Sub '${InboxTable.Arn}/index/GSI3'\n              - Sid: EnqueueOutbound",
                        "                  - '*'\n              - Sid: EnqueueOutbound", "StaffApiRole.Cases: resource * is a resource of this stack"),
                Arguments.of("webhook given the table", "SendMessageBatch\n                Resource: !GetAtt InboundQueue.Arn\n",
                        "SendMessageBatch\n                Resource: !GetAtt InboundQueue.Arn\n              - Effect: Allow\n"
                                + "                Action: dynamodb:PutItem\n                Resource: !GetAtt InboxTable.Arn\n",
                        "WebhookFunction: webhook function has no DynamoDB access"),
                Arguments.of("not an IAM action", "Action: [dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:PutItem, dynamodb:UpdateItem, dynamodb:DeleteItem]",
                        "Action: [dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query, dynamodb:TransactWriteItems, dynamodb:UpdateItem, dynamodb:DeleteItem]", "no such IAM action"),
                Arguments.of("retries differ from local", "        deadLetterTargetArn: !GetAtt InboundDeadLetterQueue.Arn\n        maxReceiveCount: 5",
                        "        deadLetterTargetArn: !GetAtt InboundDeadLetterQueue.Arn\n        maxReceiveCount: 3",
                        "InboundQueue: maxReceiveCount 5"),
                Arguments.of("GSI renamed", "        - IndexName: GSI2", "        - IndexName: ByResident", "InboxTable: GSIs as in TableLayout"),
                Arguments.of("TTL attribute renamed", "AttributeName: expiresAt", "AttributeName: ttl", "InboxTable: TTL on expiresAt"),
                Arguments.of("staff API left open", "            Path: /api/{proxy+}\n            Auth:\n              Authorizer: StaffJwt",
                        "            Path: /api/{proxy+}\n            Auth:\n              Authorizer: NONE", "requires a staff JWT"),
                Arguments.of("secret in plain text", "META_APP_SECRET: !Sub '{{resolve:secretsmanager:${PlatformSecretName}:SecretString:META_APP_SECRET}}'",
                        "META_APP_SECRET: hunter2", "secret META_APP_SECRET comes from Secrets Manager/SSM"),
                Arguments.of("batch too slow for the REST client timeouts", "            BatchSize: 3", "            BatchSize: 10",
                        "SenderFunction: timeout 30 s covers a batch of 10 calls to meta"),
                Arguments.of("visibility too short", "      VisibilityTimeout: 180\n      MessageRetentionPeriod: 345600\n      SqsManagedSseEnabled: true\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OutboundDeadLetterQueue.Arn",
                        "      VisibilityTimeout: 60\n      MessageRetentionPeriod: 345600\n      SqsManagedSseEnabled: true\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt OutboundDeadLetterQueue.Arn",
                        "OutboundQueue: visibility timeout 60 s >= 6 x SenderFunction timeout 30 s"),
                Arguments.of("alarm on an embedded-format metric without its Function", "      MetricName: RepliesRefused\n      Dimensions:\n        - {Name: Function, Value: sender}\n",
                        "      MetricName: RepliesRefused\n", "RepliesRefusedAlarm: an alarm on an embedded-format metric names its Function"));
    }

    private static TemplateChecker check(String text) {
        return new TemplateChecker(CfnYaml.parse(text), config, handlers, httpOperations, manifestAddOpens).run();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The packages function.zip's manifest asks to open (what the local runner passes), if it has been built. */
    private static List<String> functionZipAddOpens(Path zip) throws IOException {
        if (!Files.exists(zip)) {
            return null;
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/MANIFEST.MF");
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(entry)) {
                String opens = new Manifest(in).getMainAttributes().getValue("Add-Opens");
                return opens == null ? List.of() : List.of(opens.trim().split("\\s+"));
            }
        }
    }
}
