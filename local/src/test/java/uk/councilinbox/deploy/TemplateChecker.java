package uk.councilinbox.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.councilinbox.cases.dynamo.TableLayout;
import uk.councilinbox.local.FunctionProcess;
import uk.councilinbox.local.Project;
import uk.councilinbox.local.Provisioning;

/**
 * Checks template.yaml against the code: the handlers that exist, the environment application.properties
 * reads, the table layout and queue settings the code and the local emulators use, and least-privilege
 * IAM. Every check is recorded with the resource it looked at, so a failure names it.
 */
final class TemplateChecker {

    /** One check: the template resource (or class) it looked at, what it checked, and why it failed. */
    record Check(String resource, String what, boolean ok, String problem) {
        @Override
        public String toString() {
            return resource + ": " + what + (ok ? "" : " -- " + problem);
        }
    }

    /**
     * Names agreed for issue 7 that application.properties does not read yet (they are being added on
     * main). The template may set them; each one is reported as a notice. Once application.properties
     * reads a name, the usual rules apply to it and it can be removed from here.
     */
    static final Set<String> AGREED_NOT_YET_READ = Set.of();

    /** Set by the template for the JVM and the Quarkus Lambda runtime, not for the application. */
    /** Read by the JVM, Quarkus's launcher or a library rather than application.properties (Powertools' metrics namespace: BatchMetrics). */
    static final Set<String> RUNTIME_ENV = Set.of("JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS", "POWERTOOLS_METRICS_NAMESPACE");

    /**
     * Which function needs which secret, by what the function does (not by its name): the webhook
     * verifies signatures and handshakes; the sender calls the platforms' send APIs.
     */
    static final Map<String, Set<String>> SECRETS_BY_ROLE = Map.of(
            Roles.WEBHOOK, Set.of("META_APP_SECRET", "META_VERIFY_TOKEN", "X_CONSUMER_SECRET"),
            Roles.SENDER, Set.of("META_PAGE_ACCESS_TOKEN", "INSTAGRAM_ACCESS_TOKEN", "WHATSAPP_ACCESS_TOKEN", "X_ACCESS_TOKEN"),
            Roles.PHOTOS, Set.of("WHATSAPP_ACCESS_TOKEN", "X_CONSUMER_SECRET", "X_OAUTH1_ACCESS_TOKEN", "X_OAUTH1_TOKEN_SECRET"),
            Roles.STAFF_API, Set.of("PHOTOS_LINK_SECRET", "OPEN311_API_KEY"),
            Roles.WORKS, Set.of("WORKS_HIGHWAYS_API_KEY"),
            Roles.WORKS_SENDER, Set.of("PHOTOS_LINK_SECRET"),
            Roles.RESIDENTS, Set.of("RESIDENT_KEY_SECRET", "RESIDENT_KEY_PREVIOUS_SECRET"));

    /** What a function does, read from its events. */
    static final class Roles {
        static final String WEBHOOK = "serves /webhooks/";
        static final String SENDER = "consumes the outbound queue";
        static final String PHOTOS = "consumes the photos queue (downloads media from the platforms)";
        static final String STAFF_API = "serves /api/ and /open311/ (signs photo links, checks the Open311 key)";
        static final String WORKS = "calls the works system (consumes the works queue, or fetches its changes)";
        static final String WORKS_SENDER = "consumes the works queue (signs the links to reports' photos)";
        static final String RESIDENTS = "knows residents by pseudonym (uses the table, or sends to the inbound or outbound queue)";

        private Roles() {}
    }

    private static final String SIGN_IN_SETTINGS = "/api/sign-in";
    // An address (OIDC_TOKEN_ENDPOINT) is not a secret, whatever its name says.
    private static final Pattern SECRET_NAME = Pattern.compile("(?!.*_ENDPOINT$).*(SECRET|TOKEN|API_KEY).*");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");
    private static final Set<String> KNOWN_ACTIONS = Set.of(
            "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:BatchWriteItem", "dynamodb:Scan",
            "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
            "sqs:ChangeMessageVisibility", "logs:CreateLogStream", "logs:PutLogEvents",
            "s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:ListBucket");
    private static final Set<String> POLLER_ACTIONS = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    private final Map<String, Object> template;
    private final AppConfig config;
    private final Map<String, HandlerScan.Handler> handlers;
    private final Set<String> httpOperations;
    private final List<String> manifestAddOpens;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    /**
     * @param httpOperations the HTTP function's JAX-RS operations ("GET /api/cases"), which API Gateway must route
     * @param manifestAddOpens the Add-Opens of the function.zips' manifests when they have been built
     *     (the local runner passes exactly these), or null when it has not
     */
    TemplateChecker(Map<String, Object> template, AppConfig config, Map<String, HandlerScan.Handler> handlers,
            Set<String> httpOperations, List<String> manifestAddOpens) {
        this.template = template;
        this.config = config;
        this.handlers = handlers;
        this.httpOperations = httpOperations;
        this.manifestAddOpens = manifestAddOpens;
    }

    List<Check> checks() {
        return checks;
    }

    List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    List<String> notices() {
        return notices;
    }

    /** Resources (and classes) checked, with how many checks each. */
    Map<String, Long> checkedResources() {
        return checks.stream().collect(Collectors.groupingBy(Check::resource, TreeMap::new, Collectors.counting()));
    }

    TemplateChecker run() {
        checkGlobals();
        checkHandlers();
        checkReferences();
        checkEnvironment();
        checkQueueUrls();
        checkIam();
        checkTable();
        checkQueues();
        checkBuckets();
        checkHttpApi();
        checkLogGroups();
        checkAlarms();
        checkOutputs();
        return this;
    }

    // ------------------------------------------------------------------------------------- globals

