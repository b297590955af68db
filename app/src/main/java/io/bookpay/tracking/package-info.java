/** Custom analytics events: recorded by a tenant's API client or a link's page, published as CustomEventRecorded. */
package io.bookpay.tracking;
