package dev.httpaudit.core.redact;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Queue;
import java.util.TreeSet;

/**
 * Finds out in one pass, without allocating, whether a text may mention a sensitive name:
 * an Aho-Corasick automaton over the normalized terms, fed the text normalized char by char
 * exactly as {@link SensitiveNames#normalize} would (lower-cased, {@code - _ . +} and
 * whitespace skipped).
 *
 * <p>It answers "maybe" for any text holding {@code %} or {@code \}: a percent or JSON escape
 * can spell a name that the raw chars do not show. So "no" is certain, and lets a body skip
 * parsing: no name in it can match, and neither can the tolerant scan that would handle it
 * if it did not parse.
 */
final class NameAutomaton {

    private static final int RESET = -1;
    private static final int SKIP = -2;
    private static final int ESCAPE = -3;

    /** Chars in the terms, sorted; a char's index is its symbol. */
    private final char[] alphabet;
    /**
     * What an ASCII char does, looked up once per char: its symbol (lower-cased first), or
     * {@link #RESET} (in no term), {@link #SKIP} (dropped by normalization), {@link #ESCAPE}.
     */
    private final int[] asciiActions = new int[128];
    /** ASCII chars that leave the start state: a term's first char, or an escape. */
    private final boolean[] asciiLeavesStart = new boolean[128];
    /** Next state for (state * alphabet.length + symbol). */
    private final int[] next;
    /** Whether reaching the state completes a term. */
    private final boolean[] accepting;
    /**
     * For two symbols {@code a} and {@code b} (at {@code a * alphabet.length + b}): whether
     * some term starts with them. Most chars that start a term ({@code p}, {@code s},
     * {@code t}, {@code a}, {@code c}) are common, pairs that start one far less so; in the
     * start state a char whose pair with the next one starts no term is passed over (see
     * {@link #mayOccurIn(String, int, int)}).
     */
    private final boolean[] startsPair;
    /** True when no term is shorter than two chars, so that {@link #startsPair} can decide. */
    private final boolean pairsDecide;
    /**
     * Bit {@code c << 7 | d} for two ASCII chars: whether the start state must walk the table
     * at {@code c} followed by {@code d} ({@code c} leaves the start state, and the pair
     * cannot be ruled out: see {@link #startsNoPair}). One bit test per char is all that most
     * of a text costs.
     */
    private final long[] walkAtPair = new long[128 * 128 / 64];

    NameAutomaton(Collection<String> terms) {
        TreeSet<Character> chars = new TreeSet<>();
        int totalLength = 0;
        for (String term : terms) {
            for (int i = 0; i < term.length(); i++) {
                chars.add(term.charAt(i));
            }
            totalLength += term.length();
        }
        alphabet = new char[chars.size()];
        int k = 0;
        for (char c : chars) {
            alphabet[k++] = c;
        }
        for (char c = 0; c < 128; c++) {
            asciiActions[c] = c == '%' || c == '\\' ? ESCAPE
                    : SensitiveNames.isSkipped(c) ? SKIP
                    : symbolOf(Character.toLowerCase(c));
        }
        int width = Math.max(1, alphabet.length);
        int maxStates = totalLength + 1;
        int[] trie = new int[maxStates * width];
        Arrays.fill(trie, -1);
        boolean[] ends = new boolean[maxStates];
        int states = 1;
        for (String term : terms) {
            int state = 0;
            for (int i = 0; i < term.length(); i++) {
                int cell = state * width + symbolOf(term.charAt(i));
                if (trie[cell] < 0) {
                    trie[cell] = states++;
                }
                state = trie[cell];
            }
            ends[state] = !term.isEmpty();
        }
        // Breadth first: each state's missing transitions follow its failure link's, and a
        // state accepts when its failure link does (a term ends inside a longer one).
        int[] fail = new int[states];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int s = 0; s < width; s++) {
            int child = trie[s];
            if (child < 0) {
                trie[s] = 0;
            } else {
                fail[child] = 0;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            ends[state] |= ends[fail[state]];
            for (int s = 0; s < width; s++) {
                int cell = state * width + s;
                int child = trie[cell];
                if (child < 0) {
                    trie[cell] = trie[fail[state] * width + s];
                } else {
                    fail[child] = trie[fail[state] * width + s];
                    queue.add(child);
                }
            }
        }
        next = Arrays.copyOf(trie, states * width);
        accepting = Arrays.copyOf(ends, states);
        // a state two symbols deep is one a term's first two chars lead to (states are numbered
        // in insertion order, so depth is measured, not read off the number)
        startsPair = new boolean[width * width];
        boolean shortTerm = false;
        for (String term : terms) {
            shortTerm |= term.length() < 2;
            if (term.length() >= 2) {
                startsPair[symbolOf(term.charAt(0)) * width + symbolOf(term.charAt(1))] = true;
            }
        }
        pairsDecide = !shortTerm;
        for (char c = 0; c < 128; c++) {
            int action = asciiActions[c];
            asciiLeavesStart[c] = action == ESCAPE || (action >= 0 && next[action] != 0);
        }
        for (char c = 0; c < 128; c++) {
            for (char d = 0; d < 128; d++) {
                if (asciiLeavesStart[c] && !startsNoPair(c, d)) {
                    int pair = c << 7 | d;
                    walkAtPair[pair >>> 6] |= 1L << pair;
                }
            }
        }
    }