    private void checkGlobals() {
        check("Template", "is a SAM template", "AWS::Serverless-2016-10-31".equals(template.get("Transform")),
                "Transform is " + template.get("Transform"));
        for (String fn : functions().keySet()) {
            check(fn, "runtime java25", "java25".equals(prop(fn, "Runtime")), "Runtime is " + prop(fn, "Runtime"));
            String lambdaHandler = isQuarkusRestFunction(fn) ? FunctionProcess.HTTP_LAMBDA_HANDLER : FunctionProcess.LAMBDA_HANDLER;
            check(fn, "handler is the one the local runner uses (" + lambdaHandler + ")",
                    lambdaHandler.equals(prop(fn, "Handler")), "Handler is " + prop(fn, "Handler"));
            Object named = env(fn).get("QUARKUS_LAMBDA_HANDLER");
            String module = isQuarkusRestFunction(fn) ? Project.HTTP_API : Project.moduleOf(String.valueOf(named));
            String code = module + "/target/function.zip";
            check(fn, "code is " + code + (isQuarkusRestFunction(fn) ? " (Quarkus REST, HttpApi events)" : " (named handler " + named + ")"),
                    code.equals(prop(fn, "CodeUri")), "CodeUri is " + prop(fn, "CodeUri"));
            check(fn, "SnapStart on published versions",
                    "PublishedVersions".equals(map(prop(fn, "SnapStart")).get("ApplyOn")), "SnapStart is " + prop(fn, "SnapStart"));
            check(fn, "AutoPublishAlias set (SnapStart runs on versions only)", prop(fn, "AutoPublishAlias") != null,
                    "no AutoPublishAlias");
            check(fn, "one architecture", list(prop(fn, "Architectures")).size() == 1, "Architectures " + prop(fn, "Architectures"));
            String toolOptions = String.valueOf(env(fn).get("JAVA_TOOL_OPTIONS"));
            List<String> opens = new ArrayList<>(List.of("java.base/java.lang"));
            if (manifestAddOpens != null) {
                opens.addAll(manifestAddOpens);
            }
            for (String open : new LinkedHashSet<>(opens)) {
                String flag = "--add-opens=" + open + "=ALL-UNNAMED";
                check(fn, "JAVA_TOOL_OPTIONS has " + flag, toolOptions.contains(flag), "JAVA_TOOL_OPTIONS is " + toolOptions);
            }
            check(fn, "JAVA_TOOL_OPTIONS has -XX:TieredStopAtLevel=1", toolOptions.contains("-XX:TieredStopAtLevel=1"),
                    "JAVA_TOOL_OPTIONS is " + toolOptions);
            check(fn, "DISABLE_SIGNAL_HANDLERS=true", "true".equals(String.valueOf(env(fn).get("DISABLE_SIGNAL_HANDLERS"))),
                    "DISABLE_SIGNAL_HANDLERS is " + env(fn).get("DISABLE_SIGNAL_HANDLERS"));
        }
        if (manifestAddOpens == null) {
            notices.add("function.zip not built: JAVA_TOOL_OPTIONS checked for java.lang only, not against its manifest's Add-Opens");
        }
        for (String handler : List.of(FunctionProcess.LAMBDA_HANDLER, FunctionProcess.HTTP_LAMBDA_HANDLER)) {
            String className = handler.substring(0, handler.indexOf("::"));
            boolean exists;
            try {
                Class<?> type = Class.forName(className, false, getClass().getClassLoader());
                type.getMethod(handler.substring(handler.indexOf("::") + 2), InputStream.class, OutputStream.class, Context.class);
                exists = true;
            } catch (ReflectiveOperationException e) {
                exists = false;
            }
            check(className, "exists with handleRequest(InputStream, OutputStream, Context)", exists, "not on the class path");
        }
    }

    // ------------------------------------------------------------------------------------- (a) handlers

    /**
     * The HTTP function: API Gateway calls it and it names no handler bean (Quarkus REST has the one handler).
     * The webhook function is also called by API Gateway, but through a named handler of its own.
     */
    private boolean isQuarkusRestFunction(String fn) {
        return env(fn).get("QUARKUS_LAMBDA_HANDLER") == null
                && events(fn).values().stream().anyMatch(e -> "HttpApi".equals(e.get("Type")));
    }

