/** Secrets Bookpay must read back (webhook signing secrets, tenants' processor keys), sealed at rest with AES-256-GCM. */
package io.bookpay.platform.secrets;