    /** False only when no term occurs in {@code text} normalized, and it holds no escape. */
    boolean mayOccurIn(String text) {
        return mayOccurIn(text, 0, text.length());
    }

    /** As {@link #mayOccurIn(String)}, for the chars from {@code from} to {@code to} (a name inside a text, not copied). */
    boolean mayOccurIn(String text, int from, int to) {
        if (alphabet.length == 0) {
            return false;
        }
        int width = alphabet.length;
        int state = 0;
        for (int i = from; i < to; i++) {
            if (state == 0) {
                // In the start state most chars lead nowhere: skip them without the table walk.
                i = nextWalk(text, i, to);
                if (i == to) {
                    return false;
                }
            }
            char c = text.charAt(i);
            int action = c < 128 ? asciiActions[c] : nonAsciiAction(c);
            if (action >= 0) {
                state = next[state * width + action];
                if (accepting[state]) {
                    return true;
                }
            } else if (action == RESET) {
                state = 0;
            } else if (action == ESCAPE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first position from {@code i} on where the start state must walk the table: a
     * char that is not ASCII, an ASCII char that leaves the start state at the end of the
     * text, or one whose pair with the next char {@link #walkAtPair} does not rule out; or
     * {@code to}.
     */
    private int nextWalk(String text, int from, int to) {
        int i = from;
        for (; i < to - 1; i++) {
            char c = text.charAt(i);
            char d = text.charAt(i + 1);
            if ((c | d) >= 128) {
                if (c >= 128 || asciiLeavesStart[c]) {
                    return i;
                }
                continue;
            }
            int pair = c << 7 | d;
            if ((walkAtPair[pair >>> 6] & (1L << pair)) != 0) {
                return i;
            }
        }
        if (i == to - 1) {
            char c = text.charAt(i);
            if (c >= 128 || asciiLeavesStart[c]) {
                return i;
            }
        }
        return to;
    }

    /**
     * True when the ASCII term char {@code c}, read in the start state, and the plain ASCII
     * char {@code d} after it start no term: the state after {@code d} is then the same as if
     * {@code c} had not been read (it fails back to the start), and no term ends at {@code c}
     * (none is that short). False, to take the table walk, whenever this cannot be told from
     * the two chars: {@code c} an escape, {@code d} an escape or skipped by normalization.
     */
    private boolean startsNoPair(char c, char d) {
        int first = asciiActions[c];
        if (!pairsDecide || first < 0) {
            return false;
        }
        int second = asciiActions[d];
        if (second == RESET) {
            return true; // in no term
        }
        return second >= 0 && !startsPair[first * alphabet.length + second];
    }

    private int nonAsciiAction(char c) {
        return SensitiveNames.isSkipped(c) ? SKIP : symbolOf(Character.toLowerCase(c));
    }

    /** The symbol of a (lower-case) char, or {@link #RESET} when no term has it. */
    private int symbolOf(char c) {
        int at = Arrays.binarySearch(alphabet, c);
        return at >= 0 ? at : RESET;
    }
}
