package uk.councilinbox.cases.dynamo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.MotoTable;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.testing.TestConfig;

/**
 * A list of cases reads about what it returns, on moto: 500 cases across every status, category and channel, and each
 * list is checked against the cases it should hold (newest first) while the items the store's queries read are counted
 * from their responses ({@code Count}). Before, a list with no category read every case of every status it allowed.
 */
class CaseListReadsTest {

    private static final int CASES = 500;
    private static final int STATUS_PARTITIONS = CaseStatus.values().length;

    @RegisterExtension
    static final MotoTable TABLE = new MotoTable(new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse q) {
                queries.incrementAndGet();
                read.addAndGet(q.count());
            }
        }
    });
    private static DynamoDbClient dynamo;
    private static final AtomicLong read = new AtomicLong();
    private static final AtomicLong queries = new AtomicLong();
    private static final List<Case> seeded = new ArrayList<>();
    private static DynamoCaseStore cases;

    @BeforeAll
    static void fiveHundredCases() {
        dynamo = TABLE.dynamo();
        cases = new DynamoCaseStore(dynamo, TestConfig.defaults(), new ObjectMapper().findAndRegisterModules());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Instant at = now.minus(Duration.ofMinutes(7L * i));
            Category category = Category.values()[(i * 7 / 3) % Category.values().length];
            Optional<String> service = category == Category.FAULT_REPORT ? Optional.of(i % 2 == 0 ? "street_lighting" : "drainage_flooding")
                    : Optional.empty();
            Case c = new Case(Reference.random(), CaseStatus.values()[i % STATUS_PARTITIONS], category, 0.9, Channel.values()[(i / 3) % 5],
                    "resident-" + i, Visibility.PRIVATE, Optional.of(i % 4 == 0 ? "Leek Road, Leek" : "Stone Road, Stone"), Optional.empty(), 0,
                    at, at, at, 1, Optional.empty(), Handling.NONE, service);
            seeded.add(c);
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(CaseItems.caseItem(c)).build()).build());
            if (batch.size() == 25 || i == CASES - 1) {
                List<WriteRequest> items = List.copyOf(batch);
                dynamo.batchWriteItem(b -> b.requestItems(java.util.Map.of(TestConfig.defaults().table(), items)));
                batch.clear();
            }
        }
    }

    @Test
    void theTwentyNewestOfAllReadAboutTwentyFromEachRun() {
        long reads = listed("all", query(Set.of(), Optional.empty(), 20));
        assertTrue(reads <= bound(20, STATUS_PARTITIONS * Category.values().length), "read " + reads);
        assertTrue(reads <= 20L * STATUS_PARTITIONS, "read " + reads);
    }

    @Test
    void aCategoryOrAStatusNarrowsWhatIsRead() {
        assertTrue(listed("category pothole_report", query(Set.of(), Optional.of(Category.POTHOLE_REPORT), 20)) <= bound(20, STATUS_PARTITIONS));
        assertTrue(listed("open statuses", query(EnumSet.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
                CaseStatus.NEEDS_REVIEW), Optional.empty(), 20)) <= bound(20, 4 * Category.values().length));
        assertTrue(listed("in_progress fault_report", query(EnumSet.of(CaseStatus.IN_PROGRESS), Optional.of(Category.FAULT_REPORT), 20)) <= 20);
        assertTrue(listed("all, 200", query(Set.of(), Optional.empty(), 200)) <= bound(200, 35));
    }

    @Test
    void datesBoundWhatIsReadToTheWindow() {
        Instant to = seeded.get(100).createdAt();
        Instant from = seeded.get(199).createdAt();
        CaseQuery window = new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.of(from), Optional.of(to), Optional.empty(), 1_000);
        long reads = listed("a window of 99 cases, limit 1000", window);
        assertTrue(reads <= 100, "read " + reads);
        CaseQuery trends = new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.of(from), Optional.empty(), Optional.empty(), 50_000);
        assertTrue(listed("everything since, limit 50000 (the trends run)", trends) <= 201);
    }

    @Test
    void aCaseInTheFirstOrLastSecondOfTheDatesIsListedWhateverItsFractionOfASecond() {
        Instant from = Instant.parse("2000-01-01T10:00:00Z");
        Instant to = Instant.parse("2000-01-01T10:00:05.250Z");
        List<Case> edges = new ArrayList<>();
        for (Instant at : List.of(from.minusMillis(500), from, from.plusMillis(500), to.minusMillis(1), to, to.plusNanos(1_000))) {
            Case c = new Case(Reference.random(), CaseStatus.CLOSED, Category.OTHER, 0.9, Channel.X, "edge", Visibility.PRIVATE, Optional.empty(),
                    Optional.empty(), 0, at, at, at, 1, Optional.empty());
            dynamo.putItem(b -> b.tableName(TestConfig.defaults().table()).item(CaseItems.caseItem(c)));
            edges.add(c);
        }
        List<Case> found = cases.search(new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.of(from), Optional.of(to),
                Optional.empty(), 10));
        assertEquals(List.of(edges.get(3), edges.get(2), edges.get(1)).stream().map(Case::reference).toList(),
                found.stream().map(Case::reference).toList(), "from inclusive, to exclusive, to the nanosecond");
    }

    @Test
    void filtersTheIndexIsNotKeyedByAreCheckedOnWhatIsRead() {
        listed("channel whatsapp", new CaseQuery(Set.of(), Optional.empty(), Optional.of(Channel.WHATSAPP), Optional.empty(), Optional.empty(),
                Optional.empty(), 20));
        listed("area leek", new CaseQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("leek"), 20));
        listed("service street_lighting", new CaseQuery(Set.of(), Optional.of(Category.FAULT_REPORT), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 20, Optional.of("street_lighting")));
        assertEquals(List.of(), cases.search(query(EnumSet.of(CaseStatus.CLOSED), Optional.of(Category.OTHER), 0)));
    }

    /** What a list of {@code n} from {@code runs} runs may read at most ({@code CaseListing}): about 3n + runs. */
    private static long bound(int n, int runs) {
        return n + (long) runs * (2L * n / runs + 1) + n;
    }

    private static CaseQuery query(Set<CaseStatus> statuses, Optional<Category> category, int limit) {
        return new CaseQuery(statuses, category, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
    }

    /** Lists, checks the list against the seeded cases, prints and returns how many items its queries read. */
    private static long listed(String what, CaseQuery query) {
        List<String> expected = seeded.stream().filter(query::matches).sorted(Comparator.comparing(Case::createdAt).reversed())
                .limit(query.limit()).map(c -> c.reference().value()).toList();
        long readBefore = read.get();
        long queriesBefore = queries.get();
        List<Case> found = cases.search(query);
        long reads = read.get() - readBefore;
        assertEquals(expected, found.stream().map(c -> c.reference().value()).toList(), what + ": the newest matching cases, newest first");
        System.out.printf("[case list reads] %s: returned %d, read %d items in %d queries (of %d cases; the earlier paging read %d)%n", what,
                found.size(), reads, queries.get() - queriesBefore, CASES, readBefore(query));
        return reads;
    }

    /**
     * What the store read for the same list before: every case of each status allowed, or, with a category, the cases of
     * that category in each between the dates (the key condition it had), whatever the limit.
     */
    private static long readBefore(CaseQuery query) {
        return seeded.stream().filter(c -> query.statuses().isEmpty() || query.statuses().contains(c.status()))
                .filter(c -> query.category().isEmpty() || (c.category() == query.category().get()
                        && query.createdFrom().map(from -> !c.createdAt().isBefore(from)).orElse(true)
                        && query.createdTo().map(to -> !c.createdAt().isAfter(to)).orElse(true)))
                .count();
    }
}