    private void checkHandlers() {
        Map<String, String> deployedBy = new TreeMap<>();
        for (String fn : functions().keySet()) {
            Object name = env(fn).get("QUARKUS_LAMBDA_HANDLER");
            if (isQuarkusRestFunction(fn)) {
                checkHttpEvents(fn);
                continue;
            }
            HandlerScan.Handler handler = name == null ? null : handlers.get(name.toString());
            check(fn, "QUARKUS_LAMBDA_HANDLER '" + name + "' names a @Named RequestHandler in the deployables classes", handler != null,
                    "handlers in the code are " + handlers.keySet());
            if (handler == null) {
                continue;
            }
            deployedBy.merge(handler.name(), fn, (a, b) -> a + ", " + b);
            Map<String, Map<String, Object>> events = events(fn);
            Set<String> eventTypes = events.values().stream().map(e -> String.valueOf(e.get("Type"))).collect(Collectors.toSet());
            if (handler.input() == SQSEvent.class) {
                check(fn, "handler " + handler.type().getSimpleName() + " takes SQSEvent: exactly one SQS event source",
                        eventTypes.equals(Set.of("SQS")) && events.size() == 1, "events are " + eventTypes);
                if (handler.output() == SQSBatchResponse.class) {
                    for (var event : events.values()) {
                        check(fn, "handler returns SQSBatchResponse: FunctionResponseTypes has ReportBatchItemFailures",
                                list(map(event.get("Properties")).get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                                "without it Lambda ignores the partial-batch response and treats failed messages as done");
                    }
                }
            } else if (handler.input() == APIGatewayV2HTTPEvent.class) {
                check(fn, "handler " + handler.type().getSimpleName() + " takes API Gateway events: in the webhooks module",
                        Project.moduleOf(handler.name()).equals(Project.WEBHOOKS), "an HTTP handler among the workers");
                checkHttpEvents(fn);
            } else {
                check(fn, "handler " + handler.type().getSimpleName() + " takes SQS or scheduled events: no HttpApi event",
                        !eventTypes.contains("HttpApi"), "events are " + eventTypes);
            }
        }
        for (HandlerScan.Handler handler : handlers.values()) {
            check(handler.type().getName(), "@Named(\"" + handler.name() + "\") RequestHandler is deployed by a function",
                    deployedBy.containsKey(handler.name()), "no function sets QUARKUS_LAMBDA_HANDLER=" + handler.name());
        }
    }

    /** A function API Gateway calls takes only its HTTP API's events, in payload format 2.0. */
    private void checkHttpEvents(String fn) {
        Map<String, Map<String, Object>> events = events(fn);
        Set<String> eventTypes = events.values().stream().map(e -> String.valueOf(e.get("Type"))).collect(Collectors.toSet());
        check(fn, "only HttpApi events", eventTypes.equals(Set.of("HttpApi")), "events are " + eventTypes);
        for (var event : events.entrySet()) {
            Object format = map(event.getValue().get("Properties")).getOrDefault("PayloadFormatVersion", "2.0");
            check(fn + "." + event.getKey(), "payload format 2.0", "2.0".equals(String.valueOf(format)), "PayloadFormatVersion is " + format);
        }
    }

    // ------------------------------------------------------------------------------------- (c) references

    private void checkReferences() {
        Set<String> names = new TreeSet<>(resources().keySet());
        names.addAll(map(template.get("Parameters")).keySet());
        Set<String> conditions = map(template.get("Conditions")).keySet();
        for (String section : List.of("Globals", "Conditions", "Resources", "Outputs")) {
            for (var entry : map(template.get(section)).entrySet()) {
                String where = section.equals("Resources") || section.equals("Outputs") ? entry.getKey() : section + "." + entry.getKey();
                List<String> missing = new ArrayList<>();
                walkReferences(entry.getValue(), Set.of(), ref -> {
                    if (!ref.startsWith("AWS::") && !names.contains(ref)) {
                        missing.add(ref);
                    }
                }, cond -> {
                    if (!conditions.contains(cond)) {
                        missing.add("condition " + cond);
                    }
                });
                if (entry.getValue() instanceof Map<?, ?> body && body.get("Condition") instanceof String cond
                        && !conditions.contains(cond)) {
                    missing.add("condition " + cond);
                }
                check(where, "every !Ref, !GetAtt, ${} and condition points at something that exists", missing.isEmpty(),
                        "unknown: " + missing);
            }
        }
    }

    private void walkReferences(Object node, Set<String> localVariables, java.util.function.Consumer<String> ref,
            java.util.function.Consumer<String> condition) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("Ref")) {
                ref.accept(String.valueOf(m.get("Ref")));
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
                ref.accept(String.valueOf(list(m.get("Fn::GetAtt")).getFirst()));
                return;
            }
            if (m.size() == 1 && m.containsKey("Condition")) {
                condition.accept(String.valueOf(m.get("Condition")));
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::If")) {
                List<Object> args = list(m.get("Fn::If"));
                condition.accept(String.valueOf(args.getFirst()));
                args.stream().skip(1).forEach(a -> walkReferences(a, localVariables, ref, condition));
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text;
                Set<String> locals = new LinkedHashSet<>(localVariables);
                if (sub instanceof List<?> form) {
                    text = String.valueOf(form.get(0));
                    Map<String, Object> variables = form.size() > 1 ? map(form.get(1)) : Map.of();
                    locals.addAll(variables.keySet());
                    variables.values().forEach(v -> walkReferences(v, localVariables, ref, condition));
                } else {
                    text = String.valueOf(sub);
                }
                Matcher v = SUB_VARIABLE.matcher(text);
                while (v.find()) {
                    String name = v.group(1).split("\\.")[0];
                    if (!locals.contains(name)) {
                        ref.accept(name);
                    }
                }
                return;
            }
            m.values().forEach(v -> walkReferences(v, localVariables, ref, condition));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walkReferences(v, localVariables, ref, condition));
        }
    }

    // ------------------------------------------------------------------------------------- (b) environment

    private void checkEnvironment() {
        Map<String, Set<String>> setBy = new TreeMap<>();
        for (String fn : functions().keySet()) {
            Map<String, Object> env = env(fn);
            for (var entry : env.entrySet()) {
                String name = entry.getKey();
                setBy.computeIfAbsent(name, k -> new TreeSet<>()).add(fn);
                if (RUNTIME_ENV.contains(name)) {
                    continue;
                }
                if (!config.reads(name) && AGREED_NOT_YET_READ.contains(name)) {
                    notices.add(fn + " sets " + name + ", agreed for issue 7 but not read by application.properties yet");
                    continue;
                }
                check(fn, "env " + name + " is read by application.properties", config.reads(name),
                        "application.properties has no ${" + name + ":...} and no property of that name: a misspelt or stale variable");
                check(fn, "env " + name + " has a value", !String.valueOf(entry.getValue()).isBlank(), "empty value");
            }
            // Secrets: from a dynamic reference, and only to the functions whose work needs them.
            Set<String> roles = roles(fn);
            Set<String> needed = roles.stream().flatMap(r -> SECRETS_BY_ROLE.get(r).stream()).collect(Collectors.toSet());
            for (String secret : needed) {
                check(fn, "has secret " + secret + " (it " + roles + ")", env.containsKey(secret), "missing");
            }
            for (var entry : env.entrySet()) {
                if (SECRET_NAME.matcher(entry.getKey()).matches()) {
                    check(fn, "secret " + entry.getKey() + " comes from Secrets Manager/SSM by dynamic reference",
                            isDynamicReference(entry.getValue()), "value is " + entry.getValue());
                    check(fn, "secret " + entry.getKey() + " is needed by this function (it " + roles + ")",
                            needed.contains(entry.getKey()), "a function gets only the secrets its work needs");
                }
            }
        }
        for (AppConfig.EnvRead read : config.envReads().values()) {
            Set<String> setters = setBy.getOrDefault(read.name(), Set.of());
            switch (read.need()) {
                case EVERY_FUNCTION -> {
                    Set<String> without = new TreeSet<>(functions().keySet());
                    without.removeAll(setters);
                    check(read.name(), "set on every function (" + read.property() + " is mandatory and has no value otherwise: start-up fails)",
                            without.isEmpty(), "not set on " + without);
                }
                case LOCAL_DEFAULT -> check(read.name(), "set by the template (" + read.property() + "'s default '"
                        + read.defaultValue() + "' is no production value)", !setters.isEmpty(), "no function sets it");
                case SAFE_DEFAULT -> { }
            }
            if (SECRET_NAME.matcher(read.name()).matches()) {
                check(read.name(), "secret read by application.properties is assigned to a function role",
                        SECRETS_BY_ROLE.values().stream().anyMatch(s -> s.contains(read.name())),
                        "add it to TemplateChecker.SECRETS_BY_ROLE for the function whose work needs it");
            }
        }
        // The table name: set exactly where the function may use the table, and naming the table.
        String tableVar = tableEnvName();
        String table = single("AWS::DynamoDB::Table");
        for (String fn : functions().keySet()) {
            boolean sets = env(fn).containsKey(tableVar);
            boolean uses = iamStatements(fn).stream().anyMatch(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")));
            check(fn, tableVar + " set if and only if the role may use DynamoDB", sets == uses,
                    (sets ? "sets " : "does not set ") + tableVar + (uses ? " but" : " and") + " the role " + (uses ? "uses" : "has no") + " DynamoDB");
            if (sets) {
                check(fn, tableVar + " is !Ref " + table, table != null && table.equals(refOf(env(fn).get(tableVar))),
                        "value is " + env(fn).get(tableVar));
            }
        }
    }

    /** The variable whose local default is the local table name (INBOX_TABLE). */
    private String tableEnvName() {
        return config.envReads().values().stream().filter(r -> Provisioning.TABLE.equals(r.defaultValue()))
                .map(AppConfig.EnvRead::name).findFirst().orElse("INBOX_TABLE");
    }

    private static boolean isDynamicReference(Object value) {
        String text = value instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String s ? s : String.valueOf(value);
        return text.startsWith("{{resolve:secretsmanager:") || text.startsWith("{{resolve:ssm:")
                || text.startsWith("{{resolve:ssm-secure:");
    }

    // ------------------------------------------------------------------------------------- (c) queue URLs

    private void checkQueueUrls() {
        Pattern queueUrl = Pattern.compile("([A-Z]+)_QUEUE_URL");
        for (String fn : functions().keySet()) {
            for (var entry : env(fn).entrySet()) {
                Matcher m = queueUrl.matcher(entry.getKey());
                if (!m.matches()) {
                    continue;
                }
                String suffix = "-" + m.group(1).toLowerCase() + ".fifo";
                check(entry.getKey(), "is the queue name the local emulators use (" + suffix + ")",
                        Provisioning.INBOUND.endsWith(suffix) || Provisioning.OUTBOUND.endsWith(suffix) || Provisioning.PHOTOS.endsWith(suffix)
                                || Provisioning.WORKS.endsWith(suffix),
                        "no such local queue");
                String queue = refOf(entry.getValue());
                check(fn, entry.getKey() + " is !Ref of the queue named *" + suffix,
                        queue != null && queueName(queue).endsWith(suffix), "points at " + queue + " (" + queueName(queue) + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------- (d) IAM

    private void checkIam() {
        String table = single("AWS::DynamoDB::Table");
        Set<String> indexes = list(props(table).get("GlobalSecondaryIndexes")).stream()
                .map(i -> String.valueOf(map(i).get("IndexName"))).collect(Collectors.toSet());
        String inbound = queueBySuffix(suffixOf(Provisioning.INBOUND));
        String outbound = queueBySuffix(suffixOf(Provisioning.OUTBOUND));
        for (String fn : functions().keySet()) {
            String role = roleOf(fn);
            check(fn, "has its own explicit IAM role (SAM would add managed policies with Resource \"*\")",
                    role != null && functions().get(fn).get("Properties") instanceof Map<?, ?> p && !p.containsKey("Policies"),
                    "Role is " + prop(fn, "Role"));
            if (role == null) {
                continue;
            }
            Map<String, Object> roleProps = props(role);
            check(role, "only Lambda may assume it", String.valueOf(roleProps.get("AssumeRolePolicyDocument"))
                    .contains("lambda.amazonaws.com") && !String.valueOf(roleProps.get("AssumeRolePolicyDocument")).contains("AWS="),
                    "trust policy is " + roleProps.get("AssumeRolePolicyDocument"));
            check(role, "no managed policies (they grant on \"*\")", !roleProps.containsKey("ManagedPolicyArns"),
                    "ManagedPolicyArns " + roleProps.get("ManagedPolicyArns"));
            String logGroup = refOf(map(prop(fn, "LoggingConfig")).get("LogGroup"));
            String eventQueue = eventQueueOf(fn).orElse(null);
            Set<String> urlQueues = env(fn).entrySet().stream().filter(e -> e.getKey().endsWith("_QUEUE_URL"))
                    .map(e -> refOf(e.getValue())).filter(Objects::nonNull).collect(Collectors.toSet());
            Map<String, Set<String>> granted = new TreeMap<>(); // action -> resources (logical id[/suffix])
            for (Map<String, Object> statement : iamStatements(fn)) {
                String sid = role + "." + statement.getOrDefault("Sid", "statement");
                check(sid, "plain Allow on Action/Resource", "Allow".equals(statement.get("Effect"))
                        && !statement.containsKey("NotAction") && !statement.containsKey("NotResource"), "statement " + statement);
                List<String> actions = actions(statement);
                for (String action : actions) {
                    check(sid, "action " + action + " is specific", !action.contains("*"), "wildcard action");
                    check(sid, "action " + action + " is a real IAM action this application needs", KNOWN_ACTIONS.contains(action),
                            action.startsWith("dynamodb:Transact")
                                    ? "no such IAM action: transactions are authorised per item (PutItem, UpdateItem, DeleteItem, ConditionCheckItem)"
                                    : "not in " + KNOWN_ACTIONS);
                }
                for (Object resource : listOrOne(statement.get("Resource"))) {
                    String target = arnTarget(resource);
                    check(sid, "resource " + render(resource) + " is a resource of this stack, not \"*\" or a literal ARN",
                            target != null, "use !GetAtt X.Arn or !Sub '${X.Arn}/...'");
                    if (target == null) {
                        continue;
                    }
                    String id = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
                    String suffix = target.substring(id.length());
                    for (String action : actions) {
                        granted.computeIfAbsent(action, k -> new TreeSet<>()).add(target);
                        String service = action.substring(0, action.indexOf(':'));
                        boolean allowed = switch (service) {
                            case "dynamodb" -> id.equals(table) && (suffix.isEmpty()
                                    || suffix.startsWith("/index/") && indexes.contains(suffix.substring(7)));
                            case "logs" -> id.equals(logGroup) && suffix.isEmpty();
                            case "sqs" -> suffix.isEmpty() && (action.equals("sqs:SendMessage")
                                    ? urlQueues.contains(id) && !id.equals(eventQueue)
                                    : id.equals(eventQueue));
                            // The bucket it is given (PHOTOS_BUCKET), and within it only the cases' objects.
                            case "s3" -> id.equals(refOf(env(fn).get("PHOTOS_BUCKET")))
                                    && (action.equals("s3:ListBucket") ? suffix.isEmpty() : suffix.equals("/cases/*"));
                            default -> false;
                        };
                        check(sid, action + " on " + target + " is within what " + fn + " uses", allowed,
                                "allowed: table " + table + " and its indexes " + indexes + " for dynamodb; own log group " + logGroup
                                        + "; queue URLs it is given " + urlQueues + " for SendMessage (not its own event queue);"
                                        + " its event queue " + eventQueue + " for polling");
                    }
                }
            }
            check(fn, "may write its logs to " + logGroup, granted.getOrDefault("logs:CreateLogStream", Set.of()).contains(logGroup)
                    && granted.getOrDefault("logs:PutLogEvents", Set.of()).contains(logGroup), "granted " + granted.keySet());
            if (eventQueue != null) {
                for (String action : POLLER_ACTIONS) {
                    check(fn, "event source mapping may " + action + " on " + eventQueue,
                            granted.getOrDefault(action, Set.of()).contains(eventQueue), "missing");
                }
            }
            boolean dynamo = granted.keySet().stream().anyMatch(a -> a.startsWith("dynamodb:"));
            if (roles(fn).contains(Roles.WEBHOOK)) {
                check(fn, "webhook function has no DynamoDB access", !dynamo, "granted " + granted.keySet());
                check(fn, "webhook function may send to the inbound queue " + inbound,
                        granted.getOrDefault("sqs:SendMessage", Set.of()).contains(inbound), "granted " + granted);
            }
            if (inbound != null && inbound.equals(eventQueue)) {
                check(fn, "inbound consumer may send to the outbound queue " + outbound,
                        granted.getOrDefault("sqs:SendMessage", Set.of()).contains(outbound), "granted " + granted);
            }
        }
    }

    /** "X" for !GetAtt X.Arn / !Ref X, "X/rest" for !Sub '${X.Arn}/rest'; null for anything else. */
    private static String arnTarget(Object resource) {
        if (resource instanceof Map<?, ?> m) {
            if (m.get("Fn::GetAtt") instanceof List<?> att && "Arn".equals(att.get(1))) {
                return String.valueOf(att.get(0));
            }
            if (m.get("Fn::Sub") instanceof String text) {
                Matcher sub = Pattern.compile("^\\$\\{([A-Za-z0-9]+)\\.Arn}(/[A-Za-z0-9_.\\-/*]+)?$").matcher(text);
                if (sub.matches()) {
                    return sub.group(1) + (sub.group(2) == null ? "" : sub.group(2));
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------- buckets

    /** Residents' photos are personal data: every bucket private, encrypted, TLS only, and emptied by retention. */
    private void checkBuckets() {
        for (String bucket : ofType("AWS::S3::Bucket")) {
            Map<String, Object> props = props(bucket);
            Map<String, Object> block = map(props.get("PublicAccessBlockConfiguration"));
            check(bucket, "blocks every kind of public access", List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                    "RestrictPublicBuckets").stream().allMatch(k -> Boolean.TRUE.equals(block.get(k))), "PublicAccessBlockConfiguration " + block);
            check(bucket, "encrypted by default", String.valueOf(props.get("BucketEncryption")).contains("SSEAlgorithm"),
                    "BucketEncryption " + props.get("BucketEncryption"));
            check(bucket, "ACLs off (bucket owner enforced)", String.valueOf(props.get("OwnershipControls")).contains("BucketOwnerEnforced"),
                    "OwnershipControls " + props.get("OwnershipControls"));
            check(bucket, "objects expire after the case retention (a lifecycle rule on CaseRetentionDays)",
                    String.valueOf(props.get("LifecycleConfiguration")).contains("ExpirationInDays={Ref=CaseRetentionDays}"),
                    "LifecycleConfiguration " + props.get("LifecycleConfiguration"));
            check(bucket, "not deleted with the stack (evidence, like the table)", "Retain".equals(map(resources().get(bucket)).get("DeletionPolicy")),
                    "DeletionPolicy " + map(resources().get(bucket)).get("DeletionPolicy"));
            boolean tlsOnly = ofType("AWS::S3::BucketPolicy").stream().map(this::props)
                    .filter(p -> bucket.equals(refOf(p.get("Bucket"))))
                    .anyMatch(p -> String.valueOf(p.get("PolicyDocument")).contains("aws:SecureTransport=false")
                            && String.valueOf(p.get("PolicyDocument")).contains("Effect=Deny"));
            check(bucket, "a bucket policy denies requests without TLS", tlsOnly, "no such policy");
        }
    }

    // ------------------------------------------------------------------------------------- (e) table

    private void checkTable() {
        List<String> tables = ofType("AWS::DynamoDB::Table");
        check("Template", "exactly one DynamoDB table (single-table design)", tables.size() == 1, "tables " + tables);
        if (tables.size() != 1) {
            return;
        }
        String t = tables.getFirst();
        Map<String, Object> p = props(t);
        check(t, "key schema " + TableLayout.PK + " HASH, " + TableLayout.SK + " RANGE (TableLayout)",
                keySchema(p.get("KeySchema")).equals(List.of(TableLayout.PK + " HASH", TableLayout.SK + " RANGE")),
                "KeySchema " + keySchema(p.get("KeySchema")));
        Map<String, String> attributes = new TreeMap<>();
        list(p.get("AttributeDefinitions")).forEach(a -> attributes.put(String.valueOf(map(a).get("AttributeName")),
                String.valueOf(map(a).get("AttributeType"))));
        Map<String, String> expectedAttributes = new TreeMap<>();
        for (String key : List.of(TableLayout.PK, TableLayout.SK, TableLayout.GSI1_PK, TableLayout.GSI1_SK,
                TableLayout.GSI2_PK, TableLayout.GSI2_SK, TableLayout.GSI3_PK, TableLayout.GSI3_SK)) {
            expectedAttributes.put(key, "S");
        }
        check(t, "string key attributes " + expectedAttributes.keySet(), attributes.equals(expectedAttributes),
                "AttributeDefinitions " + attributes);
        Map<String, List<String>> gsis = new TreeMap<>();
        for (Object gsi : list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> g = map(gsi);
            gsis.put(String.valueOf(g.get("IndexName")), keySchema(g.get("KeySchema")));
            check(t + "." + g.get("IndexName"), "projection ALL", "ALL".equals(map(g.get("Projection")).get("ProjectionType")),
                    "Projection " + g.get("Projection"));
        }
        Map<String, List<String>> expectedGsis = Map.of(
                TableLayout.GSI1, List.of(TableLayout.GSI1_PK + " HASH", TableLayout.GSI1_SK + " RANGE"),
                TableLayout.GSI2, List.of(TableLayout.GSI2_PK + " HASH", TableLayout.GSI2_SK + " RANGE"),
                TableLayout.GSI3, List.of(TableLayout.GSI3_PK + " HASH", TableLayout.GSI3_SK + " RANGE"));
        check(t, "GSIs as in TableLayout " + expectedGsis, gsis.equals(new TreeMap<>(expectedGsis)), "GSIs " + gsis);
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        check(t, "TTL on " + TableLayout.TTL, TableLayout.TTL.equals(ttl.get("AttributeName")) && Boolean.TRUE.equals(ttl.get("Enabled")),
                "TimeToLiveSpecification " + ttl);
        check(t, "on-demand (PAY_PER_REQUEST)", "PAY_PER_REQUEST".equals(p.get("BillingMode")), "BillingMode " + p.get("BillingMode"));
        check(t, "point-in-time recovery", Boolean.TRUE.equals(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")),
                "PointInTimeRecoverySpecification " + p.get("PointInTimeRecoverySpecification"));
        check(t, "server-side encryption", Boolean.TRUE.equals(map(p.get("SSESpecification")).get("SSEEnabled")),
                "SSESpecification " + p.get("SSESpecification"));
        if (p.containsKey("StreamSpecification")) {
            notices.add(t + " has a stream: make sure something consumes it");
        }
    }

    private static List<String> keySchema(Object schema) {
        return list(schema).stream().map(k -> map(k).get("AttributeName") + " " + map(k).get("KeyType")).toList();
    }

    // ------------------------------------------------------------------------------------- (e) queues

    private void checkQueues() {
        Map<String, String> consumers = new TreeMap<>();
        for (String fn : functions().keySet()) {
            eventQueueOf(fn).ifPresent(q -> consumers.merge(q, fn, (a, b) -> a + ", " + b));
        }
        Set<String> deadLetterQueues = new TreeSet<>();
        for (String q : ofType("AWS::SQS::Queue")) {
            Map<String, Object> p = props(q);
            check(q, "FIFO", Boolean.TRUE.equals(p.get("FifoQueue")) && queueName(q).endsWith(".fifo"), "FifoQueue " + p.get("FifoQueue"));
            check(q, "content-based deduplication off (the code sets deduplication ids)",
                    Boolean.FALSE.equals(p.get("ContentBasedDeduplication")), "ContentBasedDeduplication " + p.get("ContentBasedDeduplication"));
            check(q, "SQS-managed encryption", Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")), "SqsManagedSseEnabled " + p.get("SqsManagedSseEnabled"));
            Map<String, Object> redrive = map(p.get("RedrivePolicy"));
            if (redrive.isEmpty()) {
                continue;
            }
            check(q, "maxReceiveCount " + Provisioning.MAX_RECEIVES + " as the local emulators (Provisioning.MAX_RECEIVES)",
                    String.valueOf(Provisioning.MAX_RECEIVES).equals(String.valueOf(redrive.get("maxReceiveCount"))),
                    "maxReceiveCount " + redrive.get("maxReceiveCount"));
            String dlq = arnTarget(redrive.get("deadLetterTargetArn"));
            deadLetterQueues.add(dlq);
            String expectedName = queueName(q).replace(".fifo", "-dlq.fifo");
            check(q, "dead-letter queue is the FIFO queue *" + expectedName.substring(expectedName.lastIndexOf('-')) + " (as Provisioning names it)",
                    dlq != null && queueName(dlq).equals(expectedName), "deadLetterTargetArn " + redrive.get("deadLetterTargetArn"));
            String consumer = consumers.get(q);
            check(q, "consumed by exactly one function", consumer != null && !consumer.contains(","), "consumers: " + consumer);
            if (consumer == null || consumer.contains(",")) {
                continue;
            }
            Map<String, Object> event = map(events(consumer).values().iterator().next().get("Properties"));
            int batch = Integer.parseInt(String.valueOf(event.getOrDefault("BatchSize", 10)));
            int timeout = Integer.parseInt(String.valueOf(prop(consumer, "Timeout")));
            int visibility = Integer.parseInt(String.valueOf(p.getOrDefault("VisibilityTimeout", 30)));
            check(q, "visibility timeout " + visibility + " s >= 6 x " + consumer + " timeout " + timeout + " s", visibility >= 6 * timeout,
                    "AWS advises at least 6 times the function timeout");
            check(consumer, "batch size " + batch + " <= 10 (FIFO)", batch >= 1 && batch <= 10, "BatchSize " + batch);
            for (AppConfig.RestClient client : config.restClients().values()) {
                if (client.urlEnv().stream().anyMatch(env(consumer)::containsKey)) {
                    long worst = batch * client.worstCaseMillis();
                    check(consumer, "timeout " + timeout + " s covers a batch of " + batch + " calls to " + client.name()
                            + " at connect+read timeout " + client.worstCaseMillis() + " ms", worst < timeout * 1000L,
                            "a batch can take " + worst + " ms; a timed-out batch is retried whole and replies are sent twice");
                }
            }
        }
        for (String q : ofType("AWS::SQS::Queue")) {
            boolean source = props(q).containsKey("RedrivePolicy");
            check(q, "is a consumed queue with a DLQ, or a DLQ", source || deadLetterQueues.contains(q), "neither");
        }
        for (String fn : functions().keySet()) {
            Map<String, Object> event = null;
            for (var e : events(fn).values()) {
                if ("SQS".equals(e.get("Type"))) {
                    event = e;
                }
            }
            if (event == null) {
                for (AppConfig.RestClient client : config.restClients().values()) {
                    if (client.urlEnv().stream().anyMatch(env(fn)::containsKey)) {
                        int timeout = Integer.parseInt(String.valueOf(prop(fn, "Timeout")));
                        check(fn, "timeout " + timeout + " s covers a call to " + client.name(),
                                client.worstCaseMillis() < timeout * 1000L, "a call can take " + client.worstCaseMillis() + " ms");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------- HTTP API

    private void checkHttpApi() {
        List<String> apis = ofType("AWS::Serverless::HttpApi");
        check("Template", "exactly one HTTP API", apis.size() == 1, "HTTP APIs " + apis);
        if (apis.size() != 1) {
            return;
        }
        String api = apis.getFirst();
        Map<String, Object> p = props(api);
        Object cors = p.get("CorsConfiguration");
        check(api, "CORS off", cors == null || Boolean.FALSE.equals(cors), "CorsConfiguration " + cors);
        String accessLog = arnTarget(map(p.get("AccessLogSettings")).get("DestinationArn"));
        check(api, "access logs to a log group of the stack",
                accessLog != null && "AWS::Logs::LogGroup".equals(type(accessLog)), "AccessLogSettings " + p.get("AccessLogSettings"));
        Map<String, Object> throttling = map(p.get("DefaultRouteSettings"));
        check(api, "default route throttling", throttling.containsKey("ThrottlingBurstLimit") && throttling.containsKey("ThrottlingRateLimit"),
                "DefaultRouteSettings " + throttling);
        Map<String, Object> auth = map(p.get("Auth"));
        Map<String, Object> authorizers = map(auth.get("Authorizers"));
        Set<String> jwtAuthorizers = new TreeSet<>();
        for (var a : authorizers.entrySet()) {
            Map<String, Object> config = map(a.getValue());
            Map<String, Object> jwt = map(config.get("JwtConfiguration"));
            boolean ok = "$request.header.Authorization".equals(config.get("IdentitySource"))
                    && jwt.get("issuer") != null && !list(jwt.get("audience")).isEmpty();
            check(api + ".Auth." + a.getKey(), "JWT authorizer on the Authorization header with issuer and audience", ok,
                    "authorizer " + config);
            if (ok) {
                jwtAuthorizers.add(a.getKey());
            }
        }
        Object defaultAuthorizer = auth.get("DefaultAuthorizer");
        Set<String> routes = new TreeSet<>();
        for (String fn : functions().keySet()) {
            for (var e : events(fn).entrySet()) {
                if (!"HttpApi".equals(e.getValue().get("Type"))) {
                    continue;
                }
                Map<String, Object> ep = map(e.getValue().get("Properties"));
                String where = fn + "." + e.getKey();
                String path = String.valueOf(ep.get("Path"));
                String method = String.valueOf(ep.get("Method")).toUpperCase();
                routes.add(method + " " + path + " -> " + fn);
                check(where, "route on " + api, api.equals(refOf(ep.get("ApiId"))), "ApiId " + ep.get("ApiId"));
                check(where, "local-only route not deployed", !path.startsWith("/_local"), "path " + path);
                Object authorizer = map(ep.get("Auth")).getOrDefault("Authorizer", defaultAuthorizer);
                // GET /api/sign-in (the console's sign-in settings) is the one staff path read before there is a token.
                if ((path.startsWith("/api/") || path.equals("/api")) && !path.equals(SIGN_IN_SETTINGS)) {
                    check(where, method + " " + path + " requires a staff JWT", authorizer != null && jwtAuthorizers.contains(authorizer.toString()),
                            "Authorizer " + authorizer);
                } else {
                    check(where, method + " " + path + " is public on purpose (Authorizer: NONE)", "NONE".equals(String.valueOf(authorizer)),
                            "Authorizer " + authorizer + ": public routes say NONE explicitly");
                }
            }
        }
        for (String expected : List.of("GET /webhooks/{platform}", "POST /webhooks/{platform}", "ANY /api/{proxy+}")) {
            check(api, "has route " + expected, routes.stream().anyMatch(r -> r.startsWith(expected + " ")), "routes " + routes);
        }
        for (String operation : httpOperations) {
            check(api, "routes " + operation + " (a resource in http-api) to the HTTP function",
                    routes.stream().anyMatch(route -> routes(route, operation) && isQuarkusRestFunction(route.substring(route.indexOf("-> ") + 3))),
                    "routes " + routes);
        }
    }

    /** Whether API Gateway sends this operation ("GET /api/cases/{reference}") along this route ("ANY /api/{proxy+} -> Fn"). */
    private static boolean routes(String route, String operation) {
        String[] r = route.split(" ");
        String[] op = operation.split(" ");
        if (!r[0].equals("ANY") && !r[0].equals(op[0])) {
            return false;
        }
        String pattern = java.util.regex.Pattern.quote(r[1]).replace("{proxy+}", "\\E.+\\Q").replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
        String sample = op[1].replaceAll("\\{[^}/]+}", "x");
        return sample.matches(pattern);
    }

    // ------------------------------------------------------------------------------------- logs, alarms, outputs

    private void checkLogGroups() {
        Set<String> used = new TreeSet<>();
        for (String fn : functions().keySet()) {
            String group = refOf(map(prop(fn, "LoggingConfig")).get("LogGroup"));
            used.add(group);
            check(fn, "logs to its own log group", group != null && "AWS::Logs::LogGroup".equals(type(group)),
                    "LoggingConfig " + prop(fn, "LoggingConfig"));
        }
        for (String group : ofType("AWS::Logs::LogGroup")) {
            check(group, "has a retention", props(group).get("RetentionInDays") != null, "logs would be kept forever");
        }
        long distinct = functions().keySet().stream().map(fn -> refOf(map(prop(fn, "LoggingConfig")).get("LogGroup"))).distinct().count();
        check("Template", "one log group per function", distinct == functions().size(), distinct + " log groups for " + functions().size() + " functions");
    }

    private void checkAlarms() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm").stream().map(this::props).toList();
        Set<String> topics = new TreeSet<>(ofType("AWS::SNS::Topic"));
        for (String a : ofType("AWS::CloudWatch::Alarm")) {
            List<Object> actions = list(props(a).get("AlarmActions"));
            check(a, "notifies the alarm topic", !actions.isEmpty() && actions.stream().allMatch(x -> topics.contains(refOf(x))),
                    "AlarmActions " + actions);
        }
        for (String q : ofType("AWS::SQS::Queue")) {
            boolean dlq = !props(q).containsKey("RedrivePolicy");
            String metric = dlq ? "ApproximateNumberOfMessagesVisible" : "ApproximateAgeOfOldestMessage";
            boolean found = alarms.stream().anyMatch(al -> metric.equals(al.get("MetricName"))
                    && String.valueOf(al.get("Dimensions")).contains("[" + q + ", QueueName]")
                    && (!dlq || "0".equals(String.valueOf(al.get("Threshold"))) && "GreaterThanThreshold".equals(al.get("ComparisonOperator"))));
            check(q, "alarm on " + metric + (dlq ? " > 0" : ""), found, "no such alarm");
        }
        for (String fn : functions().keySet()) {
            boolean found = alarms.stream().anyMatch(al -> "Errors".equals(al.get("MetricName")) && "AWS/Lambda".equals(al.get("Namespace"))
                    && String.valueOf(al.get("Dimensions")).contains("{Ref=" + fn + "}"));
            check(fn, "alarm on Errors", found, "no such alarm");
        }
        // Our own metrics: a metric filter's (on log text), or else the functions' embedded metric format, which publishes
        // each count per Function and Channel and per Function only; an alarm without the Function dimension never sees one.
        Set<String> filtered = ofType("AWS::Logs::MetricFilter").stream()
                .flatMap(f -> list(props(f).get("MetricTransformations")).stream()).map(t -> String.valueOf(map(t).get("MetricName")))
                .collect(Collectors.toCollection(TreeSet::new));
        for (String a : ofType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> alarm = props(a);
            if (String.valueOf(alarm.get("Namespace")).contains("CouncilInbox") && !filtered.contains(String.valueOf(alarm.get("MetricName")))) {
                String dimensions = String.valueOf(alarm.get("Dimensions"));
                check(a, "an alarm on an embedded-format metric names its Function", dimensions.matches("\\[\\{Name=Function, Value=[a-z-]+}]"),
                        "Dimensions " + dimensions + " (the functions publish per Function, and per Function and Channel)");
            }
        }
        for (String s : ofType("AWS::SNS::Subscription")) {
            Object condition = resources().get(s) instanceof Map<?, ?> r ? r.get("Condition") : null;
            check(s, "e-mail subscription only when AlarmEmail is given",
                    condition != null && String.valueOf(map(template.get("Conditions")).get(condition)).contains("AlarmEmail"),
                    "Condition " + condition);
        }
    }

    private void checkOutputs() {
        String outputs = String.valueOf(template.get("Outputs"));
        for (String platform : List.of("meta", "whatsapp", "x")) {
            check("Outputs", "webhook URL for " + platform, outputs.contains("/webhooks/" + platform + "}") || outputs.contains("/webhooks/" + platform + ","),
                    "no output ends in /webhooks/" + platform);
        }
        for (String resource : concat(ofType("AWS::DynamoDB::Table"), ofType("AWS::SQS::Queue"), ofType("AWS::Serverless::HttpApi"))) {
            check("Outputs", "names " + resource, outputs.contains("{Ref=" + resource + "}") || outputs.contains("${" + resource + "}"),
                    "no output for " + resource);
        }
    }

    // ------------------------------------------------------------------------------------- model helpers

    private void check(String resource, String what, boolean ok, String problem) {
        checks.add(new Check(resource, what, ok, problem));
    }

    Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    private Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        resources().forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                functions.put(id, map(r));
            }
        });
        return functions;
    }

    private String type(String id) {
        return id == null ? null : String.valueOf(map(resources().get(id)).get("Type"));
    }

    private List<String> ofType(String type) {
        return resources().keySet().stream().filter(id -> type.equals(type(id))).sorted().toList();
    }

    private String single(String type) {
        List<String> ids = ofType(type);
        return ids.size() == 1 ? ids.getFirst() : null;
    }

    private Map<String, Object> props(String id) {
        return map(map(resources().get(id)).get("Properties"));
    }

    private Map<String, Object> globalFunction() {
        return map(map(template.get("Globals")).get("Function"));
    }

    /** A function property, falling back to Globals as SAM does. */
    private Object prop(String fn, String name) {
        Object own = props(fn).get(name);
        return own != null ? own : globalFunction().get(name);
    }

    /** A function's environment: Globals merged with its own, as SAM merges them. */
    private Map<String, Object> env(String fn) {
        Map<String, Object> env = new LinkedHashMap<>(map(map(globalFunction().get("Environment")).get("Variables")));
        env.putAll(map(map(props(fn).get("Environment")).get("Variables")));
        return env;
    }

    private Map<String, Map<String, Object>> events(String fn) {
        Map<String, Map<String, Object>> events = new TreeMap<>();
        map(props(fn).get("Events")).forEach((name, e) -> events.put(name, map(e)));
        return events;
    }

    private Optional<String> eventQueueOf(String fn) {
        return events(fn).values().stream().filter(e -> "SQS".equals(e.get("Type")))
                .map(e -> arnTarget(map(e.get("Properties")).get("Queue"))).filter(Objects::nonNull).findFirst();
    }

    /** What the function does, as far as secrets go (see SECRETS_BY_ROLE). */
    private Set<String> roles(String fn) {
        Set<String> roles = new TreeSet<>();
        for (var e : events(fn).values()) {
            if ("HttpApi".equals(e.get("Type")) && String.valueOf(map(e.get("Properties")).get("Path")).startsWith("/webhooks/")) {
                roles.add(Roles.WEBHOOK);
            }
        }
        String outbound = queueBySuffix(suffixOf(Provisioning.OUTBOUND));
        if (outbound != null && eventQueueOf(fn).filter(outbound::equals).isPresent()) {
            roles.add(Roles.SENDER);
        }
        String photos = queueBySuffix(suffixOf(Provisioning.PHOTOS));
        if (photos != null && eventQueueOf(fn).filter(photos::equals).isPresent()) {
            roles.add(Roles.PHOTOS);
        }
        for (var e : events(fn).values()) {
            if ("HttpApi".equals(e.get("Type")) && String.valueOf(map(e.get("Properties")).get("Path")).startsWith("/open311/")) {
                roles.add(Roles.STAFF_API);
            }
        }
        boolean knowsResidents = iamStatements(fn).stream().anyMatch(s -> actions(s).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                || iamStatements(fn).stream().anyMatch(s -> actions(s).contains("sqs:SendMessage") && listOrOne(s.get("Resource")).stream()
                        .map(TemplateChecker::arnTarget).anyMatch(q -> q != null && (q.equals(queueBySuffix(suffixOf(Provisioning.INBOUND))) || q.equals(outbound))));
        if (knowsResidents) {
            roles.add(Roles.RESIDENTS);
        }
        String works = queueBySuffix(suffixOf(Provisioning.WORKS));
        boolean worksSender = works != null && eventQueueOf(fn).filter(works::equals).isPresent();
        if (worksSender) {
            roles.add(Roles.WORKS_SENDER);
        }
        if (worksSender
                || uk.councilinbox.open311.lambda.WorksUpdatesFunction.class.getAnnotation(jakarta.inject.Named.class).value()
                        .equals(String.valueOf(env(fn).get("QUARKUS_LAMBDA_HANDLER")))) {
            roles.add(Roles.WORKS);
        }
        return roles;
    }

    private String roleOf(String fn) {
        String role = arnTarget(prop(fn, "Role"));
        return role != null && "AWS::IAM::Role".equals(type(role)) ? role : null;
    }

    private List<Map<String, Object>> iamStatements(String fn) {
        String role = roleOf(fn);
        if (role == null) {
            return List.of();
        }
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(props(role).get("Policies"))) {
            for (Object s : listOrOne(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                statements.add(map(s));
            }
        }
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        return listOrOne(statement.get("Action")).stream().map(String::valueOf).toList();
    }

    private String queueName(String id) {
        if (id == null || !"AWS::SQS::Queue".equals(type(id))) {
            return "";
        }
        Object name = props(id).get("QueueName");
        if (name instanceof Map<?, ?> m && m.get("Fn::Sub") instanceof String s) {
            return s.replace("${AWS::StackName}", "<stack>");
        }
        return String.valueOf(name);
    }

    private String queueBySuffix(String suffix) {
        return ofType("AWS::SQS::Queue").stream().filter(q -> queueName(q).endsWith(suffix)).findFirst().orElse(null);
    }

    /** "-inbound.fifo" from "council-inbox-inbound.fifo": the part after the application's name. */
    private static String suffixOf(String localQueueName) {
        return localQueueName.substring(Provisioning.TABLE.length());
    }

    private static String refOf(Object value) {
        return value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String s ? s : null;
    }

    private static String render(Object value) {
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static List<Object> listOrOne(Object value) {
        return value == null ? List.of() : value instanceof List<?> ? list(value) : List.of(value);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}
