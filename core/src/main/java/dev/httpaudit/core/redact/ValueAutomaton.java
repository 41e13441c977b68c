package dev.httpaudit.core.redact;

/**
 * An Aho-Corasick automaton over the values to scrub: one pass over a text reports, at every
 * position, the longest value that ends there. That is all the scrubber needs (a shorter
 * value ending at the same position lies inside the longer one, so the union of the masked
 * spans is the same), and it keeps the work linear in the text whatever the values are: no
 * position is compared against a value char by char, so long or overlapping values
 * ({@code aaaa…b} against a run of {@code a}) cost no more than short ones. Building it is
 * linear in the values' total length.
 *
 * <p>Immutable once built; one is made per exchange, for the values masked in it.
 */
final class ValueAutomaton {

    /** Receives the matches of a scan. */
    interface Matches {
        /** One match, {@code [start, end)}; returns false to stop the scan. */
        boolean add(int start, int end);
    }

    private static final int ROOT = 0;
    private static final int NONE = -1;

    /** Transitions: key {@code state << 16 | char} to the next state, open addressing. */
    private final long[] keys;
    private final int[] targets;
    private final int mask;
    /** The failure link of each state: its longest proper suffix that is a state too. */
    private final int[] fail;
    /** The length of the longest value that is a suffix of the state's string, 0 when none. */
    private final int[] longest;
    /** 4096-bit filter of the values' first chars: other chars leave the root at once. */
    private final long[] firstChars = new long[64];

    private ValueAutomaton(int maxStates) {
        int size = Integer.highestOneBit(Math.max(4, maxStates * 2) - 1) << 1;
        this.keys = new long[size];
        this.targets = new int[size];
        java.util.Arrays.fill(targets, NONE);
        this.mask = size - 1;
        this.fail = new int[maxStates];
        this.longest = new int[maxStates];
    }

    /** An automaton over {@code values} (none empty). */
    static ValueAutomaton of(String[] values) {
        int total = 1;
        for (String value : values) {
            total += value.length();
        }
        ValueAutomaton automaton = new ValueAutomaton(total);
        automaton.build(values, total);
        return automaton;
    }

    private void build(String[] values, int maxStates) {
        // the trie, with each state's edges kept as a list too, for the breadth-first pass
        int[] firstEdge = new int[maxStates];
        java.util.Arrays.fill(firstEdge, NONE);
        int[] nextEdge = new int[maxStates];
        int[] edgeTarget = new int[maxStates];
        char[] edgeChar = new char[maxStates];
        int[] depth = new int[maxStates];
        int states = 1;
        for (String value : values) {
            int state = ROOT;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                int next = go(state, c);
                if (next == NONE) {
                    next = states++;
                    depth[next] = depth[state] + 1;
                    put(state, c, next);
                    edgeTarget[next] = next;
                    edgeChar[next] = c;
                    nextEdge[next] = firstEdge[state];
                    firstEdge[state] = next;
                }
                state = next;
            }
            longest[state] = depth[state];
            char first = value.charAt(0);
            firstChars[(first & 4095) >> 6] |= 1L << (first & 63);
        }
        // failure links and longest suffix values, breadth first
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int e = firstEdge[ROOT]; e != NONE; e = nextEdge[e]) {
            fail[edgeTarget[e]] = ROOT;
            queue[tail++] = edgeTarget[e];
        }
        while (head < tail) {
            int state = queue[head++];
            for (int e = firstEdge[state]; e != NONE; e = nextEdge[e]) {
                int child = edgeTarget[e];
                char c = edgeChar[e];
                int f = fail[state];
                int t;
                while ((t = go(f, c)) == NONE && f != ROOT) {
                    f = fail[f];
                }
                fail[child] = t == NONE ? ROOT : t;
                if (longest[child] == 0) {
                    longest[child] = longest[fail[child]];
                }
                queue[tail++] = child;
            }
        }
    }

    /**
     * Scans {@code text} once, giving {@code matches} the longest value ending at each
     * position where one ends, in ascending order of end.
     */
    void scan(CharSequence text, Matches matches) {
        int state = ROOT;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (state == ROOT && (firstChars[(c & 4095) >> 6] & (1L << (c & 63))) == 0) {
                continue;
            }
            int t;
            while ((t = go(state, c)) == NONE && state != ROOT) {
                state = fail[state];
            }
            state = t == NONE ? ROOT : t;
            int length = longest[state];
            if (length > 0 && !matches.add(i + 1 - length, i + 1)) {
                return;
            }
        }
    }

    private int go(int state, char c) {
        long key = ((long) state << 16) | c;
        int slot = slot(key);
        while (targets[slot] != NONE) {
            if (keys[slot] == key) {
                return targets[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NONE;
    }

    private void put(int state, char c, int target) {
        long key = ((long) state << 16) | c;
        int slot = slot(key);
        while (targets[slot] != NONE) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        targets[slot] = target;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
