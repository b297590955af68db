package io.bookpay.link;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A free time as a link's client sees it: which provider or location would take it stays internal. */
@Schema(description = "A free time through a link; several providers free at once show as one time")
public record PublicSlot(Instant start, Instant end) {}
