package dev.httpaudit.core.redact;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What redaction masks: names added to the built-in lists, whether the built-in lists apply,
 * and what a masked value becomes. Names are matched after normalization (see
 * {@link SensitiveNames}); names given here match as whole names, the built-in terms
 * ({@code password}, {@code token}, ...) also inside longer names.
 *
 * <p>Where the structure of a text is unknown (JSON that does not parse, plain text, XML,
 * HTML, error messages, header values), all three lists apply together.
 *
 * @param headers     header names to mask, added to the defaults
 * @param parameters  query and form parameter names to mask (also in URLs inside header
 *                    values and JSON strings), added to the defaults
 * @param bodyFields  JSON body field names to mask, added to the defaults
 * @param useDefaults whether the built-in lists apply
 * @param replacement what a masked value becomes
 * @param rules       custom rules, applied after the built-in redaction
 */
public record RedactionPolicy(Set<String> headers, Set<String> parameters, Set<String> bodyFields,
                              boolean useDefaults, String replacement, List<RedactionRule> rules) {

    /** The default replacement of a masked value. */
    public static final String DEFAULT_REPLACEMENT = "***";

    public RedactionPolicy {
        headers = Set.copyOf(headers);
        parameters = Set.copyOf(parameters);
        bodyFields = Set.copyOf(bodyFields);
        rules = List.copyOf(rules);
        if (replacement == null || replacement.isEmpty()) {
            throw new IllegalArgumentException("redaction replacement must not be empty");
        }
    }

    /** The built-in lists, replacement {@code ***}, no custom rules. */
    public static RedactionPolicy defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RedactionPolicy}. */
    public static final class Builder {
        private final Set<String> headers = new LinkedHashSet<>();
        private final Set<String> parameters = new LinkedHashSet<>();
        private final Set<String> bodyFields = new LinkedHashSet<>();
        private final List<RedactionRule> rules = new java.util.ArrayList<>();
        private boolean useDefaults = true;
        private String replacement = DEFAULT_REPLACEMENT;

        private Builder() {
        }

        /** Adds header names to mask. */
        public Builder headers(String... names) {
            headers.addAll(List.of(names));
            return this;
        }

        /** Adds header names to mask. */
        public Builder headers(java.util.Collection<String> names) {
            headers.addAll(names);
            return this;
        }

        /** Adds query and form parameter names to mask. */
        public Builder parameters(String... names) {
            parameters.addAll(List.of(names));
            return this;
        }

        /** Adds query and form parameter names to mask. */
        public Builder parameters(java.util.Collection<String> names) {
            parameters.addAll(names);
            return this;
        }

        /** Adds JSON body field names to mask. */
        public Builder bodyFields(String... names) {
            bodyFields.addAll(List.of(names));
            return this;
        }

        /** Adds JSON body field names to mask. */
        public Builder bodyFields(java.util.Collection<String> names) {
            bodyFields.addAll(names);
            return this;
        }

        /** Whether the built-in lists apply (default true). */
        public Builder useDefaults(boolean useDefaults) {
            this.useDefaults = useDefaults;
            return this;
        }

        /** What a masked value becomes (default {@code ***}). */
        public Builder replacement(String replacement) {
            this.replacement = replacement;
            return this;
        }

        /** Adds a custom rule, applied after the built-in redaction. */
        public Builder rule(RedactionRule rule) {
            rules.add(java.util.Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public RedactionPolicy build() {
            return new RedactionPolicy(headers, parameters, bodyFields, useDefaults, replacement, rules);
        }
    }
}
