package dev.httpaudit.core.redact;

import dev.httpaudit.core.internal.ThreadSpares;

/**
 * An Aho-Corasick automaton over the values to scrub: one pass over a text reports, at every
 * position, the longest value that ends there. That is all the scrubber needs (a shorter
 * value ending at the same position lies inside the longer one, so the union of the masked
 * spans is the same), and it keeps the work linear in the text whatever the values are: no
 * position is compared against a value char by char, so long or overlapping values
 * ({@code aaaa…b} against a run of {@code a}) cost no more than short ones. Building it is
 * linear in the values' total length.
 *
 * <p>Immutable once built; one is made per exchange, for the values masked in it. Its
 * per-state tables are taken from the current thread's spares and given back by
 * {@link #release()}, after which it must not be used (a scan then throws rather than read
 * tables another automaton owns).
 */
final class ValueAutomaton {

    /** Receives the matches of a scan. */
    interface Matches {
        /** One match, {@code [start, end)}; returns false to stop the scan. */
        boolean add(int start, int end);
    }

    private static final int ROOT = 0;
    private static final int NONE = -1;
    /** The tables: chain chars, branch heads, failure links, longest values, the build's queue (per state), the filters. */
    private static final int TABLES = 6;
    /** Ints of the filter table: {@link #firstPairs}' 4,096 bits, then {@link #firstChars}' 1,024. */
    private static final int FILTER_INTS = 128 + 32;
    private static final int FIRST_CHARS = 128;
    /** States of the tables a thread keeps (24 KiB): the values masked in a typical exchange fit. */
    private static final int MAX_SPARE_STATES = 1024;
    private static final ThreadSpares<int[][]> SPARES = ThreadSpares.of(1, MAX_SPARE_STATES, tables -> tables[0].length);
    /** Chars of a string scanned at a time, copied into a char array. */
    private static final int CHUNK = 1024;
    /** The chunk arrays (one more char than a chunk: the pair check at its end looks at the next). */
    private static final ThreadSpares<char[]> CHUNKS = ThreadSpares.of(1, CHUNK + 1, chunk -> chunk.length);

    /*
     * States are numbered as they are made. A state made while inserting a value has its first
     * child made right after it, as the next number: that edge is kept as chainChar[state] (the
     * child is state + 1), so a long value costs one array slot per char and no hashing. Only
     * the other edges (from the root, and where values branch) go to the hash table.
     */
    /** The char leading to {@code state + 1}, or -1. */
    private final int[] chainChar;
    /** The first branch edge of each state (index into the branch arrays), or -1. */
    private final int[] branchHead;
    /** The failure link of each state: its longest proper suffix that is a state too. */
    private final int[] fail;
    /** The length of the longest value that is a suffix of the state's string, 0 when none. */
    private final int[] longest;
    /**
     * Two bit sets in one table (from the spares, so that an exchange allocates neither):
     * <ul>
     *   <li>from 0, 4,096 bits over the values' first two chars (six low bits of each): at
     *       the root, a position whose char and the next are not such a pair starts no value,
     *       and is passed over without a transition. A single first char is common in text
     *       (an {@code e} or a {@code B}), a pair much less so: with one char as the filter,
     *       most of a scan's time went to entering the automaton and failing back to the root
     *       on the next char;</li>
     *   <li>from {@link #FIRST_CHARS}, 1,024 bits over the values' first chars (their low ten
     *       bits, so every ASCII char has a bit of its own), used instead only when some value
     *       is a single char.</li>
     * </ul>
     */
    private final int[] filters;
    /** True when every value has two chars or more, so that the pair filter can decide. */
    private boolean pairsDecide = true;

    // branch edges: a list per state, and a hash from (state << 16 | char) to the edge; sized
    // for the number of values (each starts one edge from the root), grown when they branch
    private int branches;
    private int[] branchTarget;
    private char[] branchChar;
    private int[] branchNext;
    private long[] keys;
    private int[] slots;
    private int mask;

    /** The tables, each at least as long as the states (longer when spare): never read past them. */
    private final int[][] tables;
    /** Where a string's chars are copied to be scanned (see {@link #scan(String, Matches)}). */
    private final char[] chunk;
    private boolean released;

