package uk.councilinbox.local;

import static uk.councilinbox.cases.dynamo.TableLayout.*;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates what template.yaml creates in AWS: the table with its indexes and TTL, the four FIFO
 * queues (inbound, outbound, photos, works), each with a dead-letter queue, and the photos bucket. Idempotent.
 */
public final class Provisioning {

    public static final String TABLE = "council-inbox";
    public static final String INBOUND = "council-inbox-inbound.fifo";
    public static final String OUTBOUND = "council-inbox-outbound.fifo";
    public static final String PHOTOS = "council-inbox-photos.fifo";
    public static final String WORKS = "council-inbox-works.fifo";
    public static final String BUCKET = "council-inbox-photos";
    public static final int MAX_RECEIVES = 5;
    /** The table's key attributes and its global secondary indexes (projection ALL), as created here. */
    public static final List<String> KEY = List.of(PK, SK);
    public static final List<CapacityUnits.Index> INDEXES =
            List.of(new CapacityUnits.Index(GSI1, GSI1_PK, GSI1_SK), new CapacityUnits.Index(GSI2, GSI2_PK, GSI2_SK),
                    new CapacityUnits.Index(GSI3, GSI3_PK, GSI3_SK));

    /** The queue URLs and names the functions are configured with. */
    public record Resources(String table, String inboundQueueUrl, String inboundDlqUrl, String outboundQueueUrl,
            String outboundDlqUrl, String photosQueueUrl, String photosDlqUrl, String bucket, String worksQueueUrl, String worksDlqUrl) {}

    private Provisioning() {}

    public static Resources provision(Emulators emulators, int visibilityTimeoutSeconds) {
        Resources resources = provision(emulators.dynamoEndpoint(), emulators.sqsEndpoint(), visibilityTimeoutSeconds);
        try (S3Client s3 = s3(emulators.s3Endpoint())) {
            createBucket(s3);
        }
        return resources;
    }

    /** The same on an explicit pair of endpoints (bench/SqsEmulatorBench puts one moto beside two SQS emulators). */
    public static Resources provision(URI dynamoEndpoint, URI sqsEndpoint, int visibilityTimeoutSeconds) {
        try (DynamoDbClient dynamo = dynamo(dynamoEndpoint); SqsClient sqs = sqs(sqsEndpoint)) {
            createTable(dynamo);
            String inboundDlq = createQueue(sqs, dlqName(INBOUND), Map.of());
            String outboundDlq = createQueue(sqs, dlqName(OUTBOUND), Map.of());
            String inbound = createQueue(sqs, INBOUND, redrive(sqs, inboundDlq, visibilityTimeoutSeconds));
            String outbound = createQueue(sqs, OUTBOUND, redrive(sqs, outboundDlq, visibilityTimeoutSeconds));
            String photosDlq = createQueue(sqs, dlqName(PHOTOS), Map.of());
            String photos = createQueue(sqs, PHOTOS, redrive(sqs, photosDlq, visibilityTimeoutSeconds));
            String worksDlq = createQueue(sqs, dlqName(WORKS), Map.of());
            String works = createQueue(sqs, WORKS, redrive(sqs, worksDlq, visibilityTimeoutSeconds));
            return new Resources(TABLE, inbound, inboundDlq, outbound, outboundDlq, photos, photosDlq, BUCKET, works, worksDlq);
        }
    }

    /** Configuration that points the application at the emulators (property names as in application.properties). */
    public static Map<String, String> appConfig(Emulators emulators, Resources resources) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String service : new String[] {"dynamodb", "sqs", "s3"}) {
            URI endpoint = switch (service) {
                case "dynamodb" -> emulators.dynamoEndpoint();
                case "sqs" -> emulators.sqsEndpoint();
                default -> emulators.s3Endpoint();
            };
            config.put("quarkus." + service + ".endpoint-override", endpoint.toString());
            config.put("quarkus." + service + ".aws.region", Emulators.REGION);
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", "local");
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", "local");
        }
        config.put("inbox.table", resources.table());
        config.put("inbox.inbound-queue-url", resources.inboundQueueUrl());
        config.put("inbox.outbound-queue-url", resources.outboundQueueUrl());
        // moto answers on one host: path-style addresses (bucket in the path), as LocalStack also accepts.
        config.put("quarkus.s3.path-style-access", "true");
        config.put("inbox.photos.queue-url", resources.photosQueueUrl());
        config.put("inbox.photos.bucket", resources.bucket());
        config.put("inbox.photos.origin", origin(emulators.s3Endpoint()));
        config.put("works.queue-url", resources.worksQueueUrl());
        return config;
    }

    /** An endpoint's origin (scheme, host and port), as a Content-Security-Policy source. */
    private static String origin(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getAuthority();
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(Emulators.REGION)).forcePathStyle(true)
                .credentialsProvider(LOCAL_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /**
     * The photos bucket as template.yaml makes it, as far as the tests rely on it: private and encrypted by default
     * (the lifecycle rule is the template's alone); nothing happens where it exists already.
     */
    public static void createBucket(S3Client s3) {
        try {
            s3.createBucket(b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(Emulators.REGION)));
        } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException alreadyThere) {
            return;
        }
        s3.putPublicAccessBlock(b -> b.bucket(BUCKET).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)));
        s3.putBucketEncryption(b -> b.bucket(BUCKET).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
    }

    public static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(Emulators.REGION))
                .credentialsProvider(LOCAL_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** A client whose calls {@code interceptor} sees (to count what they read, or to fail some on purpose). */
    public static DynamoDbClient dynamo(URI endpoint, software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(Emulators.REGION))
                .credentialsProvider(LOCAL_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(Emulators.REGION))
                .credentialsProvider(LOCAL_CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    /** The table as template.yaml defines it, with its TTL; nothing happens where it exists already. */
    public static void createTable(DynamoDbClient dynamo) {
        try {
            dynamo.createTable(b -> b.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(stringKey(PK), stringKey(SK), stringKey(GSI1_PK), stringKey(GSI1_SK),
                            stringKey(GSI2_PK), stringKey(GSI2_SK), stringKey(GSI3_PK), stringKey(GSI3_SK))
                    .keySchema(k -> k.attributeName(PK).keyType(KeyType.HASH), k -> k.attributeName(SK).keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(INDEXES.stream().map(Provisioning::index).toList()));
            dynamo.updateTimeToLive(b -> b.tableName(TABLE).timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
        } catch (ResourceInUseException alreadyThere) {
            // Provisioning twice is fine.
        }
    }

    private static AttributeDefinition stringKey(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static GlobalSecondaryIndex index(CapacityUnits.Index index) {
        return GlobalSecondaryIndex.builder().indexName(index.name())
                .keySchema(k -> k.attributeName(index.partitionKey()).keyType(KeyType.HASH),
                        k -> k.attributeName(index.sortKey()).keyType(KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static String dlqName(String queue) {
        return queue.replace(".fifo", "-dlq.fifo");
    }

    private static Map<QueueAttributeName, String> redrive(SqsClient sqs, String dlqUrl, int visibilityTimeoutSeconds) {
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return Map.of(
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds));
    }

    private static String createQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> extra) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>(extra);
        attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        try {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException differentSettings) {
            // Provisioned before with other settings (another visibility timeout): take this run's.
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            attributes.remove(QueueAttributeName.FIFO_QUEUE);
            if (!attributes.isEmpty()) {
                sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            }
            return url;
        }
    }
}
