package io.bookpay.dashboard;

import java.util.UUID;

/**
 * A signed-in session as a request sees it.
 *
 * @param csrfToken what the session's forms carry back: derived from the session's token, which
 *     only the cookie holds, so another site can neither read nor guess it
 */
record DashboardSession(UUID tenantId, UUID apiKeyId, String csrfToken) {}
