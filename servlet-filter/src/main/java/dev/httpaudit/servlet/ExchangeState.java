package dev.httpaudit.servlet;

/**
 * Where an exchange is in its life, from the first dispatch to its one event. The states and
 * the moves between them:
 *
 * <pre>
 *   OPEN ──────────────────────────────────────────────────────────▶ COMPLETED
 *    │  last dispatch returned, or AsyncListener.onComplete              ▲  ▲
 *    │                                                                   │  │
 *    ├─ REQUEST dispatch ended with an exception or sendError ─▶ AWAITING_ERROR_DISPATCH
 *    │                                                                   │  │ no ERROR dispatch
 *    │                                                                   │  │ came: the prepared
 *    │                                                                   │  │ event is emitted
 *    └─ ERROR dispatch entered ────────────────────────────────▶ ERROR_DISPATCH ◀─┘ (ERROR dispatch
 *                                                                        │      entered in time)
 *                                                                        └─ its exit ─▶ COMPLETED
 * </pre>
 *
 * A move is made with a compare-and-set ({@link DispatchLifecycle}), so when the container's
 * ERROR dispatch and the deferred end race, exactly one of them wins: either the error page's
 * exchange is emitted, or the event prepared without it, never both and never neither.
 */
enum ExchangeState {

    /** Dispatches run, or an async cycle goes on: the event is emitted when the exchange really ends. */
    OPEN,

    /**
     * The REQUEST dispatch returned with an exception or a {@code sendError}: the event was
     * prepared while the request was live and is emitted after a grace period, unless the
     * container dispatches an error page first.
     */
    AWAITING_ERROR_DISPATCH,

    /** An ERROR dispatch renders the error page: its body is the response body, its exit ends the exchange. */
    ERROR_DISPATCH,

    /** The event was emitted (or lost and counted): nothing more happens. */
    COMPLETED;

    /** True when an exchange in this state may move to {@code next}. */
    boolean canBecome(ExchangeState next) {
        return switch (this) {
            case OPEN -> next != OPEN;
            case AWAITING_ERROR_DISPATCH -> next == ERROR_DISPATCH || next == COMPLETED;
            // A second ERROR dispatch (the error page forwards to another) stays in the state.
            case ERROR_DISPATCH -> next == ERROR_DISPATCH || next == COMPLETED;
            case COMPLETED -> false;
        };
    }
}
