package uk.councilinbox.cases.dynamo;

import static uk.councilinbox.cases.dynamo.CaseItems.s;
import static uk.councilinbox.cases.dynamo.TableLayout.GSI1;
import static uk.councilinbox.cases.dynamo.TableLayout.GSI1_PK;
import static uk.councilinbox.cases.dynamo.TableLayout.GSI1_SK;
import static uk.councilinbox.cases.dynamo.TableLayout.statusKey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;

/**
 * A list of cases, newest first, read from GSI1 ({@code STATUS#<status>} / {@code <category>#<created>}) by queries with a
 * limit, never by paging through a partition: each (status, category) pair the query allows is one run of cases in
 * its partition, newest first ({@code ScanIndexForward=false}, between the query's dates), and the runs are merged.
 * Each run is read a page at a time and only when the merge needs its next case, so a list of {@code n} cases out of
 * {@code k} runs reads at most about {@code 3n + k} cases: a first page of {@code 2n/k + 1} (at most {@code n}) from
 * each run, those read at once, in parallel, and further pages, each twice the last and no more than still wanted, only
 * from the runs the newest cases come from. The filters the index is not keyed by (channel, area, service) are checked
 * on the cases read, with first pages four times larger, so a narrow one reads more; a date range, a status or a
 * category only narrows the runs. With no status and no category there are 35 runs (7 statuses, 5 categories).
 */
final class CaseListing {

    /** DynamoDB's own most per page is 1 MB; a case is well under 1 KB, so this is about that. */
    private static final int MAX_PAGE = 1_000;

    private final DynamoDbClient dynamo;
    private final String table;

    CaseListing(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Cases matching the query, newest first, at most {@code query.limit()}. */
    List<Case> newestFirst(CaseQuery query) {
        if (query.limit() < 1) {
            return List.of();
        }
        Set<CaseStatus> statuses = query.statuses().isEmpty() ? EnumSet.allOf(CaseStatus.class) : query.statuses();
        List<Category> categories = query.category().map(List::of).orElse(List.of(Category.values()));
        // Without a filter the index is not keyed by, a run never has to give more than the cases still wanted; with one,
        // which of them match is not known before they are read, so the pages are larger.
        boolean everyCaseCounts = query.channel().isEmpty() && query.area().isEmpty() && query.service().isEmpty();
        int share = 2 * query.limit() / (statuses.size() * categories.size()) + 1;
        int firstPage = Math.min(MAX_PAGE, everyCaseCounts ? Math.min(query.limit(), share) : 4 * share);
        List<Run> runs = new ArrayList<>();
        for (CaseStatus status : statuses) {
            for (Category category : categories) {
                runs.add(new Run(status, category, query, firstPage, everyCaseCounts));
            }
        }
        PriorityQueue<Run> byNewestHead = new PriorityQueue<>(Comparator.comparing(Run::headKey).reversed());
        fetchFirstPages(runs).stream().filter(Run::hasHead).forEach(byNewestHead::add);
        List<Case> found = new ArrayList<>();
        while (found.size() < query.limit() && !byNewestHead.isEmpty()) {
            Run newest = byNewestHead.poll();
            Case c = newest.take();
            if (query.matches(c)) {
                found.add(c);
            }
            if (newest.hasHead(query.limit() - found.size())) {
                byNewestHead.add(newest);
            }
        }
        // The index orders by the instant as written (ISO-8601 text); within one second that can differ from time order.
        found.sort(Comparator.comparing(Case::createdAt).reversed());
        return found;
    }

    private List<Run> fetchFirstPages(List<Run> runs) {
        if (runs.size() == 1) {
            runs.getFirst().fetch();
            return runs;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> pages = runs.stream().<Future<?>>map(run -> pool.submit(run::fetch)).toList();
            for (Future<?> page : pages) {
                page.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("case list interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return runs;
    }

    /** "2026-12-03T17:00:00" for any instant in that second: a prefix of the instant as written. */
    private static String second(Instant at) {
        String whole = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return whole.substring(0, whole.length() - 1);
    }

    /** The cases of one status and category, newest first, between the query's dates, read a page at a time. */
    private final class Run {

        private final String partition;
        private final String from;
        private final String to;
        private final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> startAfter = Map.of();
        private boolean exhausted;
        private final boolean everyCaseCounts;
        private int page;

        Run(CaseStatus status, Category category, CaseQuery query, int firstPage, boolean everyCaseCounts) {
            this.partition = statusKey(status.label());
            // The whole second of each bound: an instant is written with as many fractional digits as it needs, so
            // "17:00:00.5Z" sorts before "17:00:00Z"; the cases of that second outside the dates are left out by the query.
            this.from = category.label() + "#" + query.createdFrom().map(CaseListing::second).orElse("");
            this.to = category.label() + "#" + query.createdTo().map(CaseListing::second).orElse("") + "~";
            this.page = firstPage;
            this.everyCaseCounts = everyCaseCounts;
        }

        void fetch() {
            int size = page;
            QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(GSI1).limit(size).scanIndexForward(false)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                    .expressionAttributeValues(Map.of(":pk", s(partition), ":from", s(from), ":to", s(to)))
                    .exclusiveStartKey(startAfter.isEmpty() ? null : startAfter));
            buffer.addAll(response.items());
            startAfter = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
            exhausted = startAfter.isEmpty();
            page = Math.min(MAX_PAGE, page * 2);
        }

        boolean hasHead() {
            return !buffer.isEmpty();
        }

        /** Whether the run has a next case, reading its next page when it needs one and {@code wanted} more are wanted. */
        boolean hasHead(int wanted) {
            while (buffer.isEmpty() && !exhausted && wanted > 0) {
                if (everyCaseCounts) {
                    page = Math.min(page, wanted);
                }
                fetch();
            }
            return !buffer.isEmpty();
        }

        /** The head's place in the index: its sort key without the category, the instant it was opened. */
        String headKey() {
            String sk = buffer.peekFirst().get(GSI1_SK).s();
            return sk.substring(sk.indexOf('#') + 1);
        }

        Case take() {
            return CaseItems.toCase(buffer.pollFirst());
        }
    }
}