    private ValueAutomaton(int maxStates, int values) {
        this.tables = SPARES.takeOr(maxStates, ValueAutomaton::newTables);
        this.chunk = CHUNKS.takeOr(CHUNK + 1, char[]::new);
        this.chainChar = tables[0];
        this.branchHead = tables[1];
        this.fail = tables[2];
        this.longest = tables[3];
        this.filters = tables[5];
        java.util.Arrays.fill(filters, 0, FILTER_INTS, 0);
        java.util.Arrays.fill(chainChar, 0, maxStates, NONE);
        java.util.Arrays.fill(branchHead, 0, maxStates, NONE);
        java.util.Arrays.fill(fail, 0, maxStates, 0);
        java.util.Arrays.fill(longest, 0, maxStates, 0);
        int edges = Math.min(16, Integer.highestOneBit(Math.max(1, values)) * 2);
        this.branchTarget = new int[edges];
        this.branchChar = new char[edges];
        this.branchNext = new int[edges];
        this.keys = new long[edges * 2];
        this.slots = filled(edges * 2);
        this.mask = edges * 2 - 1;
    }

    /** Tables for {@code states} states, rounded up so that a spare serves exchanges of slightly more values too. */
    private static int[][] newTables(int states) {
        int size = Math.max(256, Integer.highestOneBit(states - 1) << 1); // the filters need FILTER_INTS
        int[][] tables = new int[TABLES][];
        for (int i = 0; i < TABLES; i++) {
            tables[i] = new int[size];
        }
        return tables;
    }

    /** Gives the tables back to the thread's spares: this automaton is not used again. */
    void release() {
        if (!released) {
            released = true;
            SPARES.give(tables);
            CHUNKS.give(chunk);
        }
    }

    private static int[] filled(int size) {
        int[] array = new int[size];
        java.util.Arrays.fill(array, NONE);
        return array;
    }

    /** An automaton over {@code values} (none empty). */
    static ValueAutomaton of(String[] values) {
        int total = 1;
        for (String value : values) {
            total += value.length();
        }
        ValueAutomaton automaton = new ValueAutomaton(total, values.length);
        automaton.build(values);
        return automaton;
    }

