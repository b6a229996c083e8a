package dev.eventstream.aws.testing.iam;

import java.net.URL;
import java.security.CodeSource;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Who sent a request, read from the calling thread's stack: the innermost frame of this project's code that is
 * either an adapter's shipped code or test code decides. Shipped code of other modules (the core, the shared AWS
 * code) is passed over, so a request that shared code sends for an adapter counts as the adapter's; test code
 * called back by an adapter (a subscriber that reads a table) counts as test code.
 *
 * @param adapter the adapter, such as {@code sqs} for package {@code dev.eventstream.adapter.sqs}; null when test
 *     code or no code of this project sent it
 * @param frame the deciding frame, such as {@code dev.eventstream.adapter.sqs.QueueSubscription.setUp}; null when
 *     no code of this project is on the stack
 */
public record RequestSender(@Nullable String adapter, @Nullable String frame) {
    private static final String PROJECT = "dev.eventstream.";
    private static final String ADAPTERS = "dev.eventstream.adapter.";

    /** Maven's test output, a test jar, or the testkit: code no user runs in production. */
    public static final Predicate<Class<?>> TEST_CODE = type -> {
        if (type.getName().startsWith("dev.eventstream.testkit.")) {
            return true;
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        String path = location == null ? "" : location.getPath();
        return path.contains("/test-classes/") || path.endsWith("-tests.jar");
    };

    /** The sender of the request the current thread is sending; {@code isTestCode} tells test code apart. */
    public static RequestSender ofCurrentThread(Predicate<Class<?>> isTestCode) {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> decide(frames, isTestCode));
    }

    private static RequestSender decide(Stream<StackWalker.StackFrame> frames, Predicate<Class<?>> isTestCode) {
        Optional<StackWalker.StackFrame> deciding = frames
                .filter(frame -> frame.getClassName().startsWith(PROJECT))
                .filter(frame -> frame.getClassName().startsWith(ADAPTERS)
                        || isTestCode.test(frame.getDeclaringClass()))
                .findFirst();
        if (deciding.isEmpty()) {
            return new RequestSender(null, null);
        }
        StackWalker.StackFrame frame = deciding.get();
        String where = frame.toStackTraceElement().toString();
        if (isTestCode.test(frame.getDeclaringClass())) {
            return new RequestSender(null, where);
        }
        String rest = frame.getClassName().substring(ADAPTERS.length());
        int dot = rest.indexOf('.');
        return new RequestSender(dot < 0 ? rest : rest.substring(0, dot), where);
    }

    /** Whether an adapter sent the request. */
    public boolean isAdapter() {
        return adapter != null;
    }
}
