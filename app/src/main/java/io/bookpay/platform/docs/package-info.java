/** The OpenAPI description served at /v3/api-docs and Swagger UI. */
package io.bookpay.platform.docs;