    private void build(String[] values) {
        int states = 1;
        for (String value : values) {
            int state = ROOT;
            boolean fresh = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                int next = fresh ? NONE : go(state, c);
                if (next == NONE) {
                    next = states++;
                    if (fresh) {
                        chainChar[state] = c; // state was made just before: next == state + 1
                    } else {
                        addBranch(state, c, next);
                    }
                    fresh = true;
                }
                state = next;
            }
            longest[state] = value.length();
            char first = value.charAt(0);
            filters[FIRST_CHARS + ((first & 1023) >> 5)] |= 1 << first;
            if (value.length() == 1) {
                pairsDecide = false;
            } else {
                int pair = pair(first, value.charAt(1));
                filters[pair >>> 5] |= 1 << pair;
            }
        }
        // failure links and longest suffix values, breadth first
        int[] queue = tables[4];
        int head = 0;
        int tail = 0;
        for (int e = branchHead[ROOT]; e != NONE; e = branchNext[e]) {
            fail[branchTarget[e]] = ROOT;
            queue[tail++] = branchTarget[e];
        }
        while (head < tail) {
            int state = queue[head++];
            if (chainChar[state] != NONE) {
                queue[tail++] = link(state, (char) chainChar[state], state + 1);
            }
            for (int e = branchHead[state]; e != NONE; e = branchNext[e]) {
                queue[tail++] = link(state, branchChar[e], branchTarget[e]);
            }
        }
    }

    /** Sets the failure link and longest suffix value of {@code child}, reached from {@code state} by {@code c}. */
    private int link(int state, char c, int child) {
        int f = fail[state];
        int t;
        while ((t = go(f, c)) == NONE && f != ROOT) {
            f = fail[f];
        }
        fail[child] = t == NONE ? ROOT : t;
        if (longest[child] == 0) {
            longest[child] = longest[fail[child]];
        }
        return child;
    }

    /**
     * Scans {@code text} once, giving {@code matches} the longest value ending at each
     * position where one ends, in ascending order of end.
     */
    void scan(String text, Matches matches) {
        scan(text, 0, matches);
    }

    /**
     * As {@link #scan(String, Matches)}, from {@code start} on: the caller knows that no value
     * occurs before it (see {@code ValueScrubber}'s search for a few values' starts).
     */
    void scan(String text, int start, Matches matches) {
        // A chunk at a time through a char array: the same loop then serves strings and
        // decoded views (a char array), and never calls charAt through an interface, which is
        // what made the scan slow where it saw both kinds of text.
        checkNotReleased();
        int n = text.length();
        int state = ROOT;
        for (int from = start; from < n && state != STOPPED; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int copied = Math.min(n, to + 1); // one char past the chunk, for the pair check at its end
            text.getChars(from, copied, chunk, 0);
            state = scan(chunk, to - from, copied - from, from, state, matches);
        }
    }

    /** As {@link #scan(String, Matches)}, for the first {@code length} chars of {@code chars}. */
    void scan(char[] chars, int length, Matches matches) {
        checkNotReleased();
        scan(chars, length, length, 0, ROOT, matches);
    }

    private void checkNotReleased() {
        if (released) {
            throw new IllegalStateException("automaton used after release");
        }
    }

    /** What the chunked scan returns once {@code matches} asked it to stop. */
    private static final int STOPPED = -2;

    /**
     * Scans {@code chars[0, count)}, the text's chars from {@code base} on, in {@code state};
     * {@code chars[0, present)} are the text's (one more than {@code count}, except at its
     * end). Returns the state after the last char, or {@link #STOPPED}.
     */
    private int scan(char[] chars, int count, int present, int base, int state, Matches matches) {
        int s = state;
        for (int i = 0; i < count; i++) {
            if (s == ROOT) {
                // From the root, a char that starts no value (or no pair that starts one) leads
                // back to the root: the state after the next char is the same as if this one
                // had not been read, and no value ends there (none is shorter than the pair).
                i = nextStart(chars, i, count, present);
                if (i == count) {
                    break;
                }
            }
            char c = chars[i];
            int t;
            while ((t = go(s, c)) == NONE && s != ROOT) {
                s = fail[s];
            }
            s = t == NONE ? ROOT : t;
            int length = longest[s];
            if (length > 0 && !matches.add(base + i + 1 - length, base + i + 1)) {
                return STOPPED;
            }
        }
        return s;
    }

    /** The first position from {@code i} on where a value may start (its first char, and the next, pass the filters), or {@code count}. */
    private int nextStart(char[] chars, int from, int count, int present) {
        int[] bits = filters;
        if (!pairsDecide) {
            for (int i = from; i < count; i++) {
                char c = chars[i];
                if ((bits[FIRST_CHARS + ((c & 1023) >> 5)] & (1 << c)) != 0) {
                    return i;
                }
            }
            return count;
        }
        // every value has two chars or more: none starts at the text's last char
        int last = Math.min(count, present - 1);
        for (int i = from; i < last; i++) {
            int pair = pair(chars[i], chars[i + 1]);
            if ((bits[pair >>> 5] & (1 << pair)) != 0) {
                return i;
            }
        }
        return count;
    }

    /** The index of two chars in the pair filter: six low bits of each. */
    private static int pair(char first, char second) {
        return (first & 63) << 6 | (second & 63);
    }

    private int go(int state, char c) {
        if (chainChar[state] == c) {
            return state + 1;
        }
        if (branchHead[state] == NONE) {
            return NONE;
        }
        long key = ((long) state << 16) | c;
        for (int slot = slot(key); slots[slot] != NONE; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return branchTarget[slots[slot]];
            }
        }
        return NONE;
    }

    private void addBranch(int state, char c, int target) {
        if (branches == branchTarget.length) {
            branchTarget = java.util.Arrays.copyOf(branchTarget, branches * 2);
            branchChar = java.util.Arrays.copyOf(branchChar, branches * 2);
            branchNext = java.util.Arrays.copyOf(branchNext, branches * 2);
        }
        int edge = branches++;
        branchTarget[edge] = target;
        branchChar[edge] = c;
        branchNext[edge] = branchHead[state];
        branchHead[state] = edge;
        if (branches * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        insert(((long) state << 16) | c, edge);
    }

    private void rehash(int size) {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[size];
        slots = filled(size);
        mask = size - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] != NONE) {
                insert(oldKeys[i], oldSlots[i]);
            }
        }
    }

    private void insert(long key, int edge) {
        int slot = slot(key);
        while (slots[slot] != NONE) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        slots[slot] = edge;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
