package dev.eventstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eventstream.api.Aggregate;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.EventTypes;
import dev.eventstream.api.ExpectedVersion;
import dev.eventstream.api.Fold;
import dev.eventstream.api.Folded;
import dev.eventstream.api.NewEvent;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.api.UnknownEventTypeException;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.core.SnapshotPolicy;
import dev.eventstream.core.SnapshotStore;
import dev.eventstream.core.StateSnapshot;
import dev.eventstream.testkit.accounts.Account;
import dev.eventstream.testkit.accounts.AccountEvent.Deposited;
import dev.eventstream.testkit.accounts.AccountEvent.FeeCharged;
import dev.eventstream.testkit.accounts.AccountEvent.Opened;
import dev.eventstream.testkit.accounts.AccountEvent.Withdrawn;
import dev.eventstream.testkit.accounts.AccountEvent;
import dev.eventstream.testkit.accounts.AccountTypes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Typed events over the adapter: Java records in and out through {@link EventTypes} (names and revisions from the
 * registry, money exact, the application's own mapper if it brings one), metadata on typed appends, events stored in
 * older shapes read in today's on every stream read path, folds with their version, the aggregate helper's
 * load-decide-append loop under concurrent writers, and snapshots of a fold's state (tagged by state version, checked
 * against the stream). The feed's and subscriptions' typed paths are tested by their own contracts.
 */
public abstract class TypedEventsContract extends ContractPart {
    private static final Fold<Account, AccountEvent> SNAPSHOTTED = Account.FOLD.withSnapshots(Account.class, 1);

    protected TypedEventsContract(EventPersistenceContract contract) {
        super(contract);
    }

    /** A store over the test's persistence reading with {@code types}; a snapshot every 10 events. */
    private DefaultEventStore typedStore(EventTypes types) {
        // Not closed: closing a store closes its persistence, which the contract closes after the test.
        return DefaultEventStore.builder(persistence()).eventTypes(types).snapshotPolicy(SnapshotPolicy.every(10))
                .build();
    }

    private EventStream newTypedStream(EventTypes types) {
        EventStream handle = newStream();
        return typedStore(types).getEventStream(handle.key());
    }

    @Test
    protected void typedEventsGoInAndComeOutAsTheirClasses_moneyExact() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        List<AccountEvent> events = List.of(new Opened("Ada", "EUR"), new Deposited(new BigDecimal("100.00"), "EUR"),
                new Withdrawn(new BigDecimal("0.10")));

        // when
        List<RecordedEvent> appended = stream.append(ExpectedVersion.noStream(), events).events();

