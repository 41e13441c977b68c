package dev.httpaudit.core.redact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Rewriting the parts of an event's values (a record's two fields, a list's elements, a
 * header map's names and values) with a function, keeping the very same instance when the
 * function changed nothing: {@link Redactor} walks an event twice (built-in rules, then the
 * scrub of every recorded value) and tells "changed" by identity, so that an event nothing
 * sensitive was found in is passed on as it came.
 */
final class Parts {

    private Parts() {
    }

    /**
     * {@code value} with its two parts rewritten, rebuilt with {@code make} only when one of
     * them changed; null stays null.
     */
    static <R, A, B> @Nullable R rebuilt(@Nullable R value, Function<R, A> first, Function<R, B> second,
                                         UnaryOperator<A> rewriteFirst, UnaryOperator<B> rewriteSecond,
                                         BiFunction<A, B, R> make) {
        if (value == null) {
            return null;
        }
        A a = first.apply(value);
        B b = second.apply(value);
        A newA = rewriteFirst.apply(a);
        B newB = rewriteSecond.apply(b);
        return newA == a && newB == b ? value : make.apply(newA, newB);
    }

    /** The list with every element rewritten; the same instance when none changed. */
    static List<String> each(List<String> values, UnaryOperator<String> rewrite) {
        List<String> out = null;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String rewritten = rewrite.apply(value);
            if (rewritten != value) {
                if (out == null) {
                    out = new ArrayList<>(values);
                }
                out.set(i, rewritten);
            }
        }
        return out == null ? values : out;
    }

    /**
     * Header names rewritten by {@code rewriteName}, and each value by the function
     * {@code rewriteValue} gives for the (original) name; names that become equal have their
     * values joined. The same instance when nothing changed.
     */
    static Map<String, List<String>> eachHeader(Map<String, List<String>> headers, UnaryOperator<String> rewriteName,
                                                Function<String, UnaryOperator<String>> rewriteValue) {
        HeaderRewrite rewrite = new HeaderRewrite(headers, rewriteName, rewriteValue);
        // forEach, not entrySet(): an event's header maps are read-only views, whose entry set
        // wraps every entry it hands out, and each event's maps are walked four times
        headers.forEach(rewrite);
        return rewrite.out == null ? headers : rewrite.out;
    }

    /** One walk of {@link #eachHeader}: the copy is made at the first change, with the entries before it. */
    private static final class HeaderRewrite implements BiConsumer<String, List<String>> {
        private final Map<String, List<String>> headers;
        private final UnaryOperator<String> rewriteName;
        private final Function<String, UnaryOperator<String>> rewriteValue;
        private @Nullable Map<String, List<String>> out;

        HeaderRewrite(Map<String, List<String>> headers, UnaryOperator<String> rewriteName,
                      Function<String, UnaryOperator<String>> rewriteValue) {
            this.headers = headers;
            this.rewriteName = rewriteName;
            this.rewriteValue = rewriteValue;
        }

        @Override
        public void accept(String key, List<String> value) {
            String name = rewriteName.apply(key);
            List<String> values = each(value, rewriteValue.apply(key));
            if (out == null && (name != key || values != value)) {
                out = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> before : headers.entrySet()) {
                    if (before.getKey().equals(key)) {
                        break;
                    }
                    out.put(before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                out.merge(name, values, (joinedSoFar, more) -> {
                    List<String> joined = new ArrayList<>(joinedSoFar);
                    joined.addAll(more);
                    return joined;
                });
            }
        }
    }
}
