package dev.eventstream.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventstream.adapter.inmemory.InMemoryEventPersistence;
import dev.eventstream.api.EventMetadata;
import dev.eventstream.api.EventStore;
import dev.eventstream.api.EventStream;
import dev.eventstream.api.Fold;
import dev.eventstream.api.Folded;
import dev.eventstream.api.RecordedEvent;
import dev.eventstream.core.DefaultEventStore;
import dev.eventstream.examples.bank.AccountEvent.MoneyDeposited;
import dev.eventstream.examples.bank.AccountEvent.MoneyWithdrawn;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AccountCommandsTest {
    private final DefaultEventStore store = DefaultEventStore.builder(new InMemoryEventPersistence())
            .eventTypes(BankEventTypes.create())
            .build();
    private final AccountCommands commands = new AccountCommands(store);

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void anOverdraftIsRefusedAndAppendsNothing() {
        // given
        commands.open("a-1", "Ada", "EUR", EventMetadata.correlatedWith("r-1"));
        commands.deposit("a-1", new BigDecimal("50.00"), EventMetadata.correlatedWith("r-2"));

        // when / then
        assertThatThrownBy(() -> commands.withdraw("a-1", new BigDecimal("80.00"),
                EventMetadata.correlatedWith("r-3")))
                .isInstanceOfSatisfying(InsufficientFundsException.class, refused -> {
                    assertThat(refused.balance()).isEqualByComparingTo("50.00");
                    assertThat(refused.requested()).isEqualByComparingTo("80.00");
                });
        assertThat(stream("a-1").getEvents()).extracting(RecordedEvent::eventType)
                .containsExactly("AccountOpened", "MoneyDeposited");
        Folded<Account> account = commands.load("a-1");
        assertThat(account.version()).isEqualTo(2);
        assertThat(account.state().balance()).isEqualByComparingTo("50.00");
    }

    @Test
    void withdrawingTheWholeBalanceIsAllowed() {
        // given
        commands.open("a-1", "Ada", "EUR", EventMetadata.none());
        commands.deposit("a-1", new BigDecimal("50.00"), EventMetadata.none());

        // when
        Folded<Account> after = commands.withdraw("a-1", new BigDecimal("50.00"), EventMetadata.none());

        // then
        assertThat(after.state().balance()).isEqualByComparingTo("0");
        assertThat(after.version()).isEqualTo(3);
    }

    @Test
    void commandsOnAnAccountNotOpenAreRefusedAndAppendNothing() {
        assertThatThrownBy(() -> commands.deposit("a-1", BigDecimal.TEN, EventMetadata.none()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the account is not open");
        assertThat(stream("a-1").getEvents()).isEmpty();
    }

    @Test
    void aNonPositiveAmountIsRefusedNamingIt() {
        commands.open("a-1", "Ada", "EUR", EventMetadata.none());

        assertThatThrownBy(() -> commands.deposit("a-1", new BigDecimal("-5.00"), EventMetadata.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the amount must be positive, was -5.00");
        assertThat(stream("a-1").getEvents()).hasSize(1);
    }

    @Test
    void everyEventOfACommandCarriesTheRequestsMetadata() {
        // when
        commands.open("a-1", "Ada", "EUR", EventMetadata.correlatedWith("r-1"));
        commands.deposit("a-1", BigDecimal.ONE, EventMetadata.correlatedWith("r-2").withHeader("channel", "web"));

        // then
        List<RecordedEvent> events = stream("a-1").getEvents();
        assertThat(events.get(0).metadata()).isEqualTo(EventMetadata.correlatedWith("r-1"));
        assertThat(events.get(1).metadata().correlationId()).isEqualTo("r-2");
        assertThat(events.get(1).metadata().header("channel")).contains("web");
    }

    @Test
    void twoCommandsRacingOnOneAccountBothApplyTheLoserDecidingAgain() throws Exception {
        // given: an account, and a store on which both commands load the same version before either appends
        commands.open("a-1", "Ada", "EUR", EventMetadata.none());
        commands.deposit("a-1", new BigDecimal("100.00"), EventMetadata.none());
        CyclicBarrier bothLoaded = new CyclicBarrier(2);
        AtomicInteger loads = new AtomicInteger();
        AccountCommands racing = new AccountCommands(loadsMeetingAt(bothLoaded, loads));

        // when
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Folded<Account>> deposit = threads.submit(
                    () -> racing.deposit("a-1", new BigDecimal("20.00"), EventMetadata.correlatedWith("r-deposit")));
            Future<Folded<Account>> withdrawal = threads.submit(
                    () -> racing.withdraw("a-1", new BigDecimal("30.00"), EventMetadata.correlatedWith("r-withdraw")));

            // then: neither command lost, each returning the state after its own events
            List<Long> versions = List.of(deposit.get(10, TimeUnit.SECONDS).version(),
                    withdrawal.get(10, TimeUnit.SECONDS).version());
            assertThat(versions).containsExactlyInAnyOrder(3L, 4L);
        } finally {
            threads.shutdownNow();
        }
        assertThat(loads).as("the loser loaded the account again").hasValue(3);
        Folded<Account> account = commands.load("a-1");
        assertThat(account.version()).isEqualTo(4);
        assertThat(account.state().balance()).isEqualByComparingTo("90.00");
        assertThat(stream("a-1").getEvents(2, 2)).extracting(RecordedEvent::event)
                .containsExactlyInAnyOrder(new MoneyDeposited(new BigDecimal("20.00"), "EUR"),
                        new MoneyWithdrawn(new BigDecimal("30.00"), "EUR"));
    }

    @Test
    void theAccountStateSurvivesItsSnapshot() {
        // given: a state as the fold makes it, with an exact amount
        Account account = new Account("Ada", "EUR", new BigDecimal("12.50"));

        // when: written and read back as the store keeps state snapshots
        var serializer = BankEventTypes.create().serializer();
        Account read = serializer.deserialize(serializer.serialize(account), Account.class);

        // then
        assertThat(read).isEqualTo(account);
        assertThat(Account.FOLD.snapshotted()).isTrue();
    }

    private EventStream stream(String accountId) {
        return store.getEventStream(AccountCommands.AGGREGATION, accountId);
    }

    /**
     * The store, except that each thread's first load of a stream waits for the other thread's: both commands then
     * decide on the same version, and one of them must lose the race to append.
     */
    private EventStore loadsMeetingAt(CyclicBarrier barrier, AtomicInteger loads) {
        Set<Thread> loadedOnce = ConcurrentHashMap.newKeySet();
        return proxy(EventStore.class, store, (method, args) -> {
            Object result = method.invoke(store, args);
            if (!method.getName().equals("getEventStream")) {
                return result;
            }
            EventStream stream = (EventStream) result;
            return proxy(EventStream.class, stream, (streamMethod, streamArgs) -> {
                if (streamMethod.getName().equals("load") && streamArgs[0] instanceof Fold<?, ?>) {
                    loads.incrementAndGet();
                    Object loaded = streamMethod.invoke(stream, streamArgs);
                    if (loadedOnce.add(Thread.currentThread())) {
                        barrier.await(10, TimeUnit.SECONDS);
                    }
                    return loaded;
                }
                return streamMethod.invoke(stream, streamArgs);
            });
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            try {
                return call.invoke(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