        // then
        assertThat(appended).extracting(RecordedEvent::event).containsExactlyElementsOf(events);
        assertThat(appended).extracting(RecordedEvent::eventType).containsExactly("Opened", "Deposited", "Withdrawn");
        assertThat(appended).extracting(RecordedEvent::revision).containsExactly(1, 2, 1);
        assertThat(stream.getEvents()).extracting(RecordedEvent::event).containsExactlyElementsOf(events);
        assertThat(stream.readEvents().map(RecordedEvent::event).toList()).containsExactlyElementsOf(events);
        assertThat(stream.getEvents(1, 1).get(0).event(Deposited.class).amount()).isEqualTo(new BigDecimal("100.00"))
                .hasToString("100.00");
        assertThat(stream.getEvents().get(1).payloadJson()).contains("100.00");
    }

    @Test
    protected void addEventNamesATypedEvent_andMetadataGoesToEveryEventOfTheAppend() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        RecordedEvent opened = stream.addEvent(new Opened("Ada", "EUR"));
        EventMetadata context = EventMetadata.causedBy(opened).withHeader("tenant", "acme");
        EventMetadata own = EventMetadata.correlatedWith("its-own");

        // when
        List<RecordedEvent> appended = stream.append(ExpectedVersion.exactly(1), List.of(
                new Deposited(new BigDecimal("5"), "EUR"), NewEvent.of("NOTE", Map.of()),
                NewEvent.of("NOTE", Map.of()).withMetadata(own)), context).events();

        // then
        assertThat(opened.event()).isEqualTo(new Opened("Ada", "EUR"));
        assertThat(appended).extracting(RecordedEvent::metadata).containsExactly(context, context, own);
        assertThat(context.causationId()).isEqualTo(opened.eventId().toString());
        assertThat(context.correlationId()).isEqualTo(opened.eventId().toString());
        assertThat(stream.getEvents().subList(1, 4)).extracting(RecordedEvent::metadata)
                .containsExactly(context, context, own);
    }

    @Test
    protected void anUnregisteredClassIsRejectedNamingIt_andNothingIsWritten() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        record Unregistered(int n) {}

        // when / then
        assertThatThrownBy(() -> stream.append(ExpectedVersion.noStream(),
                List.of(new Opened("Ada", "EUR"), new Unregistered(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events[1]").hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("not registered");
        assertThat(stream.getEvents()).isEmpty();
    }

    @Test
    protected void anUnknownTypeFailsATypedReadClearly_orIsReadAsUntypedByChoice() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        stream.append(ExpectedVersion.noStream(), List.of(new Opened("Ada", "EUR"),
                NewEvent.of("Mystery", Map.of("x", 1)), new Deposited(BigDecimal.TEN, "EUR")));

        // when / then: the untyped view still works, the typed one names the type
        RecordedEvent mystery = stream.getEvents().get(1);
        assertThat(mystery.payload()).isEqualTo(json("{\"x\":1}"));
        assertThatThrownBy(mystery::event).isInstanceOfSatisfying(UnknownEventTypeException.class,
                e -> assertThat(e.eventType()).isEqualTo("Mystery"));
        assertThatThrownBy(() -> stream.load(Account.FOLD)).isInstanceOf(UnknownEventTypeException.class)
                .hasMessageContaining("Mystery");

        // and read as untyped by choice
        EventStream lenient = typedStore(AccountTypes.builder().readUnknownTypesAsUntyped().build())
                .getEventStream(stream.key());
        RecordedEvent untyped = lenient.getEvents().get(1);
        assertThat(untyped.isUntyped()).isTrue();
        assertThat(untyped.event()).isInstanceOf(JsonNode.class).isEqualTo(json("{\"x\":1}"));
        Folded<Account> account = lenient.load(Account.FOLD);
        assertThat(account.state().balance()).isEqualTo(BigDecimal.TEN);
        assertThat(account.version()).isEqualTo(3);
    }

    @Test
    protected void theApplicationsObjectMapperWritesAndReadsThePayloads() {
        // given
        JsonMapper mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .build();
        EventStream stream = newTypedStream(AccountTypes.builder().objectMapper(mapper).build());
        Deposited deposited = new Deposited(new BigDecimal("12.50"), "EUR");

        // when
        stream.addEvent(deposited);

        // then
        RecordedEvent read = stream.getEvents().get(0);
        assertThat(read.payloadJson()).contains("\"Amount\":12.50", "\"Currency\":\"EUR\"");
        assertThat(read.event()).isEqualTo(deposited);
        assertThat(read.payloadAs(Deposited.class)).isEqualTo(deposited);
    }

    @Test
    protected void eventsStoredInOlderShapesAreReadInTodaysOnEveryStreamReadPath() {
        // given: events as older code stored them, appended untyped
        EventStream stream = newTypedStream(AccountTypes.registry());
        List<RecordedEvent> returned = stream.append(ExpectedVersion.noStream(), List.of(
                NewEvent.of("Opened", Map.of("owner", "Ada", "currency", "EUR")), AccountTypes.oldDeposit("5.50"),
                AccountTypes.oldFee("0.25"), AccountTypes.oldTransfer("2.00", "0.05"))).events();
        List<AccountEvent> today = List.of(new Opened("Ada", "EUR"), new Deposited(new BigDecimal("5.50"), "EUR"),
                new FeeCharged(new BigDecimal("0.25")), new Withdrawn(new BigDecimal("2.00")),
                new FeeCharged(new BigDecimal("0.05")));

        // when / then: every read path upcasts, the append's own result too
        assertThat(returned).extracting(RecordedEvent::event).containsExactlyElementsOf(today);
        assertThat(stream.getEvents()).extracting(RecordedEvent::event).containsExactlyElementsOf(today);
        assertThat(stream.readEvents().map(RecordedEvent::event).toList()).containsExactlyElementsOf(today);
        assertThat(stream.getEvents(1, 3)).extracting(RecordedEvent::event)
                .containsExactlyElementsOf(today.subList(1, 5));
        RecordedEvent deposit = stream.getEvents().get(1);
        assertThat(deposit.eventType()).isEqualTo("Deposited");
        assertThat(deposit.revision()).isEqualTo(2);
        assertThat(deposit.payload()).isEqualTo(json("{\"amount\":5.50,\"currency\":\"EUR\"}"));
        assertThat(stream.getEvents().get(2).eventType()).isEqualTo("FeeCharged");
        assertThat(stream.loadFromHistory().payload().get("currency").textValue()).isEqualTo("EUR");
        assertThat(stream.loadFromHistory().eventTypes())
                .containsExactly("Opened", "Deposited", "FeeCharged", "Withdrawn", "FeeCharged");
        Folded<Account> account = stream.load(Account.FOLD);
        assertThat(account.state().balance()).isEqualByComparingTo("3.20");
        assertThat(account.version()).isEqualTo(4);

        // and the stored events keep their shape
        EventStream untyped = store().getEventStream(stream.key());
        assertThat(untyped.getEvents()).extracting(RecordedEvent::eventType)
                .containsExactly("Opened", "Deposited", "Charged", "Transferred");
        assertThat(untyped.getEvents().get(1).revision()).isEqualTo(1);
    }

    @Test
    protected void anEventSplitInTwoKeepsItsSequence_theFirstItsId_theSecondAnIdStableAcrossReads() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        RecordedEvent stored = store().getEventStream(stream.key())
                .append(ExpectedVersion.noStream(), List.of(AccountTypes.oldTransfer("1", "0.01"))).events().get(0);

        // when
        List<RecordedEvent> first = stream.getEvents();
        List<RecordedEvent> second = stream.getEvents();

        // then
        assertThat(first).hasSize(2).extracting(RecordedEvent::sequence).containsExactly(1L, 1L);
        assertThat(first.get(0).eventId()).isEqualTo(stored.eventId());
        assertThat(first.get(1).eventId()).isNotEqualTo(stored.eventId()).isEqualTo(second.get(1).eventId());
        assertThat(first).allSatisfy(event -> assertThat(event.commitTimestamp()).isEqualTo(stored.commitTimestamp()));
    }

    @Test
    protected void aFoldGivesTheStateAndTheVersionToAppendAt() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        assertThat(stream.load(Account.FOLD)).isEqualTo(new Folded<>(Account.NONE, 0));
        stream.append(ExpectedVersion.noStream(), List.of(new Opened("Ada", "EUR"),
                new Deposited(new BigDecimal("10.00"), "EUR"), new Withdrawn(new BigDecimal("2.50"))));

        // when
        Folded<Account> account = stream.load(Account.FOLD);

        // then
        assertThat(account.state()).isEqualTo(new Account("Ada", new BigDecimal("7.50"), 2));
        assertThat(account.version()).isEqualTo(3);
        stream.append(account.expectedVersion(), List.of(new FeeCharged(BigDecimal.ONE)));
        assertThatThrownBy(() -> stream.append(account.expectedVersion(), List.of(new FeeCharged(BigDecimal.ONE))))
                .isInstanceOf(dev.eventstream.api.WrongExpectedVersionException.class);
    }

    @Test
    protected void theAggregateHelperDecidesOnTheLatestState_underConcurrentCommands() throws Exception {
        // given
        DefaultEventStore typed = typedStore(AccountTypes.registry());
        String aggregation = newStream().aggregation();
        Aggregate<Account, AccountEvent> accounts = Aggregate.of(typed, aggregation, Account.FOLD)
                .withMaxAttempts(100);
        accounts.handle("acc-1", account -> account.open("Ada"));
        int writers = Math.min(4, concurrentWriters());
        int deposits = Math.min(8, appendsPerWriter());

        // when: every writer deposits 0.01 at a time, racing the others
        Concurrently.runConcurrently(writers, worker -> {
            for (int d = 0; d < deposits; d++) {
                accounts.handle("acc-1", account -> account.deposit(new BigDecimal("0.01")));
            }
            return null;
        });

        // then: no deposit lost, none twice
        Folded<Account> account = accounts.load("acc-1");
        assertThat(account.state().balance()).isEqualTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(
                (long) writers * deposits)));
        assertThat(account.state().movements()).isEqualTo(writers * deposits);
        assertThat(account.version()).isEqualTo(1L + writers * deposits);
    }

    @Test
    protected void aRefusedCommandAppendsNothing_andHandleReturnsTheNewState() {
        // given
        Aggregate<Account, AccountEvent> accounts = Aggregate.of(typedStore(AccountTypes.registry()),
                newStream().aggregation(), Account.FOLD);
        accounts.handle("acc", account -> account.open("Ada"));

        // when
        Folded<Account> afterDeposit = accounts.handle("acc", account -> account.deposit(new BigDecimal("3.00")));

        // then
        assertThat(afterDeposit).isEqualTo(new Folded<>(new Account("Ada", new BigDecimal("3.00"), 1), 2));
        assertThatThrownBy(() -> accounts.handle("acc", account -> account.withdraw(new BigDecimal("3.01"))))
                .hasMessage("insufficient funds");
        assertThat(accounts.load("acc")).isEqualTo(afterDeposit);
        assertThat(accounts.handle("acc", account -> List.of())).isEqualTo(afterDeposit);
    }

    @Test
    protected void stateSnapshotsAreSavedAndUsed_taggedByStateVersion_checkedAgainstTheStream() {
        // given
        SnapshotStore snapshots = persistence().snapshots().orElse(null);
        assumeTrue(snapshots != null, "the persistence keeps no snapshots");
        EventStream stream = newTypedStream(AccountTypes.registry());
        stream.append(ExpectedVersion.noStream(), List.of(new Opened("Ada", "EUR")));
        appendDeposits(stream, 24);

        // when: the first load folds 25 events, more than the policy's 10, and saves a snapshot
        Folded<Account> loaded = stream.load(SNAPSHOTTED);

        // then
        String name = Account.class.getName();
        StateSnapshot saved = snapshots.loadState(stream.key(), name).orElseThrow();
        assertThat(saved.sequence()).isEqualTo(25);
        assertThat(saved.stateVersion()).isEqualTo(1);
        assertThat(saved.lastEventId()).isEqualTo(stream.getEvents().get(24).eventId());
        assertThat(loaded.state().balance()).isEqualTo(new BigDecimal("24.00"));

        // and a load goes on from the snapshot: a state planted in it shows
        appendDeposits(stream, 2);
        snapshots.saveState(stream.key(), new StateSnapshot(name, 1, 25, saved.lastEventId(),
                "{\"owner\":\"from the snapshot\",\"balance\":100.00,\"movements\":0}"));
        Folded<Account> fromSnapshot = stream.load(SNAPSHOTTED);
        assertThat(fromSnapshot.state()).isEqualTo(new Account("from the snapshot", new BigDecimal("102.00"), 2));
        assertThat(fromSnapshot.version()).isEqualTo(27);

        // and another state version ignores it, as does a fold without snapshots
        Fold<Account, AccountEvent> nextVersion = Account.FOLD.withSnapshots(Account.class, 2);
        assertThat(stream.load(nextVersion).state().owner()).isEqualTo("Ada");
        assertThat(stream.load(Account.FOLD).state().owner()).isEqualTo("Ada");

        // and a snapshot whose event is not the stream's is ignored
        snapshots.saveState(stream.key(), new StateSnapshot(name, 1, 26, java.util.UUID.randomUUID(),
                "{\"owner\":\"stale\",\"balance\":0,\"movements\":0}"));
        assertThat(stream.load(SNAPSHOTTED).state()).isEqualTo(new Account("Ada", new BigDecimal("26.00"), 26));
    }

    @Test
    protected void anUnreadableStateSnapshotIsIgnored() {
        // given
        SnapshotStore snapshots = persistence().snapshots().orElse(null);
        assumeTrue(snapshots != null, "the persistence keeps no snapshots");
        EventStream stream = newTypedStream(AccountTypes.registry());
        RecordedEvent opened = stream.addEvent(new Opened("Ada", "EUR"));
        snapshots.saveState(stream.key(), new StateSnapshot(Account.class.getName(), 1, 1, opened.eventId(),
                "{\"balance\":\"not a number\"}"));

        // when
        Folded<Account> account = stream.load(SNAPSHOTTED);

        // then
        assertThat(account).isEqualTo(new Folded<>(new Account("Ada", BigDecimal.ZERO, 0), 1));
    }

    @Test
    protected void loadFromHistoryKeepsTheSeedsMergeOnATypedStore() {
        // given
        EventStream stream = newTypedStream(AccountTypes.registry());
        stream.append(ExpectedVersion.noStream(), List.of(new Opened("Ada", "EUR"),
                new Deposited(new BigDecimal("1.10"), "USD")));

        // when / then: top-level fields merged, the later event winning
        assertThat(stream.loadFromHistory().payload())
                .isEqualTo(json("{\"owner\":\"Ada\",\"currency\":\"USD\",\"amount\":1.10}"));
    }

    @Test
    protected void aHistorySnapshotFoldedBeforeAnUpcasterWasAddedIsNotUsedAfter() {
        // given: a history folded, and snapshotted, by a store whose registry has no upcaster for these events
        EventStream before = newTypedStream(AccountTypes.registry());
        before.append(ExpectedVersion.noStream(), IntStream.range(0, 12)
                .mapToObj(i -> NewEvent.of("Legacy", Map.of("v", 1))).toList());
        assertThat(before.loadFromHistory().payload()).isEqualTo(json("{\"v\":1}"));

        // when: the application adds one
        EventStream after = typedStore(AccountTypes.builder()
                .upcast("Legacy", 1, payload -> payload.put("v", 2)).build()).getEventStream(before.key());

        // then: the history is folded from the events as they are read now
        assertThat(after.loadFromHistory().payload()).isEqualTo(json("{\"v\":2}"));
        assertThat(after.loadFromHistory().payload()).isEqualTo(json("{\"v\":2}"));
        assertThat(before.loadFromHistory().payload()).isEqualTo(json("{\"v\":1}"));
    }

    private static void appendDeposits(EventStream stream, int count) {
        Function<Integer, AccountEvent> deposit = i -> new Deposited(new BigDecimal("1.00"), "EUR");
        stream.append(ExpectedVersion.any(), IntStream.range(0, count).mapToObj(deposit::apply).toList());
    }
}
