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
    /** The per-state tables: chain chars, branch heads, failure links, longest values, the build's queue. */
    private static final int TABLES = 5;
    /** States of the tables a thread keeps (20 KiB): the values masked in a typical exchange fit. */
    private static final int MAX_SPARE_STATES = 1024;
    private static final ThreadSpares<int[][]> SPARES = ThreadSpares.of(1, MAX_SPARE_STATES, tables -> tables[0].length);

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
     * 1024-bit filter of the values' first chars (by their low ten bits, so every ASCII char
     * has a bit of its own): other chars leave the root at once.
     */
    private final long[] firstChars = new long[16];

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
    private boolean released;

    private ValueAutomaton(int maxStates, int values) {
        this.tables = SPARES.takeOr(maxStates, ValueAutomaton::newTables);
        this.chainChar = tables[0];
        this.branchHead = tables[1];
        this.fail = tables[2];
        this.longest = tables[3];
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
        int size = Math.max(64, Integer.highestOneBit(states - 1) << 1);
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
            firstChars[(first & 1023) >> 6] |= 1L << (first & 63);
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
    void scan(CharSequence text, Matches matches) {
        if (released) {
            throw new IllegalStateException("automaton used after release");
        }
        int state = ROOT;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (state == ROOT && (firstChars[(c & 1023) >> 6] & (1L << (c & 63))) == 0) {
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
