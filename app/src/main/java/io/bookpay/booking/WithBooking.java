package io.bookpay.booking;

import io.r2dbc.spi.Readable;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Mono;

/**
 * A change another feature makes together with a booking, in the booking's own statement (a link's
 * use): a common table expression from that feature's {@code *SqlFragments} class, named
 * {@code name}, that returns one row when the change was made and none when it may not be. The
 * booking is written only if it returned a row. Its row is read with {@code read}; {@code after}
 * then runs in the booking's transaction with it (its events), or with nothing, when it must fail
 * with the reason (the transaction then rolls back, booking and all).
 *
 * @param cte {@code name AS (...)}; its parameter names must not collide with the booking's (prefix them)
 */
public record WithBooking<R>(String name, String cte, Map<String, Parameter> parameters, Function<Readable, R> read,
    BiFunction<Booking, Optional<R>, Mono<Void>> after) {}
